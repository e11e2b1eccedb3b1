//! The analysed article: per block its tokens (with lexicon flags), direct quotes and
//! quote-aware sentences. Built once per article; every rule reads it.

use crate::api::{Article, BlockKind};
use crate::fxhash::{fx, FxHashSet};
use crate::lexicon::{self, Language, Nominal, NO_CUE};
use crate::quotes::{self, RawQuote};
use crate::smallstr::SmallStr;
use crate::text::{self, TokKind};

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
    /// Cue tier (`lexicon::CUE_SAYING` … `CUE_MANNER`), `NO_CUE` when not a cue.
    pub cue: u8,
    /// Index of the direct quote (in the block) this token lies in.
    pub quote: Option<u32>,
    /// Closed-class flags (`lexicon::AUX` …).
    pub flags: u8,
    /// What the word stands for as a speaker noun ("company", "spokeswoman"), possessive stripped.
    pub nominal: Option<Nominal>,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    /// Is the lower-case word one of `words` (a word class of the language's profile)?
    pub fn is_in(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
    pub fn is_punct(&self, c: &str) -> bool {
        self.kind == TokKind::Punct && self.lower == c
    }
    pub fn is_det(&self) -> bool {
        self.flags & lexicon::DET != 0
    }
    pub fn is_time(&self) -> bool {
        self.flags & lexicon::TIME != 0
    }
    /// The first word of an "according to" phrase ("according", "laut", "nach").
    pub fn opens_according(&self) -> bool {
        self.flags & lexicon::ACCORDING != 0
    }
    pub fn is_that(&self) -> bool {
        self.flags & lexicon::THAT != 0
    }
    /// A lower-case content word: not a cue, auxiliary or stop word ("water" in "the water
    /// utility said"). Described speakers are made of these.
    pub fn is_plain_word(&self) -> bool {
        self.is_word() && !self.cap && self.cue == NO_CUE && self.flags & (lexicon::AUX | lexicon::STOP) == 0
    }
    pub fn is_base(&self) -> bool {
        self.flags & lexicon::BASE != 0
    }
    /// A possessive ("Trump's", "the company’s").
    pub fn is_possessive(&self) -> bool {
        self.lower.ends_with("'s") || self.lower.ends_with("’s") || self.flags & lexicon::POSSESSIVE != 0
    }
    /// Dashes that credit a quote or set off an aside.
    pub fn is_dash(&self) -> bool {
        self.kind == TokKind::Punct && matches!(self.lower.as_str(), "—" | "–" | "―" | "-")
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
    lowercase_seen: FxHashSet<u64>,
}

pub fn quotes_is_open_char(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '»' | '‘' | '\'' | '‚' | '‹' | '「' | '『')
}

impl<'a> Doc<'a> {
    pub fn build(article: &'a Article) -> Doc<'a> {
        Self::build_in(article, None)
    }

    /// Like [`Doc::build`], in the given language instead of the detected one.
    pub fn build_in(article: &'a Article, language: Option<&'static Language>) -> Doc<'a> {
        let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        let mut all_quotes = quotes::find_all(&texts);
        let mut lowercase_seen: FxHashSet<u64> = FxHashSet::with_capacity_and_hasher(
            article.blocks.iter().map(|b| b.text.len()).sum::<usize>() / 24,
            Default::default(),
        );
        let mut blocks = Vec::with_capacity(texts.len());
        // tokens first (language-blind), then the language from them, then lexicon flags
        for (bi, b) in article.blocks.iter().enumerate() {
            let text = b.text.as_str();
            let bq = std::mem::take(&mut all_quotes[bi]);
            let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4 + 1);
            let mut qi = 0;
            let (mut caps, mut words) = (0usize, 0usize);
            text::tokenize_into(text, |t| {
                let lower = SmallStr::lower(&text[t.start..t.end]);
                while qi < bq.len() && bq[qi].end <= t.start {
                    qi += 1;
                }
                let quote = (qi < bq.len() && bq[qi].start <= t.start && t.end <= bq[qi].end).then_some(qi as u32);
                if t.kind == TokKind::Word {
                    words += 1;
                    if t.cap {
                        caps += 1;
                    }
                }
                toks.push(Tok {
                    start: t.start,
                    end: t.end,
                    kind: t.kind,
                    cap: t.cap,
                    lower,
                    cue: 0,
                    quote,
                    flags: 0,
                    nominal: None,
                });
            });
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
            // Title Case text (most headlines) capitalises common words: no names are read from
            // it. A sentence-case heading is read like a paragraph.
            let title_case =
                (3..=25).contains(&words) && !ends_like_sentence && caps as f32 >= HEADLINE_CAPS_SHARE * words as f32;
            let headline_like = title_case || (b.kind == BlockKind::Heading && words > 25);
            // a caption, credit or teaser link given as a paragraph is a caption
            let kind = if b.kind == BlockKind::Paragraph && crate::speech::is_caption_like(text) {
                BlockKind::Caption
            } else {
                b.kind
            };
            blocks.push(BlockData { text, kind, toks, quotes: bq, sents, headline_like });
        }
        let lang = language.unwrap_or_else(|| {
            lexicon::detect(
                blocks
                    .iter()
                    .flat_map(|b| b.toks.iter())
                    .filter(|t| t.kind == TokKind::Word && !t.cap)
                    .map(|t| t.lower.as_str()),
            )
        });
        for b in &mut blocks {
            for t in &mut b.toks {
                if t.kind != TokKind::Word {
                    continue;
                }
                if let Some(i) = lang.info.get(t.lower.as_str()) {
                    t.cue = i.cue;
                    t.flags = i.flags;
                    t.nominal = i.nominal;
                    if !t.cap && t.quote.is_none() && i.flags & lexicon::STOP == 0 {
                        lowercase_seen.insert(fx(&t.lower));
                    }
                    continue;
                }
                if !t.cap && t.quote.is_none() {
                    lowercase_seen.insert(fx(&t.lower));
                }
                if let Some(bare) = t.lower.strip_suffix("'s").or_else(|| t.lower.strip_suffix("’s")) {
                    t.nominal = lang.info.get(bare).and_then(|i| i.nominal);
                }
            }
        }
        if !lang.cue_nouns.is_empty() {
            for b in &mut blocks {
                unmark_cue_nouns(lang, &mut b.toks);
            }
        }
        if !lang.particle_cues.is_empty() {
            for b in &mut blocks {
                mark_particle_cues(lang, &mut b.toks, &b.sents);
            }
        }
        Doc { lang, blocks, lowercase_seen }
    }

    /// Does the article write this (lower-case) word in lower case somewhere outside quotes?
    pub fn seen_lowercase(&self, lower: &str) -> bool {
        self.lowercase_seen.contains(&fx(lower))
    }

    pub fn is_aux(&self, t: &Tok) -> bool {
        t.flags & lexicon::AUX != 0
    }
    pub fn is_stop(&self, t: &Tok) -> bool {
        t.flags & lexicon::STOP != 0
    }
    pub fn nominal(&self, t: &Tok) -> Option<Nominal> {
        t.nominal
    }
    pub fn is_pronoun_subject(&self, t: &Tok) -> bool {
        let l = t.lower.as_str();
        self.lang.he.first() == Some(&l)
            || self.lang.she.first() == Some(&l)
            || self.lang.it.first() == Some(&l)
            || self.lang.they.first() == Some(&l)
    }
}

/// Punctuation that ends a clause.
fn ends_clause(t: &Tok) -> bool {
    t.kind == TokKind::Punct && matches!(t.lower.as_str(), "," | ":" | ";" | "." | "!" | "?")
}

/// Most modifiers between a determiner and a cue noun ("the big reveal", "a new civil claim").
const MAX_CUE_NOUN_MODIFIERS: usize = 2;

/// A cue verb whose bare form is also a noun (`cue_nouns`) is the noun after a determiner or
/// possessive and at most `MAX_CUE_NOUN_MODIFIERS` lower-case modifiers that cannot be its plural
/// subject (no plural ending, no plural or speaker noun): "the civil claim said", "his reply:" —
/// but "the officials claim", "the police claim", "the Liberals claim" keep the verb.
fn unmark_cue_nouns(lang: &Language, toks: &mut [Tok]) {
    for i in 1..toks.len() {
        let t = &toks[i];
        if t.cue == NO_CUE || t.cap || t.quote.is_some() || !t.is_in(&lang.cue_nouns) {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < MAX_CUE_NOUN_MODIFIERS {
            let p = &toks[j - 1];
            let modifier = p.is_plain_word()
                && p.quote.is_none()
                && p.nominal.is_none()
                && !p.lower.ends_with('s')
                && !p.is_in(&lang.plural_nouns)
                && !p.is_det();
            if !modifier {
                break;
            }
            j -= 1;
        }
        if j > 0 && (toks[j - 1].is_det() || toks[j - 1].is_possessive()) && toks[j - 1].quote.is_none() {
            toks[i].cue = NO_CUE;
        }
    }
}

/// Separable verbs are cues only with their particle: "Sie gab an, dass …", "Er wies die
/// Vorwürfe zurück." The particle must close the verb's clause (punctuation, a conjunction or
/// the sentence end follows it), so "gab an der Stelle" stays a plain verb.
fn mark_particle_cues(lang: &Language, toks: &mut [Tok], sents: &[(usize, usize)]) {
    for &(s, e) in sents {
        for i in s..e {
            if toks[i].cue != NO_CUE || toks[i].quote.is_some() || toks[i].kind != TokKind::Word {
                continue;
            }
            let Some(parts) = lang.particle_cues.get(toks[i].lower.as_str()) else { continue };
            let mut tier = 0;
            for j in i + 1..e {
                let t = &toks[j];
                if t.quote.is_some() {
                    continue;
                }
                if ends_clause(t) {
                    break;
                }
                let closes = toks.get(j + 1).is_none_or(|n| {
                    j + 1 >= e
                        || (n.quote.is_none() && (ends_clause(n) || n.lower == "–" || n.lower == "—"))
                        || n.is_in(&lang.clause_joiners)
                });
                if closes {
                    if let Some(&(_, t)) = parts.iter().find(|(p, _)| toks[j].lower == p.as_str()) {
                        tier = t;
                    }
                    break;
                }
            }
            if tier != 0 {
                toks[i].cue = tier;
            }
        }
    }
}
