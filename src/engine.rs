//! The pipeline: direct quotes → the rules in their configured order (`sieves/`: quote →
//! speaker phrase → entity; indirect speech read once the cues of direct quotes are known) →
//! multi-paragraph chains → mixed quotes → output.

use crate::api::{Analysis, Article, BlockKind, Quote, QuoteKind, Span, Speaker};
use crate::doc::{Doc, Tok};
use crate::entities::Entities;
use crate::fxhash::FxHashSet;
use crate::sieves::clause::{is_cue, word_count};
use crate::sieves::context::{inherit, tok_span, Attribution, Ctx, DirectQuote, IndirectQuote, MIN_WORDS_UNATTRIBUTED};
use crate::sieves::indirect_verb::Shapes;
use crate::sieves::{
    self, according_to, adjacent_quote, continuation, indirect_according_to, indirect_subjunctive, indirect_verb,
    leading_cue, lone_candidate, sentence_subject, trailing_cue, Sieve,
};
use crate::speaker_phrase::Np;
use crate::text::TokKind;
use crate::Config;
use std::collections::HashMap;

/// A quote wholly inside an indirect clause that covers at least this share of the clause is
/// reported as a direct quote, not as a mixed one.
pub const DIRECT_SHARE_OF_CLAUSE: f32 = 0.8;
/// In languages with verbatim fragments, an unattributed lower-case fragment this long is kept.
pub const MIN_WORDS_LOWER_FRAGMENT: usize = 3;
/// A direct quote whose attribution is less sure than this (a calibrated confidence: the share of
/// right labels its rule gives) takes the speaker of the indirect clause that wholly holds it.
pub const WEAK_ATTRIBUTION: f32 = 0.8;
/// The most words a quoted name after a definite article has (`article_names` profiles).
pub const MAX_ARTICLE_NAME_WORDS: usize = 6;
/// The confidence of a quotation no rule attributed.
pub const UNATTRIBUTED_CONFIDENCE: f32 = 0.4;
/// A quote credited after it (`"…," X said`) whose sentence the writer began with at least this
/// many words of their own reports the whole sentence: a mixed quote.
pub const MIN_OWN_WORDS_MIXED: usize = 3;
/// A quote of at most this many words in a list of quotes (`"grapple," "optics" and "eschew"`)
/// names a term, it does not quote speech.
pub const MAX_WORDS_LISTED_TERM: usize = 6;

/// Runs the whole pipeline on one article.
pub fn analyze(article: &Article, config: &Config) -> Analysis {
    analyze_in(article, config, config.language.and_then(crate::lexicon::profile))
}

/// [`analyze`] in this language profile (`None`: the profile detected from the text).
pub(crate) fn analyze_in(
    article: &Article,
    config: &Config,
    language: Option<&'static crate::lexicon::Language>,
) -> Analysis {
    let doc = Doc::build_in(article, language);
    let ents = Entities::build(&doc);
    let mut cx = Ctx { doc: &doc, ents, direct: Vec::new(), indirect: Vec::new(), according: HashMap::new() };
    collect_direct(&mut cx);
    // the indirect rules that run, in their configured order (none when indirect speech is off)
    let indirect: Vec<Sieve> = config.sieves.iter().copied().filter(|s| s.is_indirect() && config.indirect).collect();
    let mut indirect_done = indirect.is_empty();
    for &sieve in &config.sieves {
        if sieve.is_indirect() {
            // indirect speech is found once the cues of direct quotes are known, so that it
            // never re-reports `"…," she said` and can give bare quotes a speaker in focus
            if !indirect_done {
                collect_indirect(&mut cx, &indirect);
                indirect_done = true;
            }
            continue;
        }
        for qi in 0..cx.direct.len() {
            // a title takes no speaker (nor the cue of the speech around it)
            if cx.direct[qi].att.is_some() || cx.direct[qi].titled {
                continue;
            }
            if let Some((att, cue_tok)) = sieves::attribute(&mut cx, sieve, qi) {
                cx.direct[qi].att = Some(att);
                cx.direct[qi].cue_tok = cue_tok;
            }
        }
    }
    propagate_chains(&mut cx);
    merge_mixed(&mut cx);
    if config.indirect {
        // a mixed quote is (partly) reported speech: not read when indirect speech is off
        credited_sentences(&mut cx);
    }
    finish(cx, config)
}

fn collect_direct(cx: &mut Ctx) {
    for (b, bd) in cx.doc.blocks.iter().enumerate() {
        for q in &bd.quotes {
            let first_tok = bd.tok_at(q.start);
            let after_tok = bd.toks.partition_point(|t| t.start < q.end);
            let words = bd.toks[first_tok..after_tok].iter().filter(|t| t.kind != TokKind::Punct).count();
            let sent = bd.sentence_of(first_tok.min(bd.toks.len().saturating_sub(1)));
            // "the film “…”", "(Motto: „…“)"
            let names_work = |p: &Tok| p.is_word() && p.quote.is_none() && cx.doc.lang.names_work(p.lower.as_str());
            // "the technique called “mental chronometry”" names; "what he called “…”" quotes
            let named = first_tok > 1
                && bd.toks[first_tok - 1].is_in(&cx.doc.lang.naming_participles)
                && bd.toks[first_tok - 2].is_plain_word();
            // a nickname between a first name and a surname: Riefian “Ifan” Fajarsyah
            let nickname = words <= 3
                && first_tok > 0
                && bd.toks[first_tok - 1].is_word()
                && bd.toks[first_tok - 1].cap
                && bd.toks[first_tok..after_tok].iter().all(|t| t.kind == TokKind::Punct || t.cap)
                && bd.toks.get(after_tok).is_some_and(|t| t.is_word() && t.cap)
                && bd.text[q.end..].starts_with(' ');
            // "what is known as a “backstop”", "billed as “…”": the participle names through "as"
            let named_as = {
                let k = first_tok.checked_sub(1).map(|k| if k > 0 && bd.toks[k].is_det() { k - 1 } else { k });
                k.is_some_and(|k| {
                    k > 0
                        && bd.toks[k].is_in(&cx.doc.lang.naming_as)
                        && bd.toks[k - 1].is_in(&cx.doc.lang.naming_participles)
                })
            };
            // German "die „Aktion Sauberes Dorf“": a capitalised quote in a definite article's noun
            // slot, with no clause punctuation in it, is a name; not in a prepositional object
            // ("gegen den „Terror“" labels), where only a source ("in der „Rundschau“") is a name
            let pp_object = |k: usize| {
                k > 0 && bd.toks[k - 1].is_in(&cx.doc.lang.pp_preps) && !bd.toks[k - 1].is_in(&cx.doc.lang.source_preps)
            };
            let article_named = cx.doc.lang.article_names
                && first_tok > 0
                && !pp_object(first_tok - 1)
                && words <= MAX_ARTICLE_NAME_WORDS
                && bd.toks[first_tok - 1].is_word()
                && bd.toks[first_tok - 1].quote.is_none()
                && bd.toks[first_tok - 1].is_in(&cx.doc.lang.name_articles)
                && bd.toks[first_tok..after_tok].iter().find(|t| t.kind != TokKind::Punct).is_some_and(|t| t.cap)
                && !bd.toks[first_tok..after_tok]
                    .iter()
                    .any(|t| [",", ".", ":", ";", "!", "?"].iter().any(|c| t.is_punct(c)));
            // "die sich selbst „…“ nennt", "die sich als „…“ präsentiert": a name the subject
            // gives itself, not speech
            let self_named = first_tok > 1
                && bd.toks[first_tok - 1].is_in(&cx.doc.lang.self_naming)
                && bd.toks[first_tok - 2].is_in(&cx.doc.lang.reflexives);
            let titled = self_named
                || nickname
                || named_as
                || article_named
                || first_tok > 0
                    && (named
                        || names_work(&bd.toks[first_tok - 1])
                        || first_tok > 1
                            && bd.toks[first_tok - 1].is_punct(":")
                            && cx.doc.lang.is_label(bd.toks[first_tok - 2].lower.as_str()));
            cx.direct.push(DirectQuote {
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

/// Multi-paragraph quotes: one speaker for the run.
fn propagate_chains(cx: &mut Ctx) {
    let n = cx.direct.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n
            && cx.direct[j].raw.runs_on
            && cx.direct[j + 1].raw.carries_on
            && cx.direct[j + 1].b == cx.direct[j].b + 1
        {
            j += 1;
        }
        if j > i {
            let src = (i..=j)
                .filter_map(|k| cx.direct[k].att.clone())
                .find(|a| a.entity.is_some() && a.rule != lone_candidate::ID);
            if let Some(a) = src {
                for k in i..=j {
                    let weak = cx.direct[k].att.as_ref().is_none_or(|x| {
                        x.entity.is_none() || x.rule == lone_candidate::ID || x.rule == adjacent_quote::ID
                    });
                    if weak {
                        cx.direct[k].att = Some(inherit(&a, continuation::ID, continuation::CONFIDENCE));
                    }
                }
            }
        }
        i = j + 1;
    }
}

/// Reads every sentence for indirect speech with the given rules, in their order: cue verbs
/// (`indirect-verb`, `indirect-inverted`: one scan of the sentence's cues, reporting the shapes
/// that are on), "according to" (`indirect-according-to`), the reported-speech mood
/// (`indirect-subjunctive`, only in a sentence with no indirect speech yet).
fn collect_indirect(cx: &mut Ctx, rules: &[Sieve]) {
    let doc = cx.doc;
    let used: FxHashSet<(usize, usize)> = cx.direct.iter().filter_map(|d| d.cue_tok.map(|c| (d.b, c))).collect();
    let shapes =
        Shapes { verb: rules.contains(&Sieve::IndirectVerb), inverted: rules.contains(&Sieve::IndirectInverted) };
    for (b, bd) in doc.blocks.iter().enumerate() {
        if matches!(bd.kind, BlockKind::Heading | BlockKind::Caption) {
            continue;
        }
        for &(s, e) in &bd.sents {
            let mut cues_read = false;
            for &rule in rules {
                match rule {
                    Sieve::IndirectVerb | Sieve::IndirectInverted if !cues_read => {
                        read_cues(cx, &used, shapes, b, s, e);
                        cues_read = true;
                    }
                    Sieve::IndirectAccordingTo => indirect_according_to::find(cx, b, s, e),
                    Sieve::IndirectSubjunctive
                        if !cx.indirect.last().is_some_and(|x| x.b == b && x.end > bd.toks[s].start) =>
                    {
                        indirect_subjunctive::find(cx, b, s, e)
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Reported speech at every cue verb of sentence `[s, e)` of block `b` that no direct quote used.
fn read_cues(cx: &mut Ctx, used: &FxHashSet<(usize, usize)>, shapes: Shapes, b: usize, s: usize, e: usize) {
    let bd = &cx.doc.blocks[b];
    let mut found_in_sentence: Option<(usize, Np)> = None;
    let mut v = s;
    while v < e {
        let t = &bd.toks[v];
        // headlines capitalise their verbs: "Obama Says Museum Will Tell …"
        if t.quote.is_some()
            || !is_cue(t, bd.headline_like)
            || t.cue > cx.doc.lang.indirect_max_tier
            || used.contains(&(b, v))
        {
            v += 1;
            continue;
        }
        if let Some(ind) = indirect_verb::at_cue(cx, shapes, b, s, e, v, &mut found_in_sentence) {
            let next = bd.toks.partition_point(|t| t.start < ind.end);
            cx.indirect.push(ind);
            v = next.max(v + 1);
            continue;
        }
        v += 1;
    }
}

/// Direct quotes inside indirect clauses: a quote that is (nearly) the whole clause stays a
/// direct quote with the clause's speaker; otherwise the clause is a mixed quote.
fn merge_mixed(cx: &mut Ctx) {
    for ii in 0..cx.indirect.len() {
        let (b, s, e) = (cx.indirect[ii].b, cx.indirect[ii].start, cx.indirect[ii].end);
        let from = cx.direct.partition_point(|d| (d.b, d.raw.start) < (b, s));
        let inside: Vec<usize> = (from..cx.direct.len())
            .take_while(|&k| cx.direct[k].b == b && cx.direct[k].raw.start < e)
            .filter(|&k| cx.direct[k].keep)
            .collect();
        if inside.is_empty() {
            continue;
        }
        let span_len = (e - s).max(1) as f32;
        let covered: usize = inside
            .iter()
            .map(|&k| cx.direct[k].raw.end.min(e.max(cx.direct[k].raw.end)) - cx.direct[k].raw.start)
            .sum();
        // where quoted fragments are verbatim words, words of the writer's own before the quote
        // ("der Ehemann „konnte …“") make the clause mixed however long the quote
        let own_words = || {
            let bd = &cx.doc.blocks[b];
            let first = bd.tok_at(s);
            let q = bd.tok_at(cx.direct[inside[0]].raw.start);
            word_count(cx.doc, b, first, q)
        };
        if inside.len() == 1
            && covered as f32 >= DIRECT_SHARE_OF_CLAUSE * span_len
            && !(cx.doc.lang.verbatim_fragments && own_words() >= 1)
        {
            let k = inside[0];
            if cx.direct[k].att.as_ref().is_none_or(|a| a.entity.is_none() || a.confidence < WEAK_ATTRIBUTION) {
                let a = cx.indirect[ii].att.clone();
                cx.direct[k].att = Some(a);
            }
            cx.indirect[ii].kind = QuoteKind::Direct; // marks "dropped"
            continue;
        }
        // scare quotes ('links') do not make a clause mixed, nor does the quoted name of the
        // source that reports it: a name that opens the clause ("Nach Angaben des Magazins
        // [„Der Spiegel“ sei …]") or stands before the cue that closes a lead-in in it ("[Wie die
        // Zeitung „The Guardian“ berichtete, sei …]") belongs to the attribution, not to the
        // reported words
        let bd = &cx.doc.blocks[b];
        let first = bd.tok_at(s);
        let clause_end = bd.toks.partition_point(|t| t.start < e);
        let source_name = |d: &DirectQuote| {
            (d.titled || is_title_like(cx.doc, d))
                && (word_count(cx.doc, b, first, d.first_tok) == 0
                    || (d.after_tok..clause_end).any(|i| {
                        is_cue(&bd.toks[i], false)
                            && bd.toks.get(i + 1).is_some_and(|n| n.is_punct(",") || n.is_punct(":"))
                    }))
        };
        let real: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&k| {
                let d = &cx.direct[k];
                !(source_name(d) || d.raw.single && d.words <= 2)
            })
            .collect();
        if real.is_empty() {
            for &k in &inside {
                cx.direct[k].keep = false;
            }
            continue;
        }
        cx.indirect[ii].kind = QuoteKind::Mixed;
        let end = real.iter().map(|&k| cx.direct[k].raw.end).max().unwrap_or(e);
        cx.indirect[ii].end = cx.indirect[ii].end.max(end);
        let nested = cx.doc.lang.verbatim_fragments;
        for &k in &inside {
            if nested && real.contains(&k) {
                // this language's convention also reports the quoted words inside the clause;
                // they are the words of the clause's speaker unless a surer rule said otherwise
                // (a neighbour quote's speaker is a guess: "X sagte: „…“ Y erklärte, es sei „…“")
                // (confidences as measured in the article's language)
                let lang = cx.doc.lang;
                let clause = &cx.indirect[ii].att;
                let clause_conf = lang.capped_confidence(clause.rule, clause.confidence);
                if cx.direct[k].att.as_ref().is_none_or(|a| {
                    a.entity.is_none()
                        || lang.capped_confidence(a.rule, a.confidence) < WEAK_ATTRIBUTION.min(clause_conf)
                }) {
                    cx.direct[k].att = Some(cx.indirect[ii].att.clone());
                }
                cx.direct[k].nested = true;
            } else {
                cx.direct[k].keep = false;
            }
        }
    }
    cx.indirect.retain(|i| i.kind != QuoteKind::Direct);
}

/// `There was a “whiff” of concern about “three-peat,” Shibley said.`: a credit after the quote
/// (`trailing-cue`, or `according to X` right after it) reports everything its sentence says up to
/// it. When the writer's own words open that sentence, the quoted words are part of what is
/// reported, not all of it: the sentence up to the last quote is one mixed quote, with the
/// quote's speaker, and the quotes inside it are not reported on their own. A colon or a dash
/// before the quote sets the writer's lead-in apart (`He was blunt: “…,” she said`): no change.
fn credited_sentences(cx: &mut Ctx) {
    let doc = cx.doc;
    for qi in 0..cx.direct.len() {
        let d = &cx.direct[qi];
        // a title is credited to nobody: `In an interview with “Face the Nation,” she said`
        if !d.keep || d.nested || d.titled || d.raw.runs_on || d.raw.carries_on || is_title_like(doc, d) {
            continue;
        }
        let Some(a) = d.att.as_ref() else { continue };
        let Some(cue) = a.cue else { continue };
        let bd = &doc.blocks[d.b];
        let credited_after = cue.start >= d.raw.end
            && (a.rule == trailing_cue::ID
                || a.rule == according_to::ID
                    && bd.text[d.raw.end..cue.start].chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation()));
        // the credit follows the clause's closing comma (or question mark): `"…," X said`
        let inner = bd.text[..d.raw.end].trim_end_matches(quotes_close_char);
        let closes_clause = inner.ends_with([',', '?', '!']) || bd.text[d.raw.end..].trim_start().starts_with(',');
        if !credited_after || !closes_clause {
            continue;
        }
        let s = d.sent.0;
        // the first quote of the sentence: the writer's words are those before it
        let first =
            (0..qi).rev().take_while(|&k| cx.direct[k].b == d.b && cx.direct[k].first_tok >= s).last().unwrap_or(qi);
        let q0 = cx.direct[first].first_tok;
        if q0 <= s || word_count(doc, d.b, s, q0) < MIN_OWN_WORDS_MIXED {
            continue;
        }
        if bd.toks[s..q0].iter().any(|t| t.is_punct(":") || t.is_dash()) {
            continue;
        }
        let (start, end) = (bd.toks[s].start, d.raw.end);
        if cx.indirect.iter().any(|i| i.b == d.b && i.start < end && start < i.end) {
            continue;
        }
        let att = a.clone();
        let sentence = tok_span(doc, d.b, s, d.sent.1.max(s + 1));
        cx.indirect.push(IndirectQuote { b: d.b, start, end, sentence, att, kind: QuoteKind::Mixed });
        for k in first..=qi {
            cx.direct[k].keep = false;
        }
    }
}

fn quotes_close_char(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | '«' | '“' | '‘' | '›' | '‹' | '」' | '』')
}

/// "The Steve Harvey Morning Show", “Saturday Night Live”: short, every word capitalised, no
/// sentence punctuation inside — a title or name, not speech.
fn is_title_like(doc: &Doc, d: &DirectQuote) -> bool {
    let toks = &doc.blocks[d.b].toks;
    let inner: Vec<&Tok> = toks[d.first_tok..d.after_tok].iter().filter(|t| t.kind != TokKind::Punct).collect();
    // connectors of the language's titles and names (German news quotes foreign names too:
    // „Union pour un Mouvement Populaire“; title_connectors.txt)
    let small = |t: &Tok| doc.lang.title_connectors.contains(&t.lower.as_str());
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

/// `'I was not going to give up'` alone in its block, in single marks and with no closing period:
/// a subheading that pulls a quote out of the story (news style), not a quotation in it.
fn is_quoted_subhead(doc: &Doc, d: &DirectQuote) -> bool {
    let text = doc.blocks[d.b].text;
    let (a, z) = d.raw.inner();
    d.raw.single
        && text[..d.raw.start].trim().is_empty()
        && text[d.raw.end..].trim().is_empty()
        && !text[a..z].trim_end().ends_with(['.', '!', '?', ',', '…'])
}

/// Is this quote an item of a list of quotes: does only a comma, a space or a joining word
/// (`and`, `or`) stand between it and the quote before or after it, and is that one short too?
fn in_list_of_quotes(doc: &Doc, d: &DirectQuote) -> bool {
    let bd = &doc.blocks[d.b];
    let Some(i) = bd.quotes.iter().position(|q| q.start == d.raw.start) else { return false };
    let short =
        |q: &crate::quotes::RawQuote| bd.text[q.start..q.end].split_whitespace().count() <= MAX_WORDS_LISTED_TERM;
    let joined = |a: usize, z: usize| {
        a <= z && {
            let gap = bd.text[a..z].trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
            gap.is_empty() || doc.lang.list_joiners.contains(&gap.to_lowercase().as_str())
        }
    };
    let before = i > 0 && short(&bd.quotes[i - 1]) && joined(bd.quotes[i - 1].end, d.raw.start);
    let after = bd.quotes.get(i + 1).is_some_and(|n| short(n) && joined(d.raw.end, n.start));
    before || after
}

/// One reported quotation before the output order is known.
struct Out {
    span: Span,
    kind: QuoteKind,
    att: Option<Attribution>,
    sentence: Span,
    /// For a later paragraph of a multi-paragraph quote: the first paragraph's index in the list.
    chain: Option<usize>,
}

/// A quote credited to the first person outside any quotation ("“…,” I said"): the writer's own
/// words in a first-person piece, not a quoted source.
fn by_the_writer(doc: &Doc, d: &DirectQuote) -> bool {
    d.att.as_ref().is_some_and(|a| {
        a.entity.is_none()
            && matches!(a.mentions.as_slice(), [m] if doc.blocks.get(m.block)
                .and_then(|bd| bd.text.get(m.start..m.end))
                .is_some_and(|w| doc.lang.writer_pronouns.contains(&w.to_lowercase().as_str())))
    })
}

/// A direct quote is reported unless it is a title, a name or a short fragment nobody said.
fn is_reported(doc: &Doc, d: &DirectQuote) -> bool {
    if !d.keep {
        return false;
    }
    let attributed =
        d.att.as_ref().is_some_and(|a| a.entity.is_some() || a.rule == trailing_cue::ID || a.rule == leading_cue::ID);
    let weak = d.att.as_ref().is_none_or(|a| a.rule == lone_candidate::ID || a.rule == sentence_subject::ID);
    let in_chain = d.raw.runs_on || d.raw.carries_on;
    if is_quoted_subhead(doc, d) || by_the_writer(doc, d) {
        return false;
    }
    // a teaser link or caption ("READ MORE: ‘…’: Doctor speaks out") quotes a headline, not a
    // speaker: there, only a quote a rule gave a speaker is reported
    if !in_chain && doc.blocks[d.b].kind == BlockKind::Caption && d.att.as_ref().is_none_or(|a| a.entity.is_none()) {
        return false;
    }
    // (a credit right after the item says it was said: `… and “our own people,” Ana said`)
    let credited = d.att.as_ref().is_some_and(|a| a.rule == trailing_cue::ID);
    if !in_chain && !d.nested && !credited && d.words <= MAX_WORDS_LISTED_TERM && in_list_of_quotes(doc, d) {
        return false;
    }
    if !in_chain && (d.titled || is_title_like(doc, d) && d.att.as_ref().is_none_or(|a| a.rule != trailing_cue::ID)) {
        return false;
    }
    // a short fragment is a scare quote or a name, except where the language capitalises
    // every noun and the fragment starts in lower case ("„trotz einiger Vorbehalte“"):
    // verbatim words, unless a word or two ("„schmiegen“ sich") without a speaker
    let lower_fragment = doc.lang.verbatim_fragments
        && !d.raw.single
        && d.words >= MIN_WORDS_LOWER_FRAGMENT
        && doc.blocks[d.b].toks.get(d.first_tok + 1).is_some_and(|t| t.is_word() && !t.cap);
    in_chain
        || d.nested
        || lower_fragment
        || (attributed && !weak)
        || !(d.words < MIN_WORDS_UNATTRIBUTED || (d.raw.single && d.words < MIN_WORDS_UNATTRIBUTED + 1))
}

/// The reported direct quotes (chained into multi-paragraph runs), then the indirect and mixed
/// speech.
fn reported(cx: &mut Ctx) -> Vec<Out> {
    let doc = cx.doc;
    let mut outs: Vec<Out> = Vec::new();
    let mut chain_head: Option<usize> = None;
    for d in cx.direct.iter().filter(|d| is_reported(doc, d)) {
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
    {
        for i in cx.indirect.drain(..) {
            outs.push(Out {
                span: Span::new(i.b, i.start, i.end),
                kind: i.kind,
                att: Some(i.att),
                sentence: i.sentence,
                chain: None,
            });
        }
    }
    outs
}

/// The output's speaker table: one speaker per canonical entity, in order of first use.
#[derive(Default)]
struct SpeakerTable {
    speakers: Vec<Speaker>,
    of_entity: HashMap<usize, usize>,
}

impl SpeakerTable {
    fn speaker(&mut self, ents: &Entities, entity: usize) -> usize {
        let e = ents.canonical(entity);
        let speakers = &mut self.speakers;
        *self.of_entity.entry(e).or_insert_with(|| {
            let ent = &ents.list[e];
            let mut mentions = ent.mentions.clone();
            mentions.sort();
            mentions.dedup();
            speakers.push(Speaker { name: ent.display(), kind: ent.kind, role: ent.role.clone(), mentions });
            speakers.len() - 1
        })
    }
}

/// The analysis: quotes in text order above the minimum confidence, their speakers.
fn finish(mut cx: Ctx, config: &Config) -> Analysis {
    let outs = reported(&mut cx);
    // text order; chains point at their first paragraph
    let mut order: Vec<usize> = (0..outs.len()).collect();
    order.sort_by_key(|&i| (outs[i].span.block, outs[i].span.start, outs[i].span.end));
    let head_map: HashMap<usize, usize> = order.iter().enumerate().map(|(new, &old)| (old, new)).collect();
    let mut table = SpeakerTable::default();
    let mut quotes = Vec::with_capacity(outs.len());
    for &old in &order {
        let o = &outs[old];
        let (speaker, mentions, cue, rule, confidence) = match &o.att {
            Some(a) => {
                let sp = a.entity.map(|e| table.speaker(&cx.ents, e));
                (sp, a.mentions.clone(), a.cue, a.rule, cx.doc.lang.capped_confidence(a.rule, a.confidence))
            }
            None => (None, Vec::new(), None, sieves::UNATTRIBUTED, UNATTRIBUTED_CONFIDENCE),
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
    Analysis { quotes, speakers: table.speakers }
}
