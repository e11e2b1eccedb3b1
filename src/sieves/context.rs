//! What every rule reads and writes: the analysed article, its entity table, the direct quotes
//! with their attributions so far, the indirect speech found so far, and the speaker in focus.

use crate::api::{QuoteKind, Span};
use crate::doc::Doc;
use crate::entities::Entities;
use crate::quotes::RawQuote;
use crate::speaker_phrase::{self, Np};
use crate::text::TokKind;

/// How many earlier quotes the speaker-in-focus look-up reads at most (keeps time linear).
pub const FOCUS_LOOKBACK: usize = 64;
/// An unattributed quote with fewer words than this is a scare quote, title or nickname.
pub const MIN_WORDS_UNATTRIBUTED: usize = 4;

/// A short quote that is a whole sentence of its own (`"I was super-green."`): it opens its
/// sentence with a capital and ends with the sentence's own stop inside the marks, so it is speech,
/// not a scare quote or a name, however few its words.
pub fn is_whole_sentence(doc: &Doc, d: &DirectQuote) -> bool {
    let bd = &doc.blocks[d.b];
    let (a, z) = d.raw.inner();
    let inner = bd.text[a..z].trim();
    d.first_tok <= d.sent.0
        && d.raw.close_len > 0
        && inner.chars().next().is_some_and(char::is_uppercase)
        && inner.ends_with(['.', '!', '?'])
}

/// Who a rule says spoke, and how it knows.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The speaker's entity, `None` when the phrase resolved to nobody.
    pub entity: Option<usize>,
    pub mentions: Vec<Span>,
    pub cue: Option<Span>,
    /// The rule id (`sieves::*::ID`).
    pub rule: &'static str,
    pub confidence: f32,
}

/// A direct quotation (a pair of quotation marks) and what the sieves found for it.
#[derive(Debug, Clone)]
pub struct DirectQuote {
    pub b: usize,
    pub raw: RawQuote,
    pub first_tok: usize,
    /// first token after the quote
    pub after_tok: usize,
    pub sent: (usize, usize),
    pub att: Option<Attribution>,
    /// cue token used by the attribution (so indirect speech does not report it again)
    pub cue_tok: Option<usize>,
    pub words: usize,
    pub keep: bool,
    /// Reported inside a mixed clause (languages with `verbatim_fragments`).
    pub nested: bool,
    /// Follows a noun naming a work ("the film “Retirement”"): a title or name, not speech.
    pub titled: bool,
}

/// Indirect (or, once merged with the quotes inside it, mixed) speech: the reported clause.
#[derive(Debug, Clone)]
pub struct IndirectQuote {
    pub b: usize,
    pub start: usize,
    pub end: usize,
    pub sentence: Span,
    pub att: Attribution,
    pub kind: QuoteKind,
}

impl IndirectQuote {
    /// Indirect speech over tokens `[c, z)` of the sentence `[s, e)` of block `b`.
    pub fn clause(doc: &Doc, b: usize, (s, e): (usize, usize), (c, z): (usize, usize), att: Attribution) -> Self {
        let toks = &doc.blocks[b].toks;
        IndirectQuote {
            b,
            start: toks[c].start,
            end: toks[z - 1].end,
            sentence: tok_span(doc, b, s, e),
            att,
            kind: QuoteKind::Indirect,
        }
    }
}

/// What a direct sieve returns when it fires: the attribution and the cue token it used.
pub type Fired = (Attribution, Option<usize>);

/// A sentence: (block, first token, end token).
pub type SentenceKey = (usize, usize, usize);
/// Where `according to X` stands in a sentence: (first token, pattern length, the speaker phrase).
pub type AccordingFind = (usize, usize, Np);

/// The state every rule works on.
pub struct Ctx<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub ents: Entities,
    /// Direct quotes in text order.
    pub direct: Vec<DirectQuote>,
    /// Indirect speech in the order found (text order).
    pub indirect: Vec<IndirectQuote>,
    /// `according-to`'s find per sentence (block, first token, end token): the quotes of one
    /// sentence share it, so a sentence with n quotes is scanned once, not n times (found by fuzzing).
    pub according: std::collections::HashMap<SentenceKey, Option<AccordingFind>>,
}

/// The span of tokens `[a, z)` of block `b`.
pub fn tok_span(doc: &Doc, b: usize, a: usize, z: usize) -> Span {
    let t = &doc.blocks[b].toks;
    Span::new(b, t[a].start, t[z - 1].end)
}

/// An attribution copied from another one, under another rule.
pub fn inherit(from: &Attribution, rule: &'static str, confidence: f32) -> Attribution {
    Attribution { entity: from.entity, mentions: from.mentions.clone(), cue: from.cue, rule, confidence }
}

impl Ctx<'_, '_> {
    /// Resolves a speaker phrase of block `b` (with the speaker in focus before byte `at`) into
    /// an attribution.
    pub fn att_from(
        &mut self,
        b: usize,
        np: &Np,
        cue: Option<(usize, usize)>,
        rule: &'static str,
        confidence: f32,
        at: usize,
    ) -> Attribution {
        let focus = self.focus(b, at);
        let r = speaker_phrase::resolve(self.doc, &mut self.ents, b, np, focus);
        Attribution {
            entity: r.entity,
            mentions: vec![r.mention],
            cue: cue.map(|(a, z)| tok_span(self.doc, b, a, z)),
            rule,
            confidence,
        }
    }

    /// The speaker in focus before byte `pos` of block `b`: the last attributed quote.
    pub fn focus(&self, b: usize, pos: usize) -> Option<usize> {
        let key = (b, pos);
        let w = crate::entities::ANTECEDENT_WINDOW_BLOCKS;
        let i = self.direct.partition_point(|d| (d.b, d.raw.start) < key);
        let from_dq = self.direct[..i]
            .iter()
            .rev()
            .take(FOCUS_LOOKBACK)
            .take_while(|d| d.b + w >= b)
            .find_map(|d| d.att.as_ref().and_then(|a| a.entity).map(|e| ((d.b, d.raw.start), e)));
        let j = self.indirect.partition_point(|x| (x.b, x.start) < key);
        let from_ind = self.indirect[..j]
            .iter()
            .rev()
            .take(FOCUS_LOOKBACK)
            .take_while(|x| x.b + w >= b)
            .find_map(|x| x.att.entity.map(|e| ((x.b, x.start), e)));
        match (from_dq, from_ind) {
            (Some(a), Some(b)) => Some(if a.0 > b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|x| x.1),
        }
    }

    /// Token index where the next quote of the same sentence starts (or the sentence end).
    pub fn next_quote_limit(&self, qi: usize) -> usize {
        let d = &self.direct[qi];
        let mut lim = d.sent.1;
        if let Some(n) = self.direct.get(qi + 1) {
            if n.b == d.b && n.first_tok < lim {
                lim = n.first_tok;
            }
        }
        lim
    }

    /// Token index where the previous quote of the same sentence ends (or the sentence start).
    pub fn prev_quote_floor(&self, qi: usize) -> usize {
        let d = &self.direct[qi];
        let mut lo = d.sent.0;
        if qi > 0 {
            let p = &self.direct[qi - 1];
            if p.b == d.b && p.after_tok > lo && p.after_tok <= d.first_tok {
                lo = p.after_tok;
            }
        }
        lo
    }

    /// Past the punctuation right after quote `qi` (`,` `(` `?` `!` and dashes): the first token
    /// that may open a trailing attribution, whether a dash was among the punctuation, and the
    /// limit (the next quote of the sentence or its end). `None` when nothing follows.
    pub fn after_closing_punct(&self, qi: usize) -> Option<(usize, bool, usize)> {
        let d = &self.direct[qi];
        let toks = &self.doc.blocks[d.b].toks;
        let lim = self.next_quote_limit(qi);
        let mut k = d.after_tok;
        let mut dash = false;
        while k < lim
            && toks[k].kind == TokKind::Punct
            && (toks[k].is_dash() || matches!(toks[k].lower.as_str(), "," | "(" | "?" | "!"))
        {
            dash |= toks[k].is_dash();
            k += 1;
        }
        (k < lim).then_some((k, dash, lim))
    }
}
