//! The engine's input and output types. Pure data: no DOM, no I/O.
//!
//! Offsets in this module are **UTF-8 byte offsets** into the text of one block
//! (`Block::text`), end-exclusive, always on `char` boundaries. The wasm façade converts
//! them to UTF-16 code units, the CLI to Unicode code points.

use serde::{Deserialize, Serialize};

/// What kind of element a block of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    #[default]
    Paragraph,
    Caption,
    #[serde(rename = "listitem", alias = "list_item", alias = "li")]
    ListItem,
    Blockquote,
}

/// One block of article text (a paragraph, a heading, …), in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub text: String,
    #[serde(default)]
    pub kind: BlockKind,
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block { text: text.into(), kind: BlockKind::Paragraph }
    }
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block { text: text.into(), kind }
    }
}

/// An article: ordered blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub blocks: Vec<Block>,
}

impl Article {
    pub fn new(blocks: Vec<Block>) -> Self {
        Article { blocks }
    }

    /// Splits plain text into paragraph blocks. Every line is a block of its own (news
    /// text puts one paragraph on a line, or separates paragraphs by blank lines); blank
    /// lines are dropped. Returns the blocks and, for each, its byte offset in `text`.
    pub fn from_plain_text(text: &str) -> (Article, Vec<usize>) {
        let mut blocks = Vec::new();
        let mut starts = Vec::new();
        let mut pos = 0;
        for line in text.split('\n') {
            let start = pos;
            pos += line.len() + 1;
            let trimmed_end = line.trim_end_matches(['\r', ' ', '\t']);
            if trimmed_end.trim().is_empty() {
                continue;
            }
            starts.push(start);
            blocks.push(Block::paragraph(trimmed_end));
        }
        (Article { blocks }, starts)
    }
}

/// A span of text in one block: `[start, end)` in UTF-8 bytes of `Article::blocks[block].text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(block: usize, start: usize, end: usize) -> Self {
        Span { block, start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// How the words are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Wholly inside quotation marks; the span includes the marks.
    Direct,
    /// A reported clause containing a quoted fragment; the span is the clause.
    Mixed,
    /// Reported speech without quotation marks; the span is the content clause.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// What a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
    Unknown,
}

/// One quotation found in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted (or reported) words. For a multi-paragraph quote, one `Quote` per
    /// paragraph; the later ones name the first in `continues`.
    pub span: Span,
    pub kind: QuoteKind,
    /// Index into `Analysis::speakers`; `None` when unattributed.
    pub speaker: Option<usize>,
    /// The mention(s) of the speaker that the attribution used (e.g. "the company", "he").
    pub speaker_mentions: Vec<Span>,
    /// The speech cue ("said", "according to", ":" …) when there is one.
    pub cue: Option<Span>,
    /// The attribution sentence: the text a reader should see to check the label.
    pub sentence: Span,
    /// Stable id of the sieve that attributed the quote (see `sieves::Sieve::id`).
    pub rule: &'static str,
    /// 0..1: how sure the rule is.
    pub confidence: f32,
    /// For a paragraph of a multi-paragraph quote after the first: the index of the
    /// first paragraph's quote in `Analysis::quotes`.
    pub continues: Option<usize>,
}

/// One speaker: a person or organisation, resolved across the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The most complete name the article gives ("Kaspersky Lab", "Jacque Vaughn").
    pub name: String,
    pub kind: SpeakerKind,
    /// Role or title, never part of the name ("Prime Minister", "a spokeswoman for the ministry").
    pub role: Option<String>,
    /// Every mention of the speaker that the engine linked, in text order.
    pub mentions: Vec<Span>,
}

/// Everything the engine found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analysis {
    /// Quotes in text order (by block, then start).
    pub quotes: Vec<Quote>,
    pub speakers: Vec<Speaker>,
}
