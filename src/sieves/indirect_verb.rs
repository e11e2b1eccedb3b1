//! `indirect-verb`: reported speech after a cue verb — `X said (that) …`, `X told reporters …`,
//! `Acts of protest, X said, are …`, German `Sie gab an, dass …`. A cue verb whose clause comes
//! first (`…, X said.`) is handed to `indirect-inverted`.

use super::clause::{content_end, first_np, is_verb_aux, names_with_von, word_count, MIN_INDIRECT_WORDS};
use super::context::{Ctx, IndirectQuote};
use super::indirect_inverted;
use crate::doc::{Doc, Tok};
use crate::lexicon::{Nominal, CUE_REPORTING, CUE_SAYING, NO_CUE};
use crate::speaker_phrase::{self, Head, Np, Pron};
use crate::text::TokKind;

pub const ID: &str = "indirect-verb";
/// After a verb of saying ("said that …").
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.82;
/// After a saying-like verb ("the report found …").
pub const REPORTING_CONFIDENCE: f32 = 0.6;
/// After a verb of belief ("she believes …").
pub const BELIEF_CONFIDENCE: f32 = 0.5;
/// A cue set off by commas inside the clause ("Acts of protest, X said, are …").
pub const PARENTHETICAL_CONFIDENCE: f32 = 0.7;
/// Most words of a prepositional phrase between a cue and a reported clause that opens with a
/// subject pronoun and no "that" ("said in retrospect he …").
pub const MAX_FILLER_WORDS: usize = 4;
/// How many tokens after a German cue may stand before the comma, colon or "dass" that opens
/// the reported clause (an object, an addressee, a particle).
pub const GERMAN_CLAUSE_LOOKAHEAD: usize = 10;

/// How sure the rule is after a cue of this tier.
pub fn confidence(tier: u8) -> f32 {
    if tier == CUE_SAYING {
        CONFIDENCE
    } else if tier == CUE_REPORTING {
        REPORTING_CONFIDENCE
    } else {
        BELIEF_CONFIDENCE
    }
}

/// Which shapes of reported speech at a cue verb are on: `X said (that) …` (`indirect-verb`),
/// `…, X said.` (`indirect-inverted`).
#[derive(Debug, Clone, Copy)]
pub struct Shapes {
    pub verb: bool,
    pub inverted: bool,
}

/// Where a cue verb stands: block `b`, sentence tokens `[s, e)`, the verb at `v`.
#[derive(Debug, Clone, Copy)]
struct Site {
    b: usize,
    s: usize,
    e: usize,
    v: usize,
}

/// Where the reported clause starts after the verb, if it does.
enum Content {
    /// The clause starts at this token; `had_that`: after a complementiser ("that", "dass").
    At { c: usize, had_that: bool },
    /// Nothing to report after the verb: the clause comes first (`…, he said.`).
    Inverted,
    /// Not reported speech.
    None,
}

/// Reported speech at the cue verb `v` of sentence `[s, e)` of block `b`: `X said (that) …`.
/// Hands the inverted shape (`…, X said.`) to `indirect-inverted`. `prev` carries the subject of
/// the sentence's last cue to a coordinated one ("… and says").
pub fn at_cue(
    cx: &mut Ctx,
    shapes: Shapes,
    b: usize,
    s: usize,
    e: usize,
    v: usize,
    prev: &mut Option<(usize, Np)>,
) -> Option<IndirectQuote> {
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    let t = &toks[v];
    let at = Site { b, s, e, v };
    // subject: the phrase before the verb (auxiliaries skipped), or a shared subject
    let mut j = v;
    // (a capitalised "May" or "Will" before the verb is a name: "Ms. May said")
    // ("Wie ein Sprecher heute erklärte": a time word before a clause-final verb)
    let time = |k: usize| doc.lang.verb_second && toks[k].is_time() && !toks[k].cap && toks[k].quote.is_none();
    while j > s && (doc.is_aux(&toks[j - 1]) && !toks[j - 1].cap || is_adverb(doc, toks, s, j - 1) || time(j - 1)) {
        j -= 1;
    }
    let participle = t.lower.ends_with("ing") && !(j < v && is_verb_aux(doc, &toks[v - 1]));
    if not_a_speech_verb(doc, at, j, participle) {
        return None;
    }
    let np = subject(doc, at, j, participle, prev)?;
    // "…, sagte der Sprecher": verb second right after a comma, the subject follows the verb; the
    // phrase before the comma belongs to the clause it closes
    // (not "…, kritisierte die Entscheidung scharf: „…“": a colon opens content after all; nor
    // "Henning Scherf (SPD), warnte …", "Die Politikerin, Anja Roth, kritisierte …": a phrase that
    // opens the sentence, or its appositive, is its subject)
    let credit = doc.lang.verb_second
        && j == v
        && v > s
        && toks[v - 1].is_punct(",")
        && np.as_ref().is_some_and(|n| n.a > s && !toks[n.a - 1].is_punct(","))
        // the clause before it reports: a finite verb in the reporting mood or an auxiliary
        && toks[s..v].iter().any(|x| doc.lang.subjunctive.contains(&x.lower.as_str()) || is_verb_aux(doc, x))
        && !toks[v..e].iter().any(|x| x.is_punct(":") && x.quote.is_none());
    let np = if credit { None } else { np };
    let np = match np {
        Some(n) => Some(n),
        // "Am Montag sagte die Ministerin", else "In dem Bericht heißt es"
        None if doc.lang.verb_second => {
            let after = speaker_phrase::forward(doc, b, v + 1, e, s);
            let expletive =
                after.as_ref().is_some_and(|n| doc.lang.expletive_it && matches!(n.head, Head::Pronoun(Pron::It)));
            if after.is_none() || expletive {
                speaker_phrase::backward_phrase(doc, b, j, s, s).or(after)
            } else {
                after
            }
        }
        None => bare_plural(doc, at, j),
    };
    // "…, sagte Mark Ohl, der Sprecher der Klinik": a credit after the clause it reports; what
    // follows its speaker is an appositive or an object, not a clause ("…, hieß es, sicher sei
    // …": an expletive subject, and a comma then a lower-case word opens a clause)
    if let Some(n) = np.as_ref().filter(|n| credit && n.a > v) {
        let expletive = doc.lang.expletive_it && matches!(n.head, Head::Pronoun(Pron::It));
        let clause_after = n.z + 1 < e && toks[n.z].is_punct(",") && !toks[n.z + 1].cap && !toks[n.z + 1].is_det();
        if !expletive && !clause_after {
            return inverted(cx, shapes, at, np);
        }
    }
    let (c, had_that) = match content_start(doc, at, np.as_ref()) {
        Content::At { c, had_that } => (c, had_that),
        Content::Inverted => return inverted(cx, shapes, at, np),
        Content::None => return None,
    };
    // "Acts of protest, Mr. Obama said, are acts of patriotism": a parenthetical cue
    if shapes.verb && c + 1 < e && toks[c].is_punct(",") && !doc.lang.clause_anchor {
        if let Some(n) = np.as_ref().filter(|n| n.z <= v && n.a > s && toks[n.a - 1].is_punct(",")) {
            if let Some(found) = parenthetical(cx, at, c, n.clone(), prev) {
                return Some(found);
            }
        }
    }
    if c >= e || (toks[c].kind == TokKind::Punct && toks[c].quote.is_none()) {
        // "…, he said." — the inverted form
        return inverted(cx, shapes, at, np);
    }
    if let Some(speaker) = inverted_after_all(doc, at, j, c, had_that, np.as_ref()) {
        return inverted(cx, shapes, at, speaker.or(np));
    }
    if t.cue >= CUE_REPORTING && !had_that {
        let f = &toks[c];
        let clause_like = doc.is_pronoun_subject(f) || f.is_det() || f.cap;
        if !clause_like {
            return None;
        }
    }
    let np = np?;
    // "no group claimed responsibility", "nobody said": nobody spoke
    if toks[np.a].is_in(&doc.lang.negative_subjects) {
        return None;
    }
    if matches!(np.head, Head::Nominal { kind: Nominal::Person, .. })
        && np.z == np.a + 1
        && !toks[np.a].lower.ends_with('s')
        && doc.lang.plural_s
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
    if !shapes.verb {
        return None;
    }
    *prev = Some((v, np.clone()));
    let att = cx.att_from(b, &np, Some((v, v + 1)), ID, confidence(t.cue), toks[v].start);
    Some(IndirectQuote::clause(doc, b, (s, e), (c, z), att))
}

/// The inverted shape, when it is on.
fn inverted(cx: &mut Ctx, shapes: Shapes, at: Site, np: Option<Np>) -> Option<IndirectQuote> {
    let Site { b, s, e, v } = at;
    if shapes.inverted {
        indirect_inverted::attribute(cx, b, s, e, v, np)
    } else {
        None
    }
}

/// The cue word is a noun, a naming word, a gerund or a passive here: no speech. `j` is where
/// the auxiliaries before the verb start.
fn not_a_speech_verb(doc: &Doc, at: Site, j: usize, participle: bool) -> bool {
    let Site { b, s, e, v } = at;
    let toks = &doc.blocks[b].toks;
    let t = &toks[v];
    // "his tweet", "a comment", "Trump's statement": a noun, not a verb
    if v > s && (toks[v - 1].is_in(&doc.lang.infinitive_markers) || toks[v - 1].is_det() || toks[v - 1].is_possessive())
    {
        return true;
    }
    let demands = |x: &Tok| {
        x.is_in(&doc.lang.request_preps) && doc.lang.request_stems.iter().any(|stem| t.lower.starts_with(stem))
    };
    if v + 1 < e && (toks[v + 1].is_in(&doc.lang.agent_preps) || demands(&toks[v + 1])) {
        return true;
    }
    // "heißen" reports only as "es heißt" / "heißt es"; "Der Titel heißt wie …" names
    if t.is_in(&doc.lang.impersonal_cues)
        && !(v > s && toks[v - 1].is_in(&doc.lang.expletives)
            || toks.get(v + 1).is_some_and(|x| x.is_in(&doc.lang.expletives)))
    {
        return true;
    }
    // "a technique called …": naming after a noun
    if v > s && t.is_in(&doc.lang.naming_participles) && toks[v - 1].is_plain_word() {
        return true;
    }
    // "a hard time telling between …": a gerund after a noun, not a verb with a subject
    if participle
        && j == v
        && v > s
        && !toks[v - 1].is_punct(",")
        && !toks[v - 1].is_in(&doc.lang.conjunctions)
        && toks[v - 1].is_word()
        && !toks[v - 1].cap
    {
        return true;
    }
    // the passive ("was called in to assist", "were told to leave"): the subject did not speak
    !t.lower.ends_with("ing") && toks[j..v].iter().any(|x| x.is_in(&doc.lang.passive_aux))
}

/// The verb's subject before it (or the shared subject of a coordinated verb): `Some(None)` when
/// there is none, `None` when the subject rules the verb out ("the company say").
fn subject(doc: &Doc, at: Site, j: usize, participle: bool, prev: &Option<(usize, Np)>) -> Option<Option<Np>> {
    let Site { b, s, v, .. } = at;
    let toks = &doc.blocks[b].toks;
    let t = &toks[v];
    let np = if j > s && (toks[j - 1].is_in(&doc.lang.conjunctions) || (participle && toks[j - 1].is_punct(","))) {
        // "…and says", ", saying that": the subject of the sentence's first verb
        prev.as_ref()
            .map(|(_, n)| n.clone())
            .or_else(|| first_np(doc, b, s, j - 1).filter(|n| n.z < j && !matches!(n.head, Head::Pronoun(Pron::First))))
    } else if let Some(np) = super::clause::bracket_subject(doc, b, s, s, v) {
        np
    } else {
        speaker_phrase::backward(doc, b, j, s, s)
    };
    if let Some(n) = &np {
        // "the company say": a base form needs a plural, a modal or "to"
        let modal = j < v || (v > s && is_verb_aux(doc, &toks[v - 1]));
        if t.is_base() && !modal && !participle && !plural_subject(doc, b, n) {
            return None;
        }
        // "shows", "found": only documents, polls and organisations report that way
        if t.cue == CUE_REPORTING && !matches!(n.head, Head::Nominal { .. }) && !matches!(n.head, Head::Name(_)) {
            return None;
        }
    }
    Some(np)
}

/// Where the content starts after the verb: past the speaker phrase when it follows the verb, a
/// time, an addressee, a prepositional phrase before "that", the complementiser itself; German
/// clauses open after a comma, a colon or "dass".
fn content_start(doc: &Doc, at: Site, np: Option<&Np>) -> Content {
    let Site { b, s, e, v } = at;
    let toks = &doc.blocks[b].toks;
    let t = &toks[v];
    let mut c = v + 1;
    let np_after = np.is_some_and(|n| n.a > v);
    // "sprach (der Präsident) von einer „Katastrophe“": naming, not a reported clause
    let after_np = np.filter(|n| n.a > v).map_or(v + 1, |n| n.z);
    if names_with_von(doc.lang, t, toks.get(after_np)) {
        return Content::None;
    }
    if let Some(n) = np.filter(|_| np_after) {
        c = n.z;
    }
    c = past_time(toks, c, e);
    if c < e && doc.lang.addressee_cues.contains(&t.lower.as_str()) && !doc.lang.verb_second {
        if let Some(a) = speaker_phrase::forward(doc, b, c, e, s) {
            c = a.z;
        } else if toks[c].is_in(&doc.lang.object_pronouns) {
            c += 1; // "told him they were against it"
        }
    }
    let mut had_that = false;
    // "said in a statement that …", "told reporters on Monday that …"
    if c < e && doc.lang.preps.contains(&toks[c].lower.as_str()) {
        let look = (c..e.min(c + 8)).find(|&k| toks[k].is_that() || toks[k].is_punct(",") || toks[k].is_punct(":"));
        match look {
            Some(k) if toks[k].is_that() || toks[k].is_punct(":") => c = k,
            Some(_) => {}
            // "said in retrospect he feels …": a short phrase, then a subject pronoun
            None => {
                if let Some(k) = (c + 1..e.min(c + 1 + MAX_FILLER_WORDS))
                    .take_while(|&k| toks[k].is_word() && toks[k].quote.is_none() && toks[k].cue == NO_CUE)
                    .find(|&k| doc.lang.nominatives.contains(&toks[k].lower.as_str()))
                {
                    c = k;
                }
            }
        }
    }
    // German reported speech opens after a comma, a colon or "dass": "Sie gab an, dass …",
    // "warf der Regierung vor, … zu …", "sagte zu den Überschwemmungen: „…“". Without one the
    // object itself is the content ("warnten vor einem „drohenden Abfluss“").
    if doc.lang.clause_anchor
        && c < e
        && !toks[c].is_that()
        && !(toks[c].kind == TokKind::Punct && toks[c].quote.is_none())
    {
        let anchor = (c..e.min(c + GERMAN_CLAUSE_LOOKAHEAD))
            .take_while(|&k| k == c || toks[k].cue == NO_CUE || toks[k].quote.is_some())
            .find(|&k| {
                toks[k].quote.is_none() && (toks[k].is_punct(",") || toks[k].is_punct(":") || toks[k].is_that())
            });
        match anchor {
            Some(k) => c = k,
            // "…, sagte UNMISS-Vertreter Toby Lanzer dem Fernsehsender „Al Jazeera“."
            None if np_after && v > s && toks[v - 1].is_punct(",") => return Content::Inverted,
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
    } else if c < e && (toks[c].is_punct(":") || (doc.lang.clause_anchor && toks[c].is_punct(","))) {
        c += 1;
        if c < e && toks[c].is_that() {
            c += 1;
            had_that = true;
        }
    }
    Content::At { c, had_that }
}

/// Past a time right after the verb ("said on Monday", "said Wednesday"), only when more follows.
fn past_time(toks: &[Tok], mut c: usize, e: usize) -> usize {
    while c < e && toks[c].is_time() && toks[c].quote.is_none() {
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
    c
}

/// `Acts of protest, X said, are …`: the clause after the parenthetical cue (and the words before
/// it, reported too). `n` is the speaker phrase between the commas.
fn parenthetical(cx: &mut Ctx, at: Site, c: usize, n: Np, prev: &mut Option<(usize, Np)>) -> Option<IndirectQuote> {
    let Site { b, s, e, v } = at;
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    let z = content_end(doc, b, c + 1, e);
    if z <= c + 1 || word_count(doc, b, c + 1, z) < MIN_INDIRECT_WORDS {
        return None;
    }
    *prev = Some((v, n.clone()));
    let att = cx.att_from(b, &n, Some((v, v + 1)), ID, PARENTHETICAL_CONFIDENCE, toks[v].start);
    let before = n.a - 1;
    if word_count(doc, b, s, before) >= 1 && toks[s].quote.is_none() {
        cx.indirect.push(IndirectQuote::clause(doc, b, (s, e), (s, before), att.clone()));
    }
    Some(IndirectQuote::clause(doc, b, (s, e), (c + 1, z), att))
}

/// A cue followed by content that is not a clause after all: `…, officials said on Monday after
/// the storm.` (`Some(None)`: the subject before the verb speaks), `…, said one GOP source in the
/// room.` (`Some(Some(phrase))`: the phrase after the verb speaks). `None`: not inverted.
fn inverted_after_all(doc: &Doc, at: Site, j: usize, c: usize, had_that: bool, np: Option<&Np>) -> Option<Option<Np>> {
    let Site { b, s, e, v } = at;
    let toks = &doc.blocks[b].toks;
    // a cue after a comma followed by a prepositional phrase is the inverted form too
    if !doc.lang.clause_anchor
        && !had_that
        && doc.lang.preps.contains(&toks[c].lower.as_str())
        && !toks[c].is_in(&doc.lang.addressee_preps)
        && !toks[c..e].iter().any(|x| x.is_punct(","))
        && np.is_some_and(|n| n.z <= v && n.a > s && toks[n.a - 1].is_punct(","))
    {
        return Some(None);
    }
    // the phrase after the cue is the speaker
    if !had_that && !doc.lang.verb_second && np.is_none_or(|n| n.z < j) {
        if let Some(after) = speaker_phrase::forward(doc, b, c, e, s) {
            if content_end(doc, b, after.z, e) <= after.z
                || toks[after.z..e].iter().all(|t| {
                    t.kind == TokKind::Punct
                        || doc.lang.preps.contains(&t.lower.as_str())
                        || t.is_time()
                        || t.is_det()
                        || !t.cap && t.cue == NO_CUE
                }) && after.z + 4 >= e
            {
                return Some(Some(after));
            }
        }
    }
    None
}

/// Is the speaker phrase plural (or I / we / you / they), so a base-form verb can follow it?
/// An adverb in -ly between a subject and its verb ("Heather finally confessed"); not a noun in
/// -ly after a determiner ("the family said").
fn is_adverb(doc: &Doc, toks: &[Tok], s: usize, k: usize) -> bool {
    let t = &toks[k];
    t.is_plain_word()
        && t.lower.len() >= 6
        && t.lower.ends_with("ly")
        && t.nominal.is_none()
        && doc.lang.plural_s
        && !(k > s && (toks[k - 1].is_det() || toks[k - 1].is_possessive() || toks[k - 1].is_plain_word()))
}

/// "forecasters say …", "some economists warn …": a plain plural noun right before a base-form
/// verb of saying is its subject, a group of unnamed people.
fn bare_plural(doc: &Doc, at: Site, j: usize) -> Option<Np> {
    let Site { b, s, v, .. } = at;
    let toks = &doc.blocks[b].toks;
    let n = j.checked_sub(1).filter(|&n| n >= s)?;
    let w = &toks[n];
    let plural = doc.lang.plural_s && w.lower.ends_with('s') && !w.lower.ends_with("ss") && !w.lower.ends_with("us");
    (j == v && toks[v].is_base() && w.is_plain_word() && plural && !looks_like_verb(&w.lower)).then_some(Np {
        a: n,
        z: j,
        head: Head::Nominal { kind: Nominal::Person, head: n, of: None, possessive_it: false },
        role: None,
    })
}

/// "-ed" and "-ing" forms ("reports indicated", "things") are no plural subject nouns.
fn looks_like_verb(w: &str) -> bool {
    w.ends_with("ed") || w.ends_with("ings") || w.ends_with("'s") || w.ends_with("’s")
}

fn plural_subject(doc: &Doc, b: usize, n: &Np) -> bool {
    let toks = &doc.blocks[b].toks;
    match &n.head {
        Head::Pronoun(p) => matches!(p, Pron::They | Pron::First),
        Head::Nominal { head, .. } => {
            let w = &toks[*head].lower;
            w.ends_with('s') || doc.lang.plural_nouns.contains(&w.as_str())
        }
        // "Mr. Grassley and Mr. Leahy say", "many Democrats say"
        Head::Name(r) => {
            (r.name_a..r.name_z).any(|k| toks[k].is_in(&doc.lang.conjunctions))
                || (n.a > 0 && toks[n.a - 1].is_in(&doc.lang.conjunctions))
                || (n.a < r.name_a
                    && toks[n.a].is_in(&doc.lang.plural_quantifiers)
                    && toks[r.name_z - 1].lower.ends_with('s'))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn indirect_said_that() {
        let r =
            run(&["The water utility said on Monday that it would replace every lead pipe in the district by 2030."]);
        let q = r.quote("replace every lead pipe");
        assert_eq!(q.kind, "indirect");
        assert_eq!(q.speaker, Some("The water utility"));
        assert_eq!(q.rule, "indirect-verb");
        assert!(q.text.starts_with("it would"), "content clause starts after 'that': {:?}", q.text);
    }

    #[test]
    fn parenthetical_cue_splits_the_content() {
        let r = run(&["Acts of protest, Mayor Lina Duarte said, are acts of patriotism in a free city."]);
        let after = r.quote("acts of patriotism");
        assert_eq!(after.kind, "indirect");
        assert_eq!(after.speaker, Some("Lina Duarte"));
        assert_eq!(after.rule, "indirect-verb");
        assert!(after.text.starts_with("are acts"), "{:?}", after.text);
    }

    #[test]
    fn german_phrases_in_an_oblique_case_or_of_time_are_no_subject() {
        let r = run(&[
            "Dem Verein warf der Trainer Klaus Berg am Sonntag vor, die Mannschaft habe „völlig versagt“.",
            "Wie die Ministerin Eva Brandt am Dienstag in Kassel erklärte, sieht die Regierung in dem Plan „keine Gefahr für die Umwelt“.",
            "Der Sprecher des Ministeriums, Jan Ohl, sagte, die Zahlen seien „nicht belastbar“.",
        ]);
        let fronted = r.quote("die Mannschaft habe");
        assert_eq!((fronted.kind, fronted.speaker), ("mixed", Some("Klaus Berg")));
        let frag = r.all().into_iter().find(|f| f.text == "„völlig versagt“").expect("nested fragment");
        assert_eq!(frag.speaker, Some("Klaus Berg"));
        assert_eq!(r.quote("sieht die Regierung").speaker, Some("Eva Brandt"));
        // a genitive after a noun belongs to it: the speaker is the whole phrase's person
        assert_eq!(r.quote("die Zahlen seien").speaker, Some("Jan Ohl"));
    }

    #[test]
    fn german_credit_after_a_comma_reports_the_clause_before_it() {
        let r = run(&[
            "Die Verletzten seien außer Lebensgefahr, sagte Mark Ohl, der Sprecher der Klinik.",
            "Pro Tag stehe nur ein Liter Wasser zur Verfügung, sagte der Helfer Jan Roth dem Sender „Radio Nord“.",
            "Der frühere Senator, Henning Roth (SPD), warnte die Partei vor einem „populistischen Wahlkampf“.",
        ]);
        let q = r.quote("außer Lebensgefahr");
        assert_eq!((q.kind, q.speaker), ("indirect", Some("Mark Ohl")));
        assert!(r.all().iter().all(|x| !x.text.contains("Sprecher der Klinik")), "{}", r.dump());
        let q = r.quote("ein Liter Wasser");
        assert_eq!((q.kind, q.speaker), ("indirect", Some("Jan Roth")));
        // a comma that closes the subject's own phrase is no credit: what follows the verb is reported
        assert_eq!(r.quote("die Partei vor einem").kind, "mixed");
        assert!(r.all().iter().all(|x| x.rule != "indirect-inverted" || !x.text.contains("Senator")), "{}", r.dump());
    }

    #[test]
    fn german_verb_final_cue_after_a_time_word_or_with_its_particle_joined() {
        let r = run(&[
            "Wie der Sprecher Paul Ohl heute erklärte, wird die Brücke „noch im Sommer“ fertig.",
            "Wie die Richterin Eva Lang ausführte, hätte der Anschlag „viele Opfer gefordert“.",
        ]);
        let q = r.quote("wird die Brücke");
        assert_eq!((q.kind, q.speaker), ("mixed", Some("Paul Ohl")));
        let q = r.quote("hätte der Anschlag");
        assert_eq!((q.kind, q.speaker), ("mixed", Some("Eva Lang")));
    }
}
