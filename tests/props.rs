//! Property tests: the engine never panics, and its spans are sane, on any text.
use proptest::prelude::*;
use quotelens::{analyze, Article, Block, Config};

mod invariants;

fn check(article: &Article) {
    invariants::check_analysis(article, &analyze(article, &Config::default()));
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
    #![proptest_config(ProptestConfig::with_cases(1000))]
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
