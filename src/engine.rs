//! The pipeline: direct quotes → sieves (quote → speaker phrase → entity) → indirect speech →
//! mixed quotes → output. Every rule reads the shared `Doc` and the article's entity table.

use crate::doc::Doc;
use crate::entities::Entities;
use crate::model::{Analysis, Article, BlockKind, Quote, QuoteKind, Span, Speaker, SpeakerKind};
use crate::np::{self, Head, Np};
use crate::quotes::RawQuote;
use crate::rules::{self, Sieve};
use crate::text::TokKind;
use crate::Config;
use std::collections::HashMap;

/// A quote wholly inside an indirect clause that covers at least this share of the clause is
/// reported as a direct quote, not as a mixed one.
pub const DIRECT_SHARE_OF_CLAUSE: f32 = 0.8;
/// An unattributed quote with fewer words than this is a scare quote, title or nickname.
pub const MIN_WORDS_UNATTRIBUTED: usize = 4;
/// Fewest words in the content clause of indirect speech.
pub const MIN_INDIRECT_WORDS: usize = 3;
/// Most tokens between a cue and the quote it introduces (`said on Monday in Ohio: "…"`).
pub const MAX_LEADING_FILLER: usize = 9;
/// How many earlier quotes the speaker-in-focus look-up reads at most (keeps time linear).
pub const FOCUS_LOOKBACK: usize = 64;
/// How many blocks back a bare quoted paragraph may inherit a speaker from.
pub const CONTINUATION_BLOCKS: usize = 1;
/// How many captions, headings or quote-free list items a continuation may look past.
pub const MAX_ASIDES_SKIPPED: usize = 2;
/// In languages with verbatim fragments, an unattributed lower-case fragment this long is kept.
pub const MIN_WORDS_LOWER_FRAGMENT: usize = 3;
/// How many tokens after a German cue may stand before the comma, colon or "dass" that opens
/// the reported clause (an object, an addressee, a particle).
pub const GERMAN_CLAUSE_LOOKAHEAD: usize = 10;

const PREPS: &[&str] = &[
    "in",
    "on",
    "at",
    "of",
    "about",
    "via",
    "to",
    "during",
    "after",
    "before",
    "with",
    "for",
    "from",
    "through",
    "while",
    "when",
    "outside",
    "inside",
    "late",
    "earlier",
    "last",
    "this",
    "am",
    "im",
    "bei",
    "gegenüber",
    "vor",
    "nach",
];
/// German "sprechen von" names rather than reports ("sprach von einem „Dammbruch“").
fn names_with_von(verb: &crate::doc::Tok, next: Option<&crate::doc::Tok>) -> bool {
    matches!(verb.lower.as_str(), "sprach" | "sprachen" | "spricht" | "sprechen")
        && next.is_some_and(|x| matches!(x.lower.as_str(), "von" | "vom"))
}
const ADDRESSEE_CUES: &[&str] = &[
    "told",
    "tells",
    "tell",
    "asked",
    "asks",
    "asking",
    "telling",
    "informed",
    "assured",
    "warned",
    "reminded",
    "urged",
    "sagte",
    "erklärte",
];

#[derive(Debug, Clone)]
struct Att {
    entity: Option<usize>,
    mentions: Vec<Span>,
    cue: Option<Span>,
    rule: &'static str,
    confidence: f32,
}

#[derive(Debug, Clone)]
struct Dq {
    b: usize,
    raw: RawQuote,
    first_tok: usize,
    /// first token after the quote
    after_tok: usize,
    sent: (usize, usize),
    att: Option<Att>,
    /// cue token used by the attribution (so indirect speech does not report it again)
    cue_tok: Option<usize>,
    words: usize,
    keep: bool,
    /// Reported inside a mixed clause (languages with `verbatim_fragments`).
    nested: bool,
    /// Follows a noun naming a work ("the film “Retirement”"): a title or name, not speech.
    titled: bool,
}

#[derive(Debug, Clone)]
struct Ind {
    b: usize,
    start: usize,
    end: usize,
    sentence: Span,
    att: Att,
    kind: QuoteKind,
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    ents: Entities,
    dqs: Vec<Dq>,
    inds: Vec<Ind>,
}

fn tok_span(doc: &Doc, b: usize, a: usize, z: usize) -> Span {
    let t = &doc.blocks[b].toks;
    Span::new(b, t[a].start, t[z - 1].end)
}

impl Ctx<'_, '_> {
    fn att_from(
        &mut self,
        b: usize,
        np: &Np,
        cue: Option<(usize, usize)>,
        rule: &'static str,
        confidence: f32,
        at: usize,
    ) -> Att {
        let focus = self.focus(b, at);
        let r = np::resolve(self.doc, &mut self.ents, b, np, focus);
        Att {
            entity: r.entity,
            mentions: vec![r.mention],
            cue: cue.map(|(a, z)| tok_span(self.doc, b, a, z)),
            rule,
            confidence,
        }
    }

    /// The speaker in focus before byte `pos` of block `b`: the last attributed quote.
    fn focus(&self, b: usize, pos: usize) -> Option<usize> {
        let key = (b, pos);
        let w = crate::entities::ANTECEDENT_WINDOW_BLOCKS;
        let i = self.dqs.partition_point(|d| (d.b, d.raw.start) < key);
        let from_dq = self.dqs[..i]
            .iter()
            .rev()
            .take(FOCUS_LOOKBACK)
            .take_while(|d| d.b + w >= b)
            .find_map(|d| d.att.as_ref().and_then(|a| a.entity).map(|e| ((d.b, d.raw.start), e)));
        let j = self.inds.partition_point(|x| (x.b, x.start) < key);
        let from_ind = self.inds[..j]
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
}

/// Runs the whole pipeline on one article.
pub fn analyze(article: &Article, config: &Config) -> Analysis {
    let doc = Doc::build(article);
    let ents = Entities::build(&doc);
    let mut cx = Ctx { doc: &doc, ents, dqs: Vec::new(), inds: Vec::new() };
    collect_direct(&mut cx);
    for &sieve in &config.sieves {
        for qi in 0..cx.dqs.len() {
            // a title takes no speaker (nor the cue of the speech around it)
            if cx.dqs[qi].att.is_some() || cx.dqs[qi].titled {
                continue;
            }
            if let Some((att, cue_tok)) = run_sieve(&mut cx, sieve, qi) {
                cx.dqs[qi].att = Some(att);
                cx.dqs[qi].cue_tok = cue_tok;
            }
        }
        if sieve == Sieve::LeadingCue {
            // indirect speech is found once the cues of direct quotes are known, so that it
            // never re-reports `"…," she said` and can give bare quotes a speaker in focus
            collect_indirect(&mut cx);
        }
    }
    if !config.sieves.contains(&Sieve::LeadingCue) {
        collect_indirect(&mut cx);
    }
    propagate_chains(&mut cx);
    merge_mixed(&mut cx);
    finish(cx, config)
}

fn run_sieve(cx: &mut Ctx, sieve: Sieve, qi: usize) -> Option<(Att, Option<usize>)> {
    match sieve {
        Sieve::TrailingCue => trailing_cue(cx, qi),
        Sieve::LeadingCue => leading_cue(cx, qi),
        Sieve::ColonIntro => colon_intro(cx, qi),
        Sieve::AccordingTo => according_to(cx, qi),
        Sieve::Continuation => continuation(cx, qi),
        Sieve::AdjacentQuote => adjacent_quote(cx, qi),
        Sieve::SentenceSubject => sentence_subject(cx, qi),
        Sieve::LoneCandidate => lone_candidate(cx, qi),
    }
}

fn collect_direct(cx: &mut Ctx) {
    for (b, bd) in cx.doc.blocks.iter().enumerate() {
        for q in &bd.quotes {
            let first_tok = bd.tok_at(q.start);
            let after_tok = bd.toks.partition_point(|t| t.start < q.end);
            let words = bd.toks[first_tok..after_tok].iter().filter(|t| t.kind != TokKind::Punct).count();
            let sent = bd.sentence_of(first_tok.min(bd.toks.len().saturating_sub(1)));
            // "the film “…”", "(Motto: „…“)"
            let names_work =
                |p: &crate::doc::Tok| p.is_word() && p.quote.is_none() && cx.doc.lang.names_work(p.lower.as_str());
            // "the technique called “mental chronometry”" names; "what he called “…”" quotes
            let named = first_tok > 1
                && matches!(bd.toks[first_tok - 1].lower.as_str(), "called" | "named")
                && bd.toks[first_tok - 2].is_plain_word();
            let titled = first_tok > 0
                && (named
                    || names_work(&bd.toks[first_tok - 1])
                    || first_tok > 1
                        && bd.toks[first_tok - 1].is_punct(":")
                        && cx.doc.lang.is_label(bd.toks[first_tok - 2].lower.as_str()));
            cx.dqs.push(Dq {
                b,
                raw: *q,
                first_tok,
                after_tok,
                sent,
                att: None,
                cue_tok: None,
                words,
                keep: true,
                nested: false,
                titled,
            });
        }
    }
}

/// Token index where the next quote of the same sentence starts (or the sentence end).
fn next_quote_limit(cx: &Ctx, qi: usize) -> usize {
    let d = &cx.dqs[qi];
    let mut lim = d.sent.1;
    if let Some(n) = cx.dqs.get(qi + 1) {
        if n.b == d.b && n.first_tok < lim {
            lim = n.first_tok;
        }
    }
    lim
}

fn prev_quote_floor(cx: &Ctx, qi: usize) -> usize {
    let d = &cx.dqs[qi];
    let mut lo = d.sent.0;
    if qi > 0 {
        let p = &cx.dqs[qi - 1];
        if p.b == d.b && p.after_tok > lo && p.after_tok <= d.first_tok {
            lo = p.after_tok;
        }
    }
    lo
}

/// Auxiliaries and copulas (verbs), as opposed to the adverbs of `Language::aux`.
fn is_verb_aux(t: &crate::doc::Tok) -> bool {
    matches!(
        t.lower.as_str(),
        "is" | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
            | "do"
    )
}

fn is_cue(t: &crate::doc::Tok, sentence_initial: bool) -> bool {
    t.cue > 0 && t.is_word() && (!t.cap || sentence_initial)
}

/// `"…," said X` / `"…," X said` / `"…" — X`.
fn trailing_cue(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = cx.dqs[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let lim = next_quote_limit(cx, qi);
    let mut k = d.after_tok;
    let mut dash = false;
    while k < lim
        && toks[k].kind == TokKind::Punct
        && (toks[k].is_dash() || matches!(toks[k].lower.as_str(), "," | "(" | "?" | "!"))
    {
        dash |= toks[k].is_dash();
        k += 1;
    }
    if k >= lim {
        return None;
    }
    // adverbs before an inverted cue: "…," said X / "…," added X / "…," so der Minister
    if is_cue(&toks[k], false) || (doc.lang.code == "de" && toks[k].is("so")) {
        if let Some(np) = np::forward(doc, d.b, k + 1, lim, d.sent.0) {
            if !matches!(np.head, Head::Pronoun(np::Pron::It)) || doc.lang.code != "de" {
                let att = cx.att_from(
                    d.b,
                    &np,
                    Some((k, k + 1)),
                    Sieve::TrailingCue.id(),
                    Sieve::TrailingCue.confidence(),
                    d.raw.start,
                );
                return Some((att, Some(k)));
            }
        }
    }
    if let Some(np) = np::forward(doc, d.b, k, lim, d.sent.0) {
        let mut j = np.z;
        while j < lim && doc.is_aux(&toks[j]) {
            j += 1;
        }
        if j < lim && is_cue(&toks[j], false) {
            let att = cx.att_from(
                d.b,
                &np,
                Some((j, j + 1)),
                Sieve::TrailingCue.id(),
                Sieve::TrailingCue.confidence(),
                d.raw.start,
            );
            return Some((att, Some(j)));
        }
        if dash
            && (j >= lim || toks[j].is_punct(",") || toks[j].is_punct(".") || toks[j].is_punct(")"))
            && !matches!(np.head, Head::Pronoun(_))
        {
            let att = cx.att_from(d.b, &np, None, rules::DASH_CREDIT, 0.85, d.raw.start);
            return Some((att, None));
        }
    }
    None
}

/// `X said: "…"`, `X said, "…"`, `X told reporters on Monday: "…"`, `Said X: "…"`.
fn leading_cue(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = cx.dqs[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let lo = prev_quote_floor(cx, qi);
    // a quote the clause runs on after ("Er sagte, „No-Go-Areas“ dürfe es nicht geben") is part
    // of reported speech: the indirect rules report the clause (but "… und forderten …" is a
    // new clause, and a naming verb's label is followed by its particle)
    let runs_on = toks.get(d.after_tok).is_some_and(|t| {
        t.is_word()
            && t.quote.is_none()
            && d.after_tok < d.sent.1
            && t.cue == 0
            && !matches!(t.lower.as_str(), "und" | "oder" | "aber" | "sowie")
    });
    let mut k = d.first_tok;
    while k > lo
        && toks[k - 1].kind == TokKind::Punct
        && (toks[k - 1].is_dash() || matches!(toks[k - 1].lower.as_str(), ":" | ","))
    {
        k -= 1;
    }
    if k > lo && toks[k - 1].is_that() {
        k -= 1;
    }
    let floor = lo.max(k.saturating_sub(MAX_LEADING_FILLER));
    let mut c = k;
    while c > floor {
        c -= 1;
        let t = &toks[c];
        if t.quote.is_some() || (t.kind == TokKind::Punct && !t.is_punct(",")) {
            return None;
        }
        if !is_cue(t, c == d.sent.0) {
            continue;
        }
        if runs_on && t.cue != 4 {
            return None;
        }
        // what stands between the cue and the quote must be a filler: nothing, a prepositional
        // phrase, a time, or an addressee ("told reporters")
        if c + 1 < k {
            let f = &toks[c + 1];
            // German naming verbs put the named thing first: "bezeichnete er die Lage als „…“"
            let naming = doc.lang.code == "de"
                && (t.cue == 4 || names_with_von(t, Some(f)))
                && k - c - 1 <= MAX_LEADING_FILLER - 2;
            let ok = PREPS.contains(&f.lower.as_str())
                || naming
                || f.is_time()
                || (ADDRESSEE_CUES.contains(&t.lower.as_str())
                    && np::forward(doc, d.b, c + 1, k, d.sent.0)
                        .is_some_and(|n| n.z == k || PREPS.contains(&toks[n.z].lower.as_str())));
            // a filler is a phrase, not a clause: no "that", no verb, no second cue
            let clause = toks[c + 1..k].iter().any(|x| {
                (x.cue == 1 && !x.cap && !PREPS.contains(&x.lower.as_str()))
                    || x.is_that()
                    || is_verb_aux(x)
                    || x.is_punct(",")
            });
            if !ok || clause || k - c - 1 > MAX_LEADING_FILLER - 2 {
                return None;
            }
        }
        let mut j = c;
        while j > lo && doc.is_aux(&toks[j - 1]) {
            j -= 1;
        }
        // "Uber stepped in and tweeted this announcement: …": a coordinated verb shares the
        // sentence's subject
        let subject = if j > lo + 1 && toks[j - 1].is("and") {
            first_np(doc, d.b, d.sent.0, j - 1)
        } else {
            np::backward(doc, d.b, j, lo, d.sent.0)
        };
        if let Some(np) = subject {
            let att = cx.att_from(
                d.b,
                &np,
                Some((c, c + 1)),
                Sieve::LeadingCue.id(),
                Sieve::LeadingCue.confidence(),
                d.raw.start,
            );
            return Some((att, Some(c)));
        }
        // "Said X: …" / German verb-second "Dann sagte der Minister: …" (after "asked" or
        // "told" the phrase is who was asked, never the speaker; a document after the cue is
        // its object: "released a statement: …")
        if let Some(np) = np::forward(doc, d.b, c + 1, k, d.sent.0)
            .filter(|_| !ADDRESSEE_CUES.contains(&t.lower.as_str()) || doc.lang.code == "de")
            .filter(|n| !matches!(n.head, Head::Nominal { kind: crate::lexicon::Nominal::Doc, .. }))
        {
            let att = cx.att_from(
                d.b,
                &np,
                Some((c, c + 1)),
                Sieve::LeadingCue.id(),
                Sieve::LeadingCue.confidence(),
                d.raw.start,
            );
            return Some((att, Some(c)));
        }
        return None;
    }
    None
}

/// Past a short opening adverbial ("In July,", "In the midst of the fear,"): where the
/// subject of a sentence starting at `s` may begin.
fn skip_opening_adverbial(doc: &Doc, b: usize, s: usize, e: usize) -> usize {
    let toks = &doc.blocks[b].toks;
    if s < e && (doc.is_stop(&toks[s]) || PREPS.contains(&toks[s].lower.as_str())) {
        if let Some(c) = (s + 1..e.min(s + 8)).find(|&k| toks[k].is_punct(",")) {
            if toks[s..c].iter().all(|t| (t.is_word() || t.kind == TokKind::Number) && t.quote.is_none()) {
                return c + 1;
            }
        }
    }
    s
}

/// The subject of a sentence that introduces a quote with a colon.
fn first_np(doc: &Doc, b: usize, s: usize, e: usize) -> Option<Np> {
    let toks = &doc.blocks[b].toks;
    let mut i = skip_opening_adverbial(doc, b, s, e);
    while i < e && i < s + 8 {
        if toks[i].quote.is_some() {
            return None;
        }
        if let Some(np) = np::forward(doc, b, i, e, s) {
            return Some(np);
        }
        i += 1;
    }
    None
}

/// `He put it this way: "…"`; a paragraph ending in ":" before a quoted paragraph.
fn colon_intro(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = cx.dqs[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let lo = prev_quote_floor(cx, qi);
    if d.first_tok > lo && toks[d.first_tok - 1].is_punct(":") {
        // "Trump: 'We will win'" (headline style) or "The minister was blunt: …"
        let np = first_np(doc, d.b, lo, d.first_tok - 1)?;
        let att = cx.att_from(
            d.b,
            &np,
            Some((d.first_tok - 1, d.first_tok)),
            Sieve::ColonIntro.id(),
            Sieve::ColonIntro.confidence(),
            d.raw.start,
        );
        return Some((att, None));
    }
    if d.first_tok == 0 && d.b > 0 {
        let pb = &doc.blocks[d.b - 1];
        if pb.text.trim_end().ends_with(':') && !pb.toks.is_empty() {
            let &(s, e) = pb.sents.last()?;
            let e = e.saturating_sub(1); // the colon
                                         // a cue with its subject wins; else the sentence's first phrase
            for c in (s..e).rev() {
                if is_cue(&pb.toks[c], c == s) && pb.toks[c].quote.is_none() {
                    let mut j = c;
                    while j > s && doc.is_aux(&pb.toks[j - 1]) {
                        j -= 1;
                    }
                    if let Some(np) =
                        np::backward(doc, d.b - 1, j, s, s).or_else(|| np::forward(doc, d.b - 1, c + 1, e, s))
                    {
                        let att = cx.att_from(
                            d.b - 1,
                            &np,
                            Some((c, c + 1)),
                            Sieve::ColonIntro.id(),
                            Sieve::ColonIntro.confidence(),
                            pb.toks[c].start,
                        );
                        return Some((att, None));
                    }
                }
            }
            let np = first_np(doc, d.b - 1, s, e)?;
            let att = cx.att_from(
                d.b - 1,
                &np,
                None,
                Sieve::ColonIntro.id(),
                Sieve::ColonIntro.confidence() - 0.1,
                pb.toks[np.a].start,
            );
            return Some((att, None));
        }
    }
    None
}

/// `According to X, "…"` anywhere in the sentence (English), `laut X` / `X zufolge` (German).
fn according_to(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = cx.dqs[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (s, e) = d.sent;
    for i in s..e {
        if toks[i].quote.is_some() || !toks[i].opens_according() {
            continue;
        }
        for pat in doc.lang.according {
            if pat.len() == 1 && pat[0] == "zufolge" {
                continue;
            }
            if i + pat.len() <= e && pat.iter().enumerate().all(|(k, w)| toks[i + k].lower == *w) {
                if let Some(np) = np::forward(doc, d.b, i + pat.len(), e, s) {
                    let att = cx.att_from(
                        d.b,
                        &np,
                        Some((i, i + pat.len())),
                        Sieve::AccordingTo.id(),
                        Sieve::AccordingTo.confidence(),
                        d.raw.start,
                    );
                    return Some((att, None));
                }
            }
        }
    }
    None
}

fn inherit(from: &Att, rule: &'static str, confidence: f32) -> Att {
    Att { entity: from.entity, mentions: from.mentions.clone(), cue: from.cue, rule, confidence }
}

/// A bare quoted paragraph right after a paragraph whose last attribution is known.
fn continuation(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = &cx.dqs[qi];
    // a quoted heading ("‘We need to listen’") is a section title, not the next paragraph
    if d.first_tok != 0 || d.b == 0 || d.words < MIN_WORDS_UNATTRIBUTED || cx.doc.blocks[d.b].kind == BlockKind::Heading
    {
        return None;
    }
    // the quote opens the paragraph; its own sentence has no cue outside quotes
    let toks = &cx.doc.blocks[d.b].toks;
    if toks[d.sent.0..d.sent.1].iter().any(|t| t.quote.is_none() && t.cue == 1 && !t.cap) {
        return None;
    }
    let mut best: Option<(usize, Att)> = None;
    // captions, headings and picture credits between two paragraphs do not break the run
    let from_b = earliest_focus_block(cx.doc, d.b);
    for p in cx.dqs[..qi].iter().rev().take(FOCUS_LOOKBACK) {
        if p.b < from_b {
            break;
        }
        if p.b < d.b {
            if let Some(a) = &p.att {
                best = Some((p.raw.start, a.clone()));
            }
            break;
        }
    }
    // indirect speech in the previous paragraph also sets the speaker in focus
    let upto = cx.inds.partition_point(|x| x.b < d.b);
    for i in cx.inds[..upto].iter().rev().take(FOCUS_LOOKBACK) {
        if i.b >= from_b && i.b < d.b && i.att.entity.is_some() {
            let newer = match &best {
                Some((pos, _)) => {
                    let pb =
                        cx.dqs[..qi].iter().rev().take(FOCUS_LOOKBACK).find(|p| p.b < d.b).map(|p| p.b).unwrap_or(0);
                    i.b > pb || (i.b == pb && i.start > *pos)
                }
                None => true,
            };
            if newer {
                best = Some((i.start, i.att.clone()));
            }
            break;
        }
    }
    let (_, a) = best?;
    a.entity?;
    Some((inherit(&a, Sieve::Continuation.id(), Sieve::Continuation.confidence()), None))
}

/// The first block whose speech is still in focus for block `b`: the previous
/// `CONTINUATION_BLOCKS` paragraphs, not counting captions, headings and quote-free list items
/// (figure captions on many sites) in between.
fn earliest_focus_block(doc: &Doc, b: usize) -> usize {
    let mut k = b;
    let mut paragraphs = 0;
    let mut skipped = 0;
    while k > 0 && paragraphs < CONTINUATION_BLOCKS {
        k -= 1;
        let bd = &doc.blocks[k];
        let aside = matches!(bd.kind, BlockKind::Caption | BlockKind::Heading)
            || (bd.kind == BlockKind::ListItem && bd.quotes.is_empty());
        if aside && skipped < MAX_ASIDES_SKIPPED {
            skipped += 1;
        } else {
            paragraphs += 1;
        }
    }
    k
}

/// `"A," he said. "B."`: a bare quote takes the speaker of its paragraph's other quote.
fn adjacent_quote(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let b = cx.dqs[qi].b;
    if cx.dqs[qi].words < MIN_WORDS_UNATTRIBUTED {
        return None; // a fragment ("disgusting") is not a quote of its own
    }
    let prev = cx.dqs[..qi].iter().rev().take(FOCUS_LOOKBACK).take_while(|p| p.b == b).find_map(|p| p.att.clone());
    // indirect speech earlier in the paragraph counts too: `…, Schiff said. "…"`
    let start = cx.dqs[qi].raw.start;
    let from_ind = || {
        let upto = cx.inds.partition_point(|x| (x.b, x.start) < (b, start));
        cx.inds[..upto]
            .iter()
            .rev()
            .take(8)
            .take_while(|x| x.b == b)
            .find(|x| x.att.entity.is_some())
            .map(|x| x.att.clone())
    };
    let a = match prev.or_else(from_ind) {
        Some(a) => a,
        None => cx.dqs[qi + 1..].iter().take(FOCUS_LOOKBACK).take_while(|p| p.b == b).find_map(|p| p.att.clone())?,
    };
    a.entity?;
    Some((inherit(&a, Sieve::AdjacentQuote.id(), Sieve::AdjacentQuote.confidence()), None))
}

/// A quote inside a sentence whose subject, a named or described speaker, acts: "Reid has gone
/// after Trump as a “human leech who will bleed the country”".
fn sentence_subject(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let d = cx.dqs[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (s, _) = d.sent;
    if d.first_tok <= s + 1 || toks[s..d.first_tok].iter().any(|t| t.quote.is_some()) {
        return None;
    }
    // the subject opens the sentence, after at most a short adverbial ("In July, …")
    let a = skip_opening_adverbial(doc, d.b, s, d.first_tok);
    let np = np::forward(doc, d.b, a, d.first_tok, s)?;
    if !matches!(
        np.head,
        Head::Name(_)
            | Head::Pronoun(np::Pron::He | np::Pron::She | np::Pron::They)
            | Head::Nominal { kind: crate::lexicon::Nominal::Person | crate::lexicon::Nominal::Org, .. }
    ) {
        return None;
    }
    // …then its verb: a lower-case word (auxiliaries and adverbs first)
    let mut j = np.z;
    while j < d.first_tok && doc.is_aux(&toks[j]) {
        j += 1;
    }
    toks.get(j).filter(|t| j < d.first_tok && t.is_word() && !t.cap && !t.is_det() && !doc.is_stop(t))?;
    let att =
        cx.att_from(d.b, &np, None, Sieve::SentenceSubject.id(), Sieve::SentenceSubject.confidence(), d.raw.start);
    att.entity?;
    Some((att, None))
}

/// The paragraph names exactly one person outside quotes.
fn lone_candidate(cx: &mut Ctx, qi: usize) -> Option<(Att, Option<usize>)> {
    let b = cx.dqs[qi].b;
    let mut found: Option<(usize, Span)> = None;
    let from = cx.ents.names.partition_point(|m| m.span.block < b);
    for m in cx.ents.names[from..].iter().take_while(|m| m.span.block == b) {
        let id = cx.ents.canonical(m.entity);
        if cx.ents.list[id].kind != SpeakerKind::Person {
            continue;
        }
        match found {
            Some((e, _)) if e != id => return None,
            _ => found = Some((id, m.span)),
        }
    }
    let (e, span) = found?;
    Some((
        Att {
            entity: Some(e),
            mentions: vec![span],
            cue: None,
            rule: Sieve::LoneCandidate.id(),
            confidence: Sieve::LoneCandidate.confidence(),
        },
        None,
    ))
}

/// Multi-paragraph quotes: one speaker for the run.
fn propagate_chains(cx: &mut Ctx) {
    let n = cx.dqs.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && cx.dqs[j].raw.runs_on && cx.dqs[j + 1].raw.carries_on && cx.dqs[j + 1].b == cx.dqs[j].b + 1 {
            j += 1;
        }
        if j > i {
            let src = (i..=j)
                .filter_map(|k| cx.dqs[k].att.clone())
                .find(|a| a.entity.is_some() && a.rule != Sieve::LoneCandidate.id());
            if let Some(a) = src {
                for k in i..=j {
                    let weak = cx.dqs[k].att.as_ref().is_none_or(|x| {
                        x.entity.is_none() || x.rule == Sieve::LoneCandidate.id() || x.rule == Sieve::AdjacentQuote.id()
                    });
                    if weak {
                        cx.dqs[k].att = Some(inherit(&a, Sieve::Continuation.id(), Sieve::Continuation.confidence()));
                    }
                }
            }
        }
        i = j + 1;
    }
}

// ---------------------------------------------------------------------------------------------
// Indirect speech

fn collect_indirect(cx: &mut Ctx) {
    let doc = cx.doc;
    let used: crate::smallstr::FxHashSet<(usize, usize)> =
        cx.dqs.iter().filter_map(|d| d.cue_tok.map(|c| (d.b, c))).collect();
    for (b, bd) in doc.blocks.iter().enumerate() {
        if matches!(bd.kind, BlockKind::Heading | BlockKind::Caption) {
            continue;
        }
        for si in 0..bd.sents.len() {
            let (s, e) = bd.sents[si];
            let mut found_in_sentence: Option<(usize, Np)> = None;
            let mut v = s;
            while v < e {
                let t = &bd.toks[v];
                // headlines capitalise their verbs: "Obama Says Museum Will Tell …"
                if t.quote.is_some()
                    || !is_cue(t, bd.headline_like)
                    || t.cue > doc.lang.indirect_max_tier
                    || used.contains(&(b, v))
                {
                    v += 1;
                    continue;
                }
                if let Some(ind) = indirect_at(cx, b, s, e, v, &mut found_in_sentence) {
                    let next = bd.toks.partition_point(|t| t.start < ind.end);
                    cx.inds.push(ind);
                    v = next.max(v + 1);
                    continue;
                }
                v += 1;
            }
            let before = cx.inds.len();
            according_indirect(cx, b, s, e);
            if cx.inds.len() == before && !cx.inds.last().is_some_and(|x| x.b == b && x.end > bd.toks[s].start) {
                subjunctive(cx, b, s, e);
            }
        }
    }
}

fn content_end(doc: &Doc, b: usize, c: usize, e: usize) -> usize {
    let toks = &doc.blocks[b].toks;
    let mut z = e;
    let mut k = c;
    while k < e {
        let t = &toks[k];
        if t.quote.is_none() {
            if t.is_punct(";") {
                z = k;
                break;
            }
            // ", according to X" / ", X said" closes the content
            if t.is_punct(",")
                && k + 2 < e
                && toks[k + 1].opens_according()
                && doc
                    .lang
                    .according
                    .iter()
                    .any(|p| p.iter().enumerate().all(|(i, w)| k + 1 + i < e && toks[k + 1 + i].lower == *w))
            {
                z = k;
                break;
            }
            // another attribution inside: "So when Patriot signaled …, Mr. Barrett said, …"
            if t.is_punct(",") && k > c + 1 && k + 2 < e {
                // "…, though she acknowledged …": a conjunction may open the new attribution
                let at = if matches!(toks[k + 1].lower.as_str(), "though" | "although" | "but" | "while") {
                    k + 2
                } else {
                    k + 1
                };
                if let Some(n) = np::forward(doc, b, at, e, c) {
                    let mut j = n.z;
                    while j < e && doc.is_aux(&toks[j]) {
                        j += 1;
                    }
                    if j < e
                        && is_cue(&toks[j], false)
                        && toks[j].cue == 1
                        && !matches!(n.head, Head::Nominal { kind: crate::lexicon::Nominal::Doc, .. })
                    {
                        z = k;
                        break;
                    }
                }
            }
            // a dash that opens another attribution: "… ― Trump boasted, …"
            if t.is_dash()
                && k > c
                && toks[k + 1..e.min(k + 7)].iter().any(|x| x.cue == 1 && !x.cap && x.quote.is_none())
            {
                z = k;
                break;
            }
            // a coordinated cue: "…and says they…", "…, adding that…"
            if (t.is("and") || t.is_punct(",")) && k > c + 2 {
                let mut j = k + 1;
                while j < e && doc.is_aux(&toks[j]) {
                    j += 1;
                }
                // "…and says they…" (not "violated federal and state law": a base form there
                // is rarely a coordinated verb)
                if j < e
                    && is_cue(&toks[j], false)
                    && (toks[j].cue <= 2 || toks[j].cue == 4)
                    && toks[j].quote.is_none()
                    && !toks[j].is_base()
                {
                    z = k;
                    break;
                }
                if t.is_punct(",") && toks.get(k + 1).is_some_and(|x| x.lower.ends_with("ing") && x.cue == 1) {
                    z = k;
                    break;
                }
            }
        }
        k += 1;
    }
    // drop final punctuation outside quotes
    while z > c
        && toks[z - 1].kind == TokKind::Punct
        && toks[z - 1].quote.is_none()
        && !matches!(toks[z - 1].lower.as_str(), ")" | "%")
    {
        z -= 1;
    }
    z
}

fn word_count(doc: &Doc, b: usize, a: usize, z: usize) -> usize {
    doc.blocks[b].toks[a..z].iter().filter(|t| t.kind != TokKind::Punct).count()
}

fn indirect_at(cx: &mut Ctx, b: usize, s: usize, e: usize, v: usize, prev: &mut Option<(usize, Np)>) -> Option<Ind> {
    let doc = cx.doc;
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let t = &toks[v];
    // "his tweet", "a comment", "Trump's statement": a noun, not a verb
    if v > s && (toks[v - 1].is("to") || toks[v - 1].is_det() || toks[v - 1].is_possessive()) {
        return None;
    }
    if v + 1 < e && (toks[v + 1].is("by") || toks[v + 1].is("for") && t.lower.starts_with("call")) {
        return None;
    }
    // subject: the phrase before the verb (auxiliaries skipped), or a shared subject
    let mut j = v;
    while j > s && doc.is_aux(&toks[j - 1]) {
        j -= 1;
    }
    let participle = t.lower.ends_with("ing") && !(j < v && is_verb_aux(&toks[v - 1]));
    // "heißen" reports only as "es heißt" / "heißt es"; "Der Titel heißt wie …" names
    if matches!(t.lower.as_str(), "heißt" | "hieß" | "heißen" | "hiess")
        && !(v > s && toks[v - 1].is("es") || toks.get(v + 1).is_some_and(|x| x.is("es")))
    {
        return None;
    }
    // "a technique called …": naming after a noun
    if v > s && matches!(t.lower.as_str(), "called" | "named") && toks[v - 1].is_plain_word() {
        return None;
    }
    // "a hard time telling between …": a gerund after a noun, not a verb with a subject
    if participle
        && j == v
        && v > s
        && !toks[v - 1].is_punct(",")
        && !toks[v - 1].is("and")
        && toks[v - 1].is_word()
        && !toks[v - 1].cap
    {
        return None;
    }
    // the passive ("was called in to assist", "were told to leave"): the subject did not speak
    if !t.lower.ends_with("ing")
        && toks[j..v]
            .iter()
            .any(|x| matches!(x.lower.as_str(), "is" | "was" | "were" | "are" | "be" | "been" | "being"))
    {
        return None;
    }
    let np = if j > s && (toks[j - 1].is("and") || (participle && toks[j - 1].is_punct(","))) {
        // "…and says", ", saying that": the subject of the sentence's first verb
        prev.as_ref().map(|(_, n)| n.clone()).or_else(|| {
            first_np(doc, b, s, j - 1).filter(|n| n.z < j && !matches!(n.head, Head::Pronoun(np::Pron::First)))
        })
    } else {
        np::backward(doc, b, j, s, s)
    };
    if let Some(n) = &np {
        // "the company say": a base form needs a plural, a modal or "to"
        let modal = j < v || (v > s && is_verb_aux(&toks[v - 1]));
        if t.is_base() && !modal && !participle && !plural_subject(doc, b, n) {
            return None;
        }
        // "shows", "found": only documents, polls and organisations report that way
        if t.cue == 2 && !matches!(n.head, Head::Nominal { .. }) && !matches!(n.head, Head::Name(_)) {
            return None;
        }
    }
    let de = doc.lang.code == "de";
    let np = match np {
        Some(n) => Some(n),
        None if de => np::forward(doc, b, v + 1, e, s),
        None => None,
    };
    // content: after the verb, skipping a time, an addressee, a prepositional phrase before
    // "that", the complementiser itself
    let mut c = v + 1;
    let np_after = np.as_ref().is_some_and(|n| n.a > v);
    // "sprach (der Präsident) von einer „Katastrophe“": naming, not a reported clause
    let after_np = np.as_ref().filter(|n| n.a > v).map_or(v + 1, |n| n.z);
    if de && names_with_von(t, toks.get(after_np)) {
        return None;
    }
    if np_after {
        c = np.as_ref().unwrap().z;
    }
    while c < e && toks[c].is_time() && toks[c].quote.is_none() {
        // "said on Monday", "said Wednesday": only when more follows
        let mut k = c + 1;
        while k < e && (toks[k].cap || toks[k].is_time()) && toks[k].quote.is_none() && k < c + 3 {
            k += 1;
        }
        if toks[c].cap
            || toks[c].lower.ends_with("day")
            || toks[c].is_time() && k > c + 1 && toks.get(c + 1).is_some_and(|x| x.cap || x.is_time())
        {
            c = k;
        } else {
            break;
        }
    }
    if c < e && ADDRESSEE_CUES.contains(&t.lower.as_str()) && !de {
        if let Some(a) = np::forward(doc, b, c, e, s) {
            c = a.z;
        } else if matches!(toks[c].lower.as_str(), "him" | "her" | "them" | "us" | "me") {
            c += 1; // "told him they were against it"
        }
    }
    let mut had_that = false;
    // "said in a statement that …", "told reporters on Monday that …"
    if c < e && PREPS.contains(&toks[c].lower.as_str()) {
        let look = (c..e.min(c + 8)).find(|&k| toks[k].is_that() || toks[k].is_punct(",") || toks[k].is_punct(":"));
        if let Some(k) = look {
            if toks[k].is_that() || toks[k].is_punct(":") {
                c = k;
            }
        }
    }
    // German reported speech opens after a comma, a colon or "dass": "Sie gab an, dass …",
    // "warf der Regierung vor, … zu …", "sagte zu den Überschwemmungen: „…“". Without one the
    // object itself is the content ("warnten vor einem „drohenden Abfluss“").
    if de && c < e && !toks[c].is_that() && !(toks[c].kind == TokKind::Punct && toks[c].quote.is_none()) {
        let anchor = (c..e.min(c + GERMAN_CLAUSE_LOOKAHEAD))
            .take_while(|&k| k == c || toks[k].cue == 0 || toks[k].quote.is_some())
            .find(|&k| {
                toks[k].quote.is_none() && (toks[k].is_punct(",") || toks[k].is_punct(":") || toks[k].is_that())
            });
        match anchor {
            Some(k) => c = k,
            // "…, sagte UNMISS-Vertreter Toby Lanzer dem Fernsehsender „Al Jazeera“."
            None if np_after && v > s && toks[v - 1].is_punct(",") => return inverted(cx, b, s, e, v, np),
            None => {}
        }
    }
    if c < e && toks[c].is_that() {
        c += 1;
        had_that = true;
        // "said that, if elected, he would …"
        if c < e && toks[c].is_punct(",") {
            c += 1;
        }
    } else if c < e && (toks[c].is_punct(":") || (de && toks[c].is_punct(","))) {
        c += 1;
        if c < e && toks[c].is_that() {
            c += 1;
            had_that = true;
        }
    }
    // "Acts of protest, Mr. Obama said, are acts of patriotism": a parenthetical cue
    if c + 1 < e && toks[c].is_punct(",") && !de {
        if let Some(n) = np.as_ref().filter(|n| n.z <= v && n.a > s && toks[n.a - 1].is_punct(",")) {
            let z = content_end(doc, b, c + 1, e);
            if z > c + 1 && word_count(doc, b, c + 1, z) >= MIN_INDIRECT_WORDS {
                let n = n.clone();
                *prev = Some((v, n.clone()));
                let att = cx.att_from(b, &n, Some((v, v + 1)), rules::INDIRECT_VERB, 0.7, toks[v].start);
                let before = n.a - 1;
                if word_count(doc, b, s, before) >= 1 && toks[s].quote.is_none() {
                    cx.inds.push(Ind {
                        b,
                        start: toks[s].start,
                        end: toks[before - 1].end,
                        sentence: tok_span(doc, b, s, e),
                        att: att.clone(),
                        kind: QuoteKind::Indirect,
                    });
                }
                return Some(Ind {
                    b,
                    start: toks[c + 1].start,
                    end: toks[z - 1].end,
                    sentence: tok_span(doc, b, s, e),
                    att,
                    kind: QuoteKind::Indirect,
                });
            }
        }
    }
    if c >= e || (toks[c].kind == TokKind::Punct && toks[c].quote.is_none()) {
        // "…, he said." — the inverted form
        return inverted(cx, b, s, e, v, np);
    }
    // "…, officials said on Monday after the storm.": a cue after a comma followed by a
    // prepositional phrase is the inverted form too
    if !de
        && !had_that
        && PREPS.contains(&toks[c].lower.as_str())
        && !toks[c].is("to")
        && !toks[c..e].iter().any(|x| x.is_punct(","))
        && np.as_ref().is_some_and(|n| n.z <= v && n.a > s && toks[n.a - 1].is_punct(","))
    {
        return inverted(cx, b, s, e, v, np);
    }
    // "…, said one GOP source in the room.": the phrase after the cue is the speaker
    if !had_that && !de && np.as_ref().is_none_or(|n| n.z < j) {
        if let Some(after) = np::forward(doc, b, c, e, s) {
            if content_end(doc, b, after.z, e) <= after.z
                || toks[after.z..e].iter().all(|t| {
                    t.kind == TokKind::Punct
                        || PREPS.contains(&t.lower.as_str())
                        || t.is_time()
                        || t.is_det()
                        || !t.cap && t.cue == 0
                }) && after.z + 4 >= e
            {
                return inverted(cx, b, s, e, v, Some(after));
            }
        }
    }
    if t.cue >= 2 && !had_that {
        let f = &toks[c];
        let clause_like = doc.is_pronoun_subject(f) || f.is_det() || f.cap;
        if !clause_like {
            return None;
        }
    }
    let np = np?;
    // "no group claimed responsibility", "nobody said": nobody spoke
    if matches!(toks[np.a].lower.as_str(), "no" | "nobody" | "none" | "neither" | "kein" | "keine" | "niemand") {
        return None;
    }
    if matches!(np.head, Head::Nominal { kind: crate::lexicon::Nominal::Person, .. })
        && np.z == np.a + 1
        && !toks[np.a].lower.ends_with('s')
        && !de
    {
        // a bare singular noun before a verb is rarely a speaker ("the plan said"?)
        return None;
    }
    let z = content_end(doc, b, c, e);
    if z <= c || word_count(doc, b, c, z) < MIN_INDIRECT_WORDS {
        return None;
    }
    // "cited the report", "agreed with the plan": another sense of the verb, not speech
    if !had_that && !crate::speech::reports_a_clause(doc, b, c, z) {
        return None;
    }
    *prev = Some((v, np.clone()));
    let att = cx.att_from(
        b,
        &np,
        Some((v, v + 1)),
        rules::INDIRECT_VERB,
        if t.cue == 1 {
            0.75
        } else if t.cue == 2 {
            0.6
        } else {
            0.5
        },
        toks[v].start,
    );
    Some(Ind {
        b,
        start: toks[c].start,
        end: toks[z - 1].end,
        sentence: tok_span(doc, b, s, e),
        att,
        kind: QuoteKind::Indirect,
    })
}

/// Is the speaker phrase plural (or I / we / you / they), so a base-form verb can follow it?
fn plural_subject(doc: &Doc, b: usize, n: &Np) -> bool {
    let toks = &doc.blocks[b].toks;
    match &n.head {
        Head::Pronoun(p) => matches!(p, np::Pron::They | np::Pron::First),
        Head::Nominal { head, .. } => {
            let w = &toks[*head].lower;
            w.ends_with('s') || matches!(w.as_str(), "people" | "police" | "authorities" | "staff" | "spokespeople")
        }
        // "Mr. Grassley and Mr. Leahy say", "many Democrats say"
        Head::Name(r) => {
            (r.name_a..r.name_z).any(|k| toks[k].is("and"))
                || (n.a > 0 && toks[n.a - 1].is("and"))
                || (n.a < r.name_a
                    && matches!(
                        toks[n.a].lower.as_str(),
                        "many" | "some" | "several" | "most" | "all" | "both" | "two" | "three" | "few"
                    )
                    && toks[r.name_z - 1].lower.ends_with('s'))
        }
    }
}

/// `The economy is improving, he said.` / `…, said the minister.` / German `…, sagte er.`
fn inverted(cx: &mut Ctx, b: usize, s: usize, e: usize, v: usize, np: Option<Np>) -> Option<Ind> {
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    let np = match np {
        Some(n) => n,
        None => np::forward(doc, b, v + 1, e, s)?,
    };
    if np.a > v && ADDRESSEE_CUES.contains(&toks[v].lower.as_str()) && doc.lang.code != "de" {
        return None; // "…, told The Huffington Post": the phrase after "told" is who was told
    }
    let (left, right) = if np.a > v { (v, np.z) } else { (np.a, v + 1) };
    // before the speaker phrase and cue: a comma ending the content
    if left == 0 || left <= s || !toks[left - 1].is_punct(",") {
        return None;
    }
    // after: only a short tail (time, place, "in a statement") to the sentence end
    let tail = toks[right..e].iter().filter(|t| t.kind != TokKind::Punct).count();
    if tail > 6 || toks[right..e].iter().any(|t| t.cue == 1 && !t.cap) {
        return None;
    }
    let c = s;
    let z = left - 1;
    if z <= c || word_count(doc, b, c, z) < MIN_INDIRECT_WORDS {
        return None;
    }
    // the content must not be just a direct quote (that is the trailing sieve's job)
    if toks[c].quote.is_some() && toks[z - 1].quote == toks[c].quote {
        return None;
    }
    let t = &toks[v];
    let att = cx.att_from(
        b,
        &np,
        Some((v, v + 1)),
        rules::INDIRECT_INVERTED,
        if t.cue == 1 { 0.75 } else { 0.55 },
        toks[v].start,
    );
    Some(Ind {
        b,
        start: toks[c].start,
        end: toks[z - 1].end,
        sentence: tok_span(doc, b, s, e),
        att,
        kind: QuoteKind::Indirect,
    })
}

/// German reported speech without a cue: a sentence in Konjunktiv I ("Der Plan sei gescheitert.")
/// right after attributed speech carries on that speaker's words.
fn subjunctive(cx: &mut Ctx, b: usize, s: usize, e: usize) {
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    if doc.lang.subjunctive.is_empty()
        || !toks[s..e].iter().any(|t| t.quote.is_none() && doc.lang.subjunctive.contains(&t.lower.as_str()))
    {
        return;
    }
    // the speaker in focus, from attributed speech in this or the previous block
    let pos = toks[s].start;
    let upto = cx.inds.partition_point(|x| (x.b, x.start) < (b, pos));
    let from_ind = cx.inds[..upto]
        .iter()
        .rev()
        .take(4)
        .find(|x| x.b + 1 >= b && x.att.entity.is_some())
        .map(|x| (x.b, x.start, x.att.clone()));
    let before_dq = cx.dqs.partition_point(|d| (d.b, d.raw.start) < (b, pos));
    let from_dq = cx.dqs[..before_dq]
        .iter()
        .rev()
        .take_while(|d| d.b + 1 >= b)
        .find_map(|d| d.att.as_ref().filter(|a| a.entity.is_some()).map(|a| (d.b, d.raw.start, a.clone())));
    let Some((_, _, att)) = [from_ind, from_dq].into_iter().flatten().max_by_key(|x| (x.0, x.1)) else { return };
    let z = content_end(doc, b, s, e);
    if z <= s || word_count(doc, b, s, z) < MIN_INDIRECT_WORDS {
        return;
    }
    let att = inherit(&att, rules::INDIRECT_SUBJUNCTIVE, 0.55);
    cx.inds.push(Ind {
        b,
        start: toks[s].start,
        end: toks[z - 1].end,
        sentence: tok_span(doc, b, s, e),
        att,
        kind: QuoteKind::Indirect,
    });
}

/// `According to X, …` / `…, according to X.` / `Laut X …`.
fn according_indirect(cx: &mut Ctx, b: usize, s: usize, e: usize) {
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    for i in s..e {
        if toks[i].quote.is_some() || !toks[i].opens_according() {
            continue;
        }
        for pat in doc.lang.according {
            let n = pat.len();
            if pat.len() == 1 && pat[0] == "zufolge" {
                continue;
            }
            if !(i + n <= e && pat.iter().enumerate().all(|(k, w)| toks[i + k].lower == *w)) {
                continue;
            }
            let Some(np) = np::forward(doc, b, i + n, e, s) else { continue };
            let (c, z) = if i == s {
                // According to X, content.  /  Laut X content.
                let mut c = np.z;
                if c < e && toks[c].is_punct(",") {
                    c += 1;
                }
                (c, content_end(doc, b, c, e))
            } else if i > s && toks[i - 1].is_punct(",") {
                (s, i - 1)
            } else {
                continue;
            };
            if z <= c || word_count(doc, b, c, z) < MIN_INDIRECT_WORDS {
                continue;
            }
            if cx.inds.iter().rev().take(8).any(|x| x.b == b && x.start < toks[z - 1].end && toks[c].start < x.end) {
                continue;
            }
            let att = cx.att_from(b, &np, Some((i, i + n)), rules::INDIRECT_ACCORDING, 0.7, toks[i].start);
            cx.inds.push(Ind {
                b,
                start: toks[c].start,
                end: toks[z - 1].end,
                sentence: tok_span(doc, b, s, e),
                att,
                kind: QuoteKind::Indirect,
            });
            return;
        }
    }
}

/// Direct quotes inside indirect clauses: a quote that is (nearly) the whole clause stays a
/// direct quote with the clause's speaker; otherwise the clause is a mixed quote.
fn merge_mixed(cx: &mut Ctx) {
    for ii in 0..cx.inds.len() {
        let (b, s, e) = (cx.inds[ii].b, cx.inds[ii].start, cx.inds[ii].end);
        let from = cx.dqs.partition_point(|d| (d.b, d.raw.start) < (b, s));
        let inside: Vec<usize> = (from..cx.dqs.len())
            .take_while(|&k| cx.dqs[k].b == b && cx.dqs[k].raw.start < e)
            .filter(|&k| cx.dqs[k].keep)
            .collect();
        if inside.is_empty() {
            continue;
        }
        let span_len = (e - s).max(1) as f32;
        let covered: usize =
            inside.iter().map(|&k| cx.dqs[k].raw.end.min(e.max(cx.dqs[k].raw.end)) - cx.dqs[k].raw.start).sum();
        // where quoted fragments are verbatim words, words of the writer's own before the quote
        // ("der Ehemann „konnte …“") make the clause mixed however long the quote
        let own_words = || {
            let bd = &cx.doc.blocks[b];
            let first = bd.tok_at(s);
            let q = bd.tok_at(cx.dqs[inside[0]].raw.start);
            word_count(cx.doc, b, first, q)
        };
        if inside.len() == 1
            && covered as f32 >= DIRECT_SHARE_OF_CLAUSE * span_len
            && !(cx.doc.lang.verbatim_fragments && own_words() >= 1)
        {
            let k = inside[0];
            if cx.dqs[k].att.as_ref().is_none_or(|a| a.entity.is_none() || a.confidence < 0.8) {
                let a = cx.inds[ii].att.clone();
                cx.dqs[k].att = Some(a);
            }
            cx.inds[ii].kind = QuoteKind::Direct; // marks "dropped"
            continue;
        }
        // scare quotes ('links') do not make a clause mixed
        let real: Vec<usize> =
            inside.iter().copied().filter(|&k| !(cx.dqs[k].raw.single && cx.dqs[k].words <= 2)).collect();
        if real.is_empty() {
            for &k in &inside {
                cx.dqs[k].keep = false;
            }
            continue;
        }
        cx.inds[ii].kind = QuoteKind::Mixed;
        let end = real.iter().map(|&k| cx.dqs[k].raw.end).max().unwrap_or(e);
        cx.inds[ii].end = cx.inds[ii].end.max(end);
        let nested = cx.doc.lang.verbatim_fragments;
        for &k in &inside {
            if nested && real.contains(&k) {
                // this language's convention also reports the quoted words inside the clause
                if cx.dqs[k].att.as_ref().is_none_or(|a| a.entity.is_none()) {
                    cx.dqs[k].att = Some(cx.inds[ii].att.clone());
                }
                cx.dqs[k].nested = true;
            } else {
                cx.dqs[k].keep = false;
            }
        }
    }
    cx.inds.retain(|i| i.kind != QuoteKind::Direct);
}

/// "The Steve Harvey Morning Show", “Saturday Night Live”: short, every word capitalised, no
/// sentence punctuation inside — a title or name, not speech.
fn is_title_like(doc: &Doc, d: &Dq) -> bool {
    let toks = &doc.blocks[d.b].toks;
    let inner: Vec<&crate::doc::Tok> =
        toks[d.first_tok..d.after_tok].iter().filter(|t| t.kind != TokKind::Punct).collect();
    // connectors of English and of the foreign names German news quotes („Union pour un
    // Mouvement Populaire“, „Partij voor de Vrijheid“)
    let small = |t: &crate::doc::Tok| {
        matches!(t.lower.as_str(), "of" | "the" | "and" | "a" | "an" | "in" | "on" | "for" | "to" | "at" | "with")
            || doc.lang.code != "en"
                && matches!(
                    t.lower.as_str(),
                    "de" | "du"
                        | "la"
                        | "le"
                        | "les"
                        | "pour"
                        | "un"
                        | "une"
                        | "et"
                        | "voor"
                        | "van"
                        | "het"
                        | "en"
                        | "y"
                        | "del"
                        | "di"
                )
    };
    // a web address: „news.bbc.co.uk“
    let inner_text = &doc.blocks[d.b].text[d.raw.start..d.raw.end];
    let inner_text = inner_text.trim_matches(|c: char| !c.is_alphanumeric());
    if !inner_text.is_empty()
        && !inner_text.contains(char::is_whitespace)
        && inner_text.split('.').count() >= 2
        && inner_text.split('.').all(|p| p.len() >= 2 && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
    {
        return true;
    }
    !inner.is_empty()
        // German speech always has lower-case words; a long run of capitalised ones is a name
        && inner.len() <= if doc.lang.capitalised_nouns { 12 } else { 6 }
        && inner.first().is_some_and(|t| t.cap)
        && inner.iter().all(|t| t.cap || small(t) || t.kind == TokKind::Number)
        && inner.iter().filter(|t| t.cap).count() >= 2
        && !toks[d.first_tok..d.after_tok].iter().any(|t| t.is_punct("!") || t.is_punct("?"))
}

fn finish(mut cx: Ctx, config: &Config) -> Analysis {
    let doc = cx.doc;
    struct Out {
        span: Span,
        kind: QuoteKind,
        att: Option<Att>,
        sentence: Span,
        chain: Option<usize>,
    }
    let mut outs: Vec<Out> = Vec::new();
    let mut chain_head: Option<usize> = None;
    for d in &cx.dqs {
        if !d.keep {
            continue;
        }
        let attributed = d.att.as_ref().is_some_and(|a| {
            a.entity.is_some() || a.rule == Sieve::TrailingCue.id() || a.rule == Sieve::LeadingCue.id()
        });
        let weak =
            d.att.as_ref().is_none_or(|a| a.rule == Sieve::LoneCandidate.id() || a.rule == Sieve::SentenceSubject.id());
        let in_chain = d.raw.runs_on || d.raw.carries_on;
        if !in_chain
            && (d.titled || is_title_like(doc, d) && d.att.as_ref().is_none_or(|a| a.rule != Sieve::TrailingCue.id()))
        {
            continue;
        }
        // a short fragment is a scare quote or a name, except where the language capitalises
        // every noun and the fragment starts in lower case ("„trotz einiger Vorbehalte“"):
        // verbatim words, unless a word or two ("„schmiegen“ sich") without a speaker
        let lower_fragment = doc.lang.verbatim_fragments
            && !d.raw.single
            && d.words >= MIN_WORDS_LOWER_FRAGMENT
            && doc.blocks[d.b].toks.get(d.first_tok + 1).is_some_and(|t| t.is_word() && !t.cap);
        if !in_chain
            && !d.nested
            && !lower_fragment
            && (!attributed || weak)
            && (d.words < MIN_WORDS_UNATTRIBUTED || (d.raw.single && d.words < MIN_WORDS_UNATTRIBUTED + 1))
        {
            continue;
        }
        let bd = &doc.blocks[d.b];
        let sentence = if bd.toks.is_empty() {
            Span::new(d.b, 0, bd.text.len())
        } else {
            tok_span(doc, d.b, d.sent.0, d.sent.1.max(d.sent.0 + 1))
        };
        let chain = if d.raw.carries_on { chain_head } else { None };
        outs.push(Out {
            span: Span::new(d.b, d.raw.start, d.raw.end),
            kind: QuoteKind::Direct,
            att: d.att.clone(),
            sentence,
            chain,
        });
        if !d.raw.carries_on {
            chain_head = Some(outs.len() - 1);
        }
    }
    let mut head_map: HashMap<usize, usize> = HashMap::new();
    if config.indirect {
        for i in cx.inds.drain(..) {
            outs.push(Out {
                span: Span::new(i.b, i.start, i.end),
                kind: i.kind,
                att: Some(i.att),
                sentence: i.sentence,
                chain: None,
            });
        }
    }
    // text order; chains point at their first paragraph
    let mut order: Vec<usize> = (0..outs.len()).collect();
    order.sort_by_key(|&i| (outs[i].span.block, outs[i].span.start, outs[i].span.end));
    for (new, &old) in order.iter().enumerate() {
        head_map.insert(old, new);
    }
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut ent_to_speaker: HashMap<usize, usize> = HashMap::new();
    let mut quotes = Vec::with_capacity(outs.len());
    for &old in &order {
        let o = &outs[old];
        let (speaker, mentions, cue, rule, confidence) = match &o.att {
            Some(a) => {
                let sp = a.entity.map(|e| {
                    let e = cx.ents.canonical(e);
                    *ent_to_speaker.entry(e).or_insert_with(|| {
                        let ent = &cx.ents.list[e];
                        let mut mentions = ent.mentions.clone();
                        mentions.sort();
                        mentions.dedup();
                        speakers.push(Speaker {
                            name: ent.display(),
                            kind: ent.kind,
                            role: ent.role.clone(),
                            mentions,
                        });
                        speakers.len() - 1
                    })
                });
                (sp, a.mentions.clone(), a.cue, a.rule, a.confidence)
            }
            None => (None, Vec::new(), None, rules::UNATTRIBUTED, 0.4),
        };
        if confidence < config.min_confidence {
            continue;
        }
        quotes.push(Quote {
            span: o.span,
            kind: o.kind,
            speaker,
            speaker_mentions: mentions,
            cue,
            sentence: o.sentence,
            rule,
            confidence,
            continues: o.chain.and_then(|h| head_map.get(&h).copied()),
        });
    }
    // `continues` indexes must survive the confidence filter: recompute by span
    if config.min_confidence > 0.0 {
        let pos: HashMap<Span, usize> = quotes.iter().enumerate().map(|(i, q)| (q.span, i)).collect();
        let sorted_spans: Vec<Span> = order.iter().map(|&o| outs[o].span).collect();
        for q in quotes.iter_mut() {
            q.continues = q.continues.and_then(|old| sorted_spans.get(old)).and_then(|s| pos.get(s).copied());
        }
    }
    Analysis { quotes, speakers }
}
