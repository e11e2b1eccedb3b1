//! The analysed article: per block its tokens (with lexicon flags), direct quotes and
//! quote-aware sentences. Built once per article; every rule reads it.

use crate::lexicon::{Language, Nominal};
use crate::model::{Article, BlockKind};
use crate::quotes::{self, RawQuote};
use crate::text::{self, TokKind};
use crate::smallstr::{fx, FxHashSet, SmallStr};

/// A block shorter than this many words, mostly capitalised and without a final period, reads
/// as a headline: its capitalised words are not taken as names.
pub const HEADLINE_CAPS_SHARE: f32 = 0.6;

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub cap: bool,
    pub lower: SmallStr,
    /// Cue tier (1 saying … 3 belief), 0 when not a cue.
    pub cue: u8,
    /// Index of the direct quote (in the block) this token lies in.
    pub quote: Option<usize>,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_punct(&self, c: &str) -> bool {
        self.kind == TokKind::Punct && self.lower == c
    }
}

pub struct BlockData<'a> {
    pub text: &'a str,
    pub kind: BlockKind,
    pub toks: Vec<Tok>,
    pub quotes: Vec<RawQuote>,
    /// Quote-aware sentences as token index ranges `[start, end)`.
    pub sents: Vec<(usize, usize)>,
    pub headline_like: bool,
}

impl BlockData<'_> {
    /// Token index range of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        let k = self.sents.partition_point(|&(_, e)| e <= i);
        match self.sents.get(k) {
            Some(&(s, e)) if i >= s => (s, e),
            _ => (i.min(self.toks.len()), (i + 1).min(self.toks.len())),
        }
    }
    /// First token index at or after byte `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }
    pub fn tok_text(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    pub fn slice(&self, a: usize, b: usize) -> &str {
        if a >= b || a >= self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
}

pub struct Doc<'a> {
    pub lang: &'static Language,
    pub blocks: Vec<BlockData<'a>>,
    /// Lower-case words the article writes in lower case somewhere (so a capitalised
    /// sentence-initial one is a common word, not a name).
    pub lowercase_seen: FxHashSet<u64>,
}

pub fn quotes_is_open_char(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '»' | '‘' | '\'' | '‚' | '‹' | '「' | '『')
}

impl<'a> Doc<'a> {
    pub fn build(article: &'a Article) -> Doc<'a> {
        let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        let lang = crate::lexicon::detect(&texts);
        let mut all_quotes = quotes::find_all(&texts);
        let mut lowercase_seen = FxHashSet::default();
        let mut blocks = Vec::with_capacity(texts.len());
        for (bi, b) in article.blocks.iter().enumerate() {
            let text = b.text.as_str();
            let raw = text::tokenize(text);
            let bq = std::mem::take(&mut all_quotes[bi]);
            let mut toks = Vec::with_capacity(raw.len());
            let mut qi = 0;
            let mut caps = 0usize;
            let mut words = 0usize;
            for t in raw {
                let w = &text[t.start..t.end];
                let lower = SmallStr::lower(w);
                while qi < bq.len() && bq[qi].end <= t.start {
                    qi += 1;
                }
                let quote = (qi < bq.len() && bq[qi].start <= t.start && t.end <= bq[qi].end).then_some(qi);
                let cue = if t.kind == TokKind::Word { lang.cues.get(lower.as_str()).copied().unwrap_or(0) } else { 0 };
                if t.kind == TokKind::Word {
                    words += 1;
                    if t.cap {
                        caps += 1;
                    } else if quote.is_none() {
                        lowercase_seen.insert(fx(&lower));
                    }
                }
                toks.push(Tok { start: t.start, end: t.end, kind: t.kind, cap: t.cap, lower, cue, quote });
            }
            let protected: Vec<(usize, usize)> = bq.iter().map(|q| (q.start, q.end)).collect();
            let sent_bytes = text::sentences(text, &protected);
            let mut sents = Vec::with_capacity(sent_bytes.len());
            for (s, e) in sent_bytes {
                let a = toks.partition_point(|t| t.start < s);
                let z = toks.partition_point(|t| t.start < e);
                if z > a {
                    sents.push((a, z));
                }
            }
            let trimmed = text.trim_end();
            let ends_like_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', '»', '“', ':']);
            let headline_like = b.kind == BlockKind::Heading
                || ((3..=25).contains(&words) && !ends_like_sentence && caps as f32 >= HEADLINE_CAPS_SHARE * words as f32);
            blocks.push(BlockData { text, kind: b.kind, toks, quotes: bq, sents, headline_like });
        }
        Doc { lang, blocks, lowercase_seen }
    }

    pub fn is_aux(&self, t: &Tok) -> bool {
        t.is_word() && self.lang.aux.contains(&t.lower.as_str())
    }
    pub fn is_stop(&self, t: &Tok) -> bool {
        self.lang.stop.contains(t.lower.as_str())
    }
    pub fn nominal(&self, t: &Tok) -> Option<Nominal> {
        if !t.is_word() {
            return None;
        }
        self.lang.nominals.get(t.lower.trim_end_matches("'s").trim_end_matches("’s")).copied()
    }
    pub fn is_title(&self, t: &Tok, text: &str) -> bool {
        t.is_word() && t.cap && self.lang.titles.contains_key(&text[t.start..t.end])
    }
    pub fn is_pronoun_subject(&self, t: &Tok) -> bool {
        let l = t.lower.as_str();
        self.lang.he.first() == Some(&l) || self.lang.she.first() == Some(&l) || self.lang.it.first() == Some(&l) || self.lang.they.first() == Some(&l)
    }
}
