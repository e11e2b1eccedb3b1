//! Property tests: the engine never panics, and its spans are sane, on any text.
use proptest::prelude::*;
use quotelens::{analyze, Article, Block, Config, QuoteKind};

fn check(article: &Article) {
    let a = analyze(article, &Config::default());
    let mut last = (0usize, 0usize);
    for q in &a.quotes {
        let t = &article.blocks[q.span.block].text;
        for s in std::iter::once(&q.span)
            .chain(q.speaker_mentions.iter())
            .chain(q.cue.iter())
            .chain(std::iter::once(&q.sentence))
        {
            let bt = &article.blocks[s.block].text;
            assert!(s.start <= s.end && s.end <= bt.len(), "span inside its block");
            assert!(bt.is_char_boundary(s.start) && bt.is_char_boundary(s.end), "span on char boundaries");
        }
        assert!(q.span.end > q.span.start && !t[q.span.start..q.span.end].trim().is_empty());
        assert!((q.span.block, q.span.start) >= last, "quotes sorted");
        last = (q.span.block, q.span.start);
        if let Some(s) = q.speaker {
            assert!(s < a.speakers.len());
        }
        assert!((0.0..=1.0).contains(&q.confidence));
    }
    let direct: Vec<_> = a.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    for w in direct.windows(2) {
        assert!(w[0].span.block < w[1].span.block || w[0].span.end <= w[1].span.start, "direct quotes do not overlap");
    }
}

fn article(paras: Vec<String>) -> Article {
    Article::new(paras.into_iter().map(Block::paragraph).collect())
}

const PIECES: &[&str] = &[
    "\"",
    "“",
    "”",
    "„",
    "‘",
    "’",
    "'",
    "''",
    "«",
    "»",
    "‹",
    "›",
    "「",
    "」",
    " said ",
    " says ",
    "he ",
    "She ",
    "the company ",
    "Mr. ",
    "Kaspersky Lab",
    " according to ",
    ":",
    ",",
    ".",
    "—",
    " ",
    "\u{00a0}",
    "\u{00ad}",
    "😀",
    "Привет",
    "DHS",
    "that ",
    "\n",
    "a",
    "The ",
    "U.S.",
    "it",
    "told reporters",
    "(",
    ")",
    "sagte",
    "laut ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn never_panics_on_any_string(paras in prop::collection::vec(".{0,200}", 0..6)) {
        check(&article(paras));
    }

    #[test]
    fn never_panics_on_news_like_noise(parts in prop::collection::vec(prop::sample::select(PIECES), 0..120), cut in 1usize..6) {
        let s: String = parts.concat();
        let paras: Vec<String> = s.split('\n').map(str::to_string).collect::<Vec<_>>().chunks(cut).map(|c| c.join(" ")).collect();
        check(&article(paras));
    }
}

#[test]
fn hostile_inputs_complete() {
    // the timings of these are in `quotelens bench --hostile`; here: they finish, sanely
    let marks = "\" “ ‘ ' « „ ".repeat(20_000);
    check(&article(vec![marks]));
    let long = "He said \"the plan is fine, \" and the company said it was not. ".repeat(15_000);
    check(&article(vec![long]));
    check(&article(
        (0..100_000).map(|i| if i % 2 == 0 { "\"Hi,\" he said.".to_string() } else { "x".to_string() }).collect(),
    ));
}
