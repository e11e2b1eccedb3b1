//! The per-quote record of the `extract --jsonl` contract, shared by the CLI, `eval --dump` and
//! the Python package, so that all three give the same fields with the same values.
//!
//! Offsets here are **Unicode code points** into the whole input text (as Python's `str`
//! indexes it), end-exclusive; direct quotes include their marks. Fields are only ever added,
//! never renamed or dropped.

use crate::api::{Article, Span, SpeakerKind};
use crate::offsets::Utf16Index;
use crate::{analyze, Config};
use serde::Serialize;

/// One quotation in the `extract --jsonl` contract. The fields are in alphabetical order, the
/// order in which the JSONL output has always listed them (serialisation follows declaration).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRecord {
    /// 0..1, rounded to two decimals: how sure the rule is.
    pub confidence: f64,
    /// `[start, end]` of the speech cue ("said", "according to", ":"), when there is one.
    pub cue: Option<[usize; 2]>,
    /// Code-point offset just past the quote's last character.
    pub end: usize,
    /// `direct`, `mixed` or `indirect`.
    pub kind: &'static str,
    /// The id of the rule that attributed the quote (`trailing-cue`, `indirect-verb`, …).
    pub rule: &'static str,
    /// The speaker's most complete name in the article; `None` when unattributed.
    pub speaker: Option<String>,
    /// What the speaker is (`person`, `organisation`, …, the engine's `SpeakerKind` in lower
    /// case); `None` when unattributed.
    pub speaker_kind: Option<String>,
    /// `[start, end]` of each mention of the speaker the attribution used ("she", "the company").
    pub speaker_mentions: Vec<[usize; 2]>,
    /// Code-point offset of the quote's first character in the input text.
    pub start: usize,
    /// The quoted (or reported) words: `text[start..end]` in code points.
    pub text: String,
}

/// The lower-case name of a speaker kind, as the JSON output spells it (`person`, `organisation`,
/// `unknown`, and any kind the engine adds later).
pub fn speaker_kind_name(kind: SpeakerKind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// Every quote in `text` (plain text: one paragraph per line, blank lines ignored), as records
/// with code-point offsets into `text`. The engine never panics; this neither.
pub fn quote_records(text: &str, config: &Config) -> Vec<QuoteRecord> {
    let (article, starts) = Article::from_plain_text(text);
    article_records(&article, &starts, text, config)
}

/// The article's blocks as one text, separated by a blank line, with each block's byte offset
/// in it: the text that [`article_records`] offsets point into for an article that did not come
/// from plain text (a saved web page).
pub fn joined_text(article: &Article) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(article.blocks.len());
    for (i, b) in article.blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        text.push_str(&b.text);
    }
    (text, starts)
}

/// Every quote in `article` as records with code-point offsets into `text`, where block `i`'s
/// text starts at byte `starts[i]` of `text`.
pub fn article_records(article: &Article, starts: &[usize], text: &str, config: &Config) -> Vec<QuoteRecord> {
    let a = analyze(article, config);
    let idx = Utf16Index::new(text);
    let cp = |b: usize, off: usize| idx.to_code_points(starts[b] + off);
    let pair = |s: &Span| [cp(s.block, s.start), cp(s.block, s.end)];
    a.quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.and_then(|s| a.speakers.get(s));
            QuoteRecord {
                start: cp(q.span.block, q.span.start),
                end: cp(q.span.block, q.span.end),
                text: article.blocks[q.span.block].text[q.span.start..q.span.end].to_string(),
                kind: q.kind.as_str(),
                speaker: speaker.map(|s| s.name.clone()),
                speaker_kind: speaker.map(|s| speaker_kind_name(s.kind)),
                speaker_mentions: q.speaker_mentions.iter().map(pair).collect(),
                cue: q.cue.as_ref().map(pair),
                rule: q.rule,
                // the f32 rounded to k/100, then as the f64 nearest k/100: both print as "0.85"
                confidence: (q.confidence * 100.0).round() as f64 / 100.0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points_and_kind_is_lower_case() {
        let text = "Ганна 🤖 Petrenko runs the mill.\n\n“We start\u{00a0}at dawn,” said Hanna Petrenko.";
        let recs = quote_records(text, &Config::default());
        let q = recs.iter().find(|q| q.kind == "direct").expect("a direct quote");
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
        assert_eq!(q.text, "“We start\u{00a0}at dawn,”");
        assert_eq!(q.speaker.as_deref(), Some("Hanna Petrenko"));
        assert_eq!(q.speaker_kind.as_deref(), Some("person"));
        let [s, e] = q.cue.expect("a cue");
        assert_eq!(chars[s..e].iter().collect::<String>(), "said");
        assert_eq!(speaker_kind_name(SpeakerKind::Organisation), "organisation");
    }

    #[test]
    fn joined_text_offsets_point_into_the_joined_text() {
        use crate::api::Block;
        let article = Article::new(vec![
            Block::new(crate::BlockKind::Heading, "Ferry “Nordlys” returns"),
            Block::paragraph("“The crossing is safe again,” said Captain Ivar Lund."),
        ]);
        let (text, starts) = joined_text(&article);
        assert_eq!(starts, vec![0, "Ferry “Nordlys” returns\n\n".len()]);
        let recs = article_records(&article, &starts, &text, &Config::default());
        let chars: Vec<char> = text.chars().collect();
        let q = recs.iter().find(|q| q.kind == "direct").expect("a direct quote");
        assert_eq!(chars[q.start..q.end].iter().collect::<String>(), "“The crossing is safe again,”");
        assert_eq!(q.text, "“The crossing is safe again,”");
    }

    #[test]
    fn confidence_has_two_decimals() {
        let recs = quote_records("\"It works,\" said Ada Lovelace.", &Config::default());
        assert!(!recs.is_empty());
        for q in recs {
            assert_eq!(q.confidence, (q.confidence * 100.0).round() / 100.0);
        }
    }
}
