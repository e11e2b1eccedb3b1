//! What must hold for the engine's output on ANY input: every span inside its block and on char
//! boundaries, indices valid, quotes sorted, direct quotes disjoint, output bounded by the input.
//! Shared by the property tests (`tests/props.rs`), the fuzz regressions (`tests/fuzz_regressions.rs`)
//! and the fuzz targets (`fuzz/`, included by path), so all three check the same thing.
#![allow(dead_code)]

use quotelens::{Analysis, Article, QuoteKind, Span};

fn check_span(article: &Article, s: &Span, what: &str) {
    assert!(s.block < article.blocks.len(), "{what}: block {} of {}", s.block, article.blocks.len());
    let t = &article.blocks[s.block].text;
    assert!(
        s.start <= s.end && s.end <= t.len(),
        "{what}: span {}..{} inside its block of {} bytes",
        s.start,
        s.end,
        t.len()
    );
    assert!(
        t.is_char_boundary(s.start) && t.is_char_boundary(s.end),
        "{what}: span {}..{} on char boundaries",
        s.start,
        s.end
    );
}

/// Panics (with what went wrong) unless `a` is a sane analysis of `article`.
pub fn check_analysis(article: &Article, a: &Analysis) {
    let bytes: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    // every quote covers at least one non-blank byte and direct quotes are disjoint; a direct quote
    // and the mixed or indirect clause around it may share bytes, so two per byte is a generous cap
    assert!(a.quotes.len() <= 2 * bytes, "{} quotes from {bytes} bytes", a.quotes.len());
    assert!(a.speakers.len() <= bytes, "{} speakers from {bytes} bytes", a.speakers.len());
    let mut last = (0usize, 0usize);
    for (i, q) in a.quotes.iter().enumerate() {
        check_span(article, &q.span, "quote");
        check_span(article, &q.sentence, "attribution sentence");
        for m in &q.speaker_mentions {
            check_span(article, m, "speaker mention");
        }
        if let Some(c) = &q.cue {
            check_span(article, c, "cue");
        }
        let t = &article.blocks[q.span.block].text;
        assert!(q.span.end > q.span.start && !t[q.span.start..q.span.end].trim().is_empty(), "quote is not blank");
        assert!((q.span.block, q.span.start) >= last, "quotes sorted");
        last = (q.span.block, q.span.start);
        if let Some(s) = q.speaker {
            assert!(s < a.speakers.len(), "speaker {s} of {}", a.speakers.len());
        }
        if let Some(c) = q.continues {
            assert!(c < i, "quote {i} continues quote {c}, which must come before it");
        }
        assert!((0.0..=1.0).contains(&q.confidence), "confidence {}", q.confidence);
        assert!(!q.rule.is_empty(), "every quote names its rule");
    }
    for sp in &a.speakers {
        assert!(!sp.name.trim().is_empty(), "a speaker has a name");
        for m in &sp.mentions {
            check_span(article, m, "speaker's mention");
        }
    }
    let direct: Vec<_> = a.quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    for w in direct.windows(2) {
        assert!(w[0].span.block < w[1].span.block || w[0].span.end <= w[1].span.start, "direct quotes do not overlap");
    }
}
