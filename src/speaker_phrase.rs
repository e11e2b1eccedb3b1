//! Speaker phrases: parsing the noun phrase next to a cue ("the company", "Mr. Smith, a
//! spokesman for X", "he", "officials") and resolving it to an entity of the table.

use crate::api::{Span, SpeakerKind};
use crate::doc::Doc;
use crate::entities::{self, Entities, NameRun, OrgType};
use crate::lexicon::{Gender, Nominal, CUE_SAYING, NO_CUE};

/// Longest descriptive speaker phrase ("the Kaspersky Lab cybersecurity firm"), in tokens.
pub const MAX_NOMINAL_TOKENS: usize = 7;
/// Longest one-word tag between a name and its role appositive ("D-Ohio"), in tokens.
const MAX_TAG_TOKENS: usize = 5;
/// Longest appositive between commas ("Mr. X, a spokesman for the ministry, said"), in tokens.
pub const MAX_APPOSITIVE_TOKENS: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pron {
    He,
    She,
    It,
    They,
    First,
}

#[derive(Debug, Clone)]
pub enum Head {
    Name(NameRun),
    Pronoun(Pron),
    /// A described speaker: kind, head token, and an organisation it speaks for ("a spokeswoman
    /// for the ministry", "its spokesperson").
    Nominal {
        kind: Nominal,
        head: usize,
        of: Option<Box<Np>>,
        possessive_it: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Np {
    /// Token range `[a, z)` in the block.
    pub a: usize,
    pub z: usize,
    pub head: Head,
    pub role: Option<String>,
}

fn pron_of(doc: &Doc, lower: &str) -> Option<Pron> {
    let l = doc.lang;
    // "he's", "she'd", "they'll": the pronoun of a contraction
    let lower = match lower.find(['\'', '’']) {
        Some(p) if p > 0 => &lower[..p],
        _ => lower,
    };
    if l.he.first() == Some(&lower) {
        Some(Pron::He)
    } else if l.she.first() == Some(&lower) {
        Some(Pron::She)
    } else if l.it.first() == Some(&lower) {
        Some(Pron::It)
    } else if l.they.first() == Some(&lower) {
        Some(Pron::They)
    } else if l.first_person.contains(&lower) {
        Some(Pron::First)
    } else {
        None
    }
}

/// Parses a speaker phrase that starts at token `i` (after a cue: `said the company`), not
/// beyond `lim`. `sent_start` is the sentence's first token.
pub fn forward(doc: &Doc, b: usize, i: usize, lim: usize, sent_start: usize) -> Option<Np> {
    // a name run is read to its end and may cross `lim` ("said U.S.Mr. …" across a sentence end):
    // such a phrase is not one that starts here and ends in time
    forward_nested(doc, b, i, lim, sent_start, 0).filter(|np| np.z <= lim)
}

/// Most "of"/"for" phrases nested inside one speaker phrase ("a spokeswoman for the ministry of
/// health of …"). The parse recurses once per phrase: the bound keeps the stack small on any text
/// (a fuzzed sentence of 950 chained "of" phrases overflowed a 2 MiB stack).
pub const MAX_OF_NESTING: usize = 8;
/// Most capitalised words of a modifier before the phrase it modifies ("Los Angeles-based").
const MAX_MODIFIER_WORDS: usize = 4;

fn forward_nested(doc: &Doc, b: usize, i: usize, lim: usize, sent_start: usize, depth: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    if i >= lim || i >= toks.len() {
        return None;
    }
    let t = &toks[i];
    if t.quote.is_some() || !t.is_word() {
        return None;
    }
    if let Some(p) = pron_of(doc, &t.lower) {
        // "her" / "its" are possessives before a noun: "its spokesperson"
        if !(matches!(p, Pron::It) && i + 1 < lim && doc.nominal(&toks[i + 1]).is_some()) {
            return Some(with_appositive(doc, b, Np { a: i, z: i + 1, head: Head::Pronoun(p), role: None }, lim));
        }
    }
    if let Some(np) = role_words_then_name(doc, b, i, lim, sent_start) {
        return Some(np);
    }
    // a determiner or possessive opens a described speaker, possibly with a name inside
    let det = t.is_det();
    // "Los Angeles-based attorney Edgar Marr": past a capitalised modifier, the phrase it modifies
    if t.cap && !det {
        let end = lim.min(i + MAX_MODIFIER_WORDS);
        if let Some(j) = (i..end)
            .take_while(|&k| toks[k].is_word() && toks[k].cap && toks[k].quote.is_none())
            .find(|&k| entities::hyphenated_modifier(doc.lang, &toks[k].lower))
        {
            if let Some(mut np) = forward_nested(doc, b, j + 1, lim, sent_start, depth + 1) {
                np.a = i;
                return Some(np);
            }
        }
    }
    if t.cap && !det {
        match entities::name_run(doc, b, i, sent_start) {
            Some(r) if r.name_z > r.name_a => return name_phrase(doc, b, i, lim, sent_start, r),
            // "Prosecutors say": a speaker noun capitalised by its position
            None if t.nominal.is_some() => {}
            _ => return None,
        }
    }
    described(doc, b, i, lim, sent_start, depth)
}

/// "panel Chairman Rep. Jason Chaffetz", "union boss Jim Ray": lower-case words, then a name
/// (the words are the role).
fn role_words_then_name(doc: &Doc, b: usize, i: usize, lim: usize, sent_start: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let t = &toks[i];
    if !t.cap && !t.is_det() && t.nominal.is_none() && t.cue == NO_CUE && !doc.is_aux(t) && !doc.is_stop(t) {
        for (k, tk) in toks.iter().enumerate().take((i + 3).min(lim)).skip(i + 1) {
            if tk.cap {
                if let Some(r) = entities::name_run(doc, b, k, sent_start) {
                    // "former Bank of Canada governor David Dodge": the organisation is part of
                    // the role; the later name speaks
                    if let Some(r2) = name_after_role(doc, b, r.z, lim, sent_start) {
                        let role = Some(bd.slice(i, r2.name_a).to_string());
                        let z = r2.z;
                        return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r2), role }, lim));
                    }
                    if r.role.is_some() || r.name_z - r.name_a >= 2 {
                        let role = Some(bd.slice(i, r.name_a).to_string());
                        let z = r.z;
                        return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r), role }, lim));
                    }
                }
                break;
            }
            let plain = tk.is_word() && !tk.cap && tk.cue == NO_CUE && !doc.is_stop(tk);
            if !plain {
                break;
            }
        }
    }
    None
}

/// Most lower-case words of a title between an organisation's name and a person's ("Oilers
/// head coach Ken Hitchcock").
const MAX_TITLE_WORDS: usize = 3;

/// The person named right after lower-case title words that end in a role noun, from token `k`
/// ("head coach Ken Hitchcock", "governor David Dodge"), or None.
fn name_after_role(doc: &Doc, b: usize, k: usize, lim: usize, sent_start: usize) -> Option<NameRun> {
    let toks = &doc.blocks[b].toks;
    let mut j = k;
    while j < lim && j - k < MAX_TITLE_WORDS && toks[j].is_plain_word() {
        j += 1;
    }
    if j == k || j >= lim || !toks[j].cap || toks[j].quote.is_some() {
        return None;
    }
    let last = &toks[j - 1];
    if last.nominal != Some(Nominal::Person)
        && !doc.lang.titles.contains_key(last.lower.as_str())
        && !agent_noun(doc, last)
    {
        return None;
    }
    let r = entities::name_run(doc, b, j, sent_start)?;
    // a person's name: a known given name, or two words and more
    let person = r.name_z - r.name_a >= 2 || doc.lang.firstnames.contains_key(doc.blocks[b].tok_text(r.name_a));
    (person && r.name_a == j).then_some(r)
}

/// Shortest agent noun read from its ending alone ("mayor" and "coach" are titles).
const MIN_AGENT_NOUN_CHARS: usize = 6;

/// A noun naming what a person does, known by its ending ("coordinator", "organizer",
/// "defenceman"; `agent_suffixes` in `word_classes.txt`), not a past-tense verb.
fn agent_noun(doc: &Doc, t: &crate::doc::Tok) -> bool {
    let w = t.lower.as_str();
    w.chars().count() >= MIN_AGENT_NOUN_CHARS
        && !looks_past_tense(w)
        && doc.lang.agent_suffixes.iter().any(|s| w.ends_with(s))
}

/// The person named at token `k`, right after a possessive ("the IFSD's Azfar Ali Khan"): a
/// name of two words or more that is not an organisation's, or a known given name.
fn person_after_possessive(doc: &Doc, b: usize, k: usize, sent_start: usize) -> Option<NameRun> {
    let r = entities::name_run(doc, b, k, sent_start)?;
    let words = entities::run_words(doc, b, &r);
    let last = &doc.blocks[b].toks[r.name_z - 1].lower;
    let possessive = last.ends_with("'s") || last.ends_with("’s");
    let person = entities::classify(doc, &words, &r.role, r.gender).0 == SpeakerKind::Person;
    (r.name_a == k && !possessive && person && (words.len() >= 2 || r.role.is_some())).then_some(r)
}

/// A phrase that opens with the name run `r` at token `i`: the name ("Tomas Berg"), a group it
/// describes ("American officials"), a later name ("White House press secretary Josh
/// Earnest"), or someone a possessive name describes ("Obama's former campaign strategist").
fn name_phrase(doc: &Doc, b: usize, i: usize, lim: usize, sent_start: usize, r: NameRun) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let mut z = r.z;
    // "Oilers head coach Ken Hitchcock": a title before a name is role, never name
    if let Some(r2) = name_after_role(doc, b, z, lim, sent_start) {
        let role = Some(bd.slice(i, r2.name_a).to_string());
        let z2 = r2.z;
        return Some(with_appositive(doc, b, Np { a: i, z: z2, head: Head::Name(r2), role }, lim));
    }
    // "Kaspersky Lab cybersecurity firm": a nominal right after the name
    let mut k = z;
    while k < lim && k < z + 3 && toks[k].is_word() && !toks[k].cap && toks[k].cue == NO_CUE {
        if let Some(kind) = doc.nominal(&toks[k]) {
            // "American officials", "Ennahda leaders": a group the name describes
            if kind == Nominal::Person
                && r.name_z - r.name_a == 1
                && toks[k].lower.ends_with('s')
                && !(k + 1 < lim && toks[k + 1].cap)
            {
                let n = Np {
                    a: i,
                    z: k + 1,
                    head: Head::Nominal { kind: Nominal::Person, head: k, of: None, possessive_it: false },
                    role: None,
                };
                return Some(with_appositive(doc, b, n, lim));
            }
            // "White House press secretary Josh Earnest": the later name speaks
            if kind == Nominal::Person && k + 1 < lim && toks[k + 1].cap {
                if let Some(r2) = entities::name_run(doc, b, k + 1, sent_start) {
                    let role = Some(bd.slice(i, k + 1).to_string());
                    let z2 = r2.z;
                    return Some(with_appositive(doc, b, Np { a: i, z: z2, head: Head::Name(r2), role }, lim));
                }
            }
            z = k + 1;
            break;
        }
        k += 1;
    }
    // "Obama's former campaign strategist": a possessive name describes someone else
    let last = &toks[r.name_z - 1].lower;
    if last.ends_with("'s") || last.ends_with("’s") {
        // "the institute's Lena Park": a person named after an organisation's possessive
        if let Some(r2) = (r.z < lim).then(|| person_after_possessive(doc, b, r.z, sent_start)).flatten() {
            let role = Some(bd.slice(i, r2.name_a).to_string());
            let z2 = r2.z;
            return Some(with_appositive(doc, b, Np { a: i, z: z2, head: Head::Name(r2), role }, lim));
        }
        let mut k = r.z;
        let mut head = None;
        while k < lim
            && k < r.z + 4
            && toks[k].is_word()
            && !toks[k].cap
            && toks[k].cue == NO_CUE
            && !doc.is_aux(&toks[k])
        {
            if toks[k].nominal.is_some() {
                head = Some(k);
            }
            k += 1;
        }
        return head.map(|h| {
            // a person ("strategist") or an organisation of theirs ("campaign"): described
            let n = Np {
                a: i,
                z: h + 1,
                head: Head::Nominal { kind: Nominal::Person, head: h, of: None, possessive_it: false },
                role: None,
            };
            with_appositive(doc, b, n, lim)
        });
    }
    let role = r.role.clone();
    Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r), role }, lim))
}

/// A described speaker: a determiner, a title, or modifiers before a speaker noun ("a
/// spokeswoman for the ministry", "the company", "top black lawmakers", "The DHS").
fn described(doc: &Doc, b: usize, i: usize, lim: usize, sent_start: usize, depth: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let t = &toks[i];
    let det = t.is_det();
    // "top black lawmakers", "senior officials": plain modifiers before a speaker noun
    let modifiers_then_noun = !t.cap
        && t.cue == NO_CUE
        && !doc.is_aux(t)
        && !doc.is_stop(t)
        && (i + 1..(i + 3).min(lim))
            .find(|&k| {
                !(toks[k].is_word()
                    && !toks[k].cap
                    && toks[k].cue == NO_CUE
                    && !doc.is_stop(&toks[k])
                    && toks[k].nominal.is_none())
            })
            .is_some_and(|k| toks[k].nominal.is_some());
    if !(det
        || modifiers_then_noun
        || doc.nominal(t).is_some()
        || (t.cap && doc.lang.titles.contains_key(bd.tok_text(i))))
    {
        return None;
    }
    let possessive_it = t.is_in(&doc.lang.org_possessives);
    let mut k = if det { i + 1 } else { i };
    let mut head = None;
    let mut name: Option<NameRun> = None;
    while k < lim && k < i + MAX_NOMINAL_TOKENS {
        let tk = &toks[k];
        // "the lanky, bespectacled professor": a comma between a determiner's modifiers
        if det
            && tk.is_punct(",")
            && k == i + 2
            && coordinate_modifier(doc, &toks[k - 1])
            && toks.get(k + 1).is_some_and(|t| coordinate_modifier(doc, t))
        {
            k += 1;
            continue;
        }
        if !tk.is_word() || tk.quote.is_some() {
            break;
        }
        if tk.cue != NO_CUE && !tk.cap && doc.nominal(tk).is_none() {
            break;
        }
        if tk.cap && name.is_none() && head.is_none() {
            if let Some(r) = entities::name_run(doc, b, k, sent_start) {
                k = r.z;
                name = Some(r);
                continue;
            }
        }
        // "the institute's Lena Park": a person named after an organisation's possessive
        if tk.cap && head.is_none() && name.as_ref().is_some_and(|r| r.z == k && toks[k - 1].is_possessive()) {
            if let Some(r) = person_after_possessive(doc, b, k, sent_start) {
                let role = Some(bd.slice(i, r.name_a).to_string());
                let z = r.z;
                return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r), role }, lim));
            }
        }
        if doc.nominal(tk).is_some() {
            head = Some(k);
            k += 1;
            // "the company spokesman": the last noun of a run is the head
            continue;
        }
        if head.is_some() {
            // "union leader Fatima Bello", "Russian President Vladimir Putin": a name right
            // after a person noun is the speaker; the noun phrase is the role
            if tk.cap && name.is_none() && matches!(doc.nominal(&toks[k - 1]), Some(Nominal::Person | Nominal::Org)) {
                if let Some(r) = entities::name_run(doc, b, k, sent_start) {
                    let role = Some(bd.slice(if det { i + 1 } else { i }, k).to_string());
                    let z = r.z;
                    return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r), role }, lim));
                }
            }
            break;
        }
        if doc.lang.of_preps.contains(&tk.lower.as_str()) || tk.is_that() {
            break;
        }
        k += 1;
    }
    let head_i = match head {
        Some(h) => h,
        None => {
            // "The New York businessman": a name modifying plain nouns describes a speaker
            if name.as_ref().is_some_and(|r| {
                !doc.lang.capitalised_nouns && k > r.z && k - r.z <= 2 && toks[r.z..k].iter().all(|t| t.is_plain_word())
            }) {
                return Some(Np {
                    a: i,
                    z: k,
                    head: Head::Nominal { kind: Nominal::Person, head: k - 1, of: None, possessive_it: false },
                    role: None,
                });
            }
            // "The DHS said": determiner + name
            if let Some(r) = name {
                let role = r.role.clone();
                let z = r.z;
                return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r), role }, lim));
            }
            // "a narrator in the Clinton ad asks": a determiner and plain nouns
            if det
                && !doc.lang.capitalised_nouns
                && !doc.lang.demonstratives.contains(&t.lower.as_str())
                && k > i + 1
                && k - i <= 4
                && toks[i + 1..k].iter().all(|t| t.is_plain_word() || entities::hyphenated_modifier(doc.lang, &t.lower))
                && !looks_past_tense(&toks[k - 1].lower)
            {
                let (z, of) = of_phrase(doc, b, k, lim, sent_start, depth);
                return Some(Np {
                    a: i,
                    z,
                    head: Head::Nominal { kind: Nominal::Person, head: k - 1, of, possessive_it: false },
                    role: None,
                });
            }
            return None;
        }
    };
    let kind = doc.nominal(&toks[head_i]).unwrap_or(Nominal::Person);
    let z = head_i + 1;
    // an organisation described with its name: "the Kaspersky Lab cybersecurity firm"
    if let (Some(r), Nominal::Org) = (&name, kind) {
        let role = r.role.clone();
        return Some(with_appositive(doc, b, Np { a: i, z, head: Head::Name(r.clone()), role }, lim));
    }
    // "a spokeswoman for the ministry"
    let (zz, of) = of_phrase(doc, b, z, lim, sent_start, depth);
    let role = Some(bd.slice(i, zz).to_string());
    Some(with_appositive(
        doc,
        b,
        Np { a: i, z: zz, head: Head::Nominal { kind, head: head_i, of, possessive_it }, role },
        lim,
    ))
}

/// A word that can stand before a comma among a description's modifiers ("lanky" in "the lanky,
/// bespectacled professor"): lower-case, no noun of a speaker, verb, auxiliary or stop word.
fn coordinate_modifier(doc: &Doc, t: &crate::doc::Tok) -> bool {
    t.is_word()
        && !t.cap
        && t.quote.is_none()
        && t.cue == NO_CUE
        && t.nominal.is_none()
        && !doc.is_aux(t)
        && !doc.is_stop(t)
}

/// A finite verb or auxiliary: where a comma opens reported speech (`clause_anchor`), a phrase
/// after the comma that holds one is the reported clause, not an appositive ("sagte Brenner,
/// die Stadt werde …").
fn holds_verb(doc: &Doc, t: &crate::doc::Tok) -> bool {
    !t.cap
        && (doc.is_aux(t)
            || doc.lang.finite.contains(t.lower.as_str())
            || doc.lang.subjunctive.contains(&t.lower.as_str()))
}

/// `X, a spokesman for Y,` / `said X, chief executive of Y.`: the appositive becomes the role.
fn with_appositive(doc: &Doc, b: usize, mut np: Np, lim: usize) -> Np {
    let toks = &doc.blocks[b].toks;
    // a short parenthetical right after the phrase: "Jason Chaffetz (R-Utah)", "(D-Mass.)"
    if np.z < lim && toks[np.z].is_punct("(") {
        if let Some(close) = (np.z + 1..lim.min(np.z + 8)).find(|&k| toks[k].is_punct(")")) {
            np.z = close + 1;
        }
    }
    if np.z + 1 >= lim || !toks[np.z].is_punct(",") {
        return np;
    }
    let s = np.z + 1;
    let first = &toks[s];
    let starts_like = first.is_word()
        && (first.is_det()
            || first.is_possessive()
            || (!first.cap && first.cue == NO_CUE)
            || doc.lang.titles.contains_key(doc.blocks[b].tok_text(s))
            || first.kind == crate::text::TokKind::Number);
    // "sagte der Verband, dass …": where a comma opens reported speech, a complementiser opens it
    let opens_clause = doc.lang.clause_anchor && first.is_that();
    if !starts_like || opens_clause || matches!(np.head, Head::Pronoun(_)) {
        return np;
    }
    let mut k = s;
    while k < lim && k < s + MAX_APPOSITIVE_TOKENS {
        let tk = &toks[k];
        if tk.quote.is_some() || (tk.is_punct(".") && k + 1 < lim) || tk.is_punct(";") {
            return np;
        }
        let closes = tk.is_punct(",") || (tk.is_punct(".") && k + 1 >= lim);
        if closes || (k + 1 == lim) {
            let end = if closes { k } else { k + 1 };
            // the appositive must not itself hold the cue ("X, who said")
            if (s..end).any(|j| toks[j].cue == CUE_SAYING && !toks[j].cap)
                && !(s..end).any(|j| doc.nominal(&toks[j]).is_some())
            {
                return np;
            }
            let text = doc.blocks[b].slice(s, end);
            let is_age = end == s + 1 && toks[s].kind == crate::text::TokKind::Number;
            // a role names what the speaker is: it holds a role noun or title and no verb
            let role_like = (s..end)
                .any(|j| doc.nominal(&toks[j]).is_some() || doc.lang.titles.contains_key(doc.blocks[b].tok_text(j)))
                && !(s..end).any(|j| {
                    toks[j].is_in(&doc.lang.clause_verbs) || (doc.lang.clause_anchor && holds_verb(doc, &toks[j]))
                });
            if !is_age && !role_like {
                return np;
            }
            if !is_age {
                np.role = Some(match np.role.take() {
                    Some(r) if !r.is_empty() => format!("{r}, {text}"),
                    _ => text.to_string(),
                });
            }
            np.z = if tk.is_punct(",") { k + 1 } else { end };
            let _ = closes;
            return np;
        }
        k += 1;
    }
    np
}

/// Parses the speaker phrase that ends right before token `end` (before a cue: `the company
/// said`), not before `lo`.
pub fn backward(doc: &Doc, b: usize, end: usize, lo: usize, sent_start: usize) -> Option<Np> {
    // German verb-final clauses put a time phrase between the subject and the verb ("Wie die
    // Polizei am Montag mitteilte"): it is no subject; the subject stands before it
    let toks = &doc.blocks[b].toks;
    let mut end = end;
    if !doc.lang.pp_preps.is_empty() {
        while end > lo && toks[end - 1].is_time() && toks[end - 1].quote.is_none() {
            end -= 1;
            if end > lo && doc.lang.pp_preps.contains(&toks[end - 1].lower.as_str()) {
                end -= 1;
            }
        }
    }
    let np = backward_phrase(doc, b, end, lo, sent_start)?;
    // German: "… am Dienstag in Hannover erklärte": a prepositional phrase is not the subject;
    // look further back
    // ("Von der Leyen", "Tessen von Heydebreck": "von" before a name is part of it)
    let name_particle =
        toks[np.a.saturating_sub(1)].is_in(&doc.lang.name_particles) && matches!(np.head, Head::Name(_));
    if !name_particle && !doc.lang.pp_preps.is_empty() {
        // the preposition may stand a few words before the phrase: "In seiner ersten Rede
        // erklärte …", "Am Abend des Wahltages sagte …" (determiners, adjectives, numbers and a
        // genitive in between; never a verb, a cue or punctuation)
        // genitive ("des Wahltages") — never a pronoun's, never across two determiners
        // ("von dem die Polizei glaubt": a relative clause)
        let is_prep = |k: usize| doc.lang.pp_preps.contains(&toks[k].lower.as_str());
        let mut k = np.a;
        // (nor a phrase opening with a capitalised determiner: a heading ran into its sentence)
        let pronoun =
            matches!(np.head, Head::Pronoun(_)) || (np.a > sent_start && toks[np.a].is_det() && toks[np.a].cap);
        while !pronoun && k > lo && np.a - k < PP_LOOKBACK && !is_prep(k - 1) {
            let t = &toks[k - 1];
            let inside = (t.is_word() || t.kind == crate::text::TokKind::Number)
                && t.quote.is_none()
                && t.cue == NO_CUE
                && !doc.is_aux(t)
                && !doc.lang.finite.contains(t.lower.as_str())
                && !(t.is_det() && toks[k].is_det());
            if !inside {
                break;
            }
            k -= 1;
        }
        // a capitalised preposition opening the sentence is no part of a name ("Seit Jahren")
        let opens_pp = is_prep(np.a) && matches!(np.head, Head::Name(_));
        if opens_pp || (k > lo && is_prep(k - 1)) {
            // "Rice hatte bei ihrem Besuch erklärt": the subject stands before the auxiliary
            let mut end = if opens_pp { np.a } else { k - 1 };
            // "… am Dienstag in Hannover erklärte": a time phrase before it is no subject either
            while end > lo && (doc.is_aux(&toks[end - 1]) || toks[end - 1].is_time() && toks[end - 1].quote.is_none()) {
                end -= 1;
                if toks[end].is_time() && end > lo && is_prep(end - 1) {
                    end -= 1;
                }
            }
            return backward(doc, b, end, lo, sent_start);
        }
    }
    // "Dem Verein warf der Trainer vor": a phrase in the dative, accusative or genitive is no
    // subject (in a verb-second clause the subject then follows the verb); after a noun it is
    // that noun's attribute ("Der Sprecher des Ministeriums sagte")
    if doc.lang.oblique_dets.contains(&toks[np.a].lower.as_str()) && (np.a <= lo || !toks[np.a - 1].is_word()) {
        return None;
    }
    // "Tim Brandt with the Harbour Health Authority says", "professor Ana Lee at the University
    // of Halifax says": a person's affiliation is not the subject; the person before it is
    // "Constable Mark Reed of the city police said": so is the organisation of a named person
    if matches!(np.head, Head::Name(_) | Head::Nominal { kind: Nominal::Org, .. }) {
        let p = if np.a > lo + 1 && toks[np.a - 1].is_det() { np.a - 1 } else { np.a };
        if p > lo + 1 && doc.lang.affiliation_preps.contains(&toks[p - 1].lower.as_str()) {
            if let Some(person) = backward_phrase(doc, b, p - 1, lo, sent_start) {
                if let Head::Name(r) = &person.head {
                    if r.name_z - r.name_a >= 2 && names_a_person(doc, b, r, person.role.is_some()) {
                        return Some(person);
                    }
                }
            }
        }
    }
    Some(np)
}

/// How many words may stand between a preposition and the phrase it governs (German `pp_preps`).
const PP_LOOKBACK: usize = 5;

/// A name run that shows it names a person: a known given name, a title or role
/// (`has_role`: the phrase has role words, "professor Ana Lee"), or a role noun right before it.
fn names_a_person(doc: &Doc, b: usize, r: &NameRun, has_role: bool) -> bool {
    let toks = &doc.blocks[b].toks;
    let role_noun_before = r.name_a > 0
        && (toks[r.name_a - 1].nominal == Some(Nominal::Person)
            || (!toks[r.name_a - 1].cap && doc.lang.titles.contains_key(toks[r.name_a - 1].lower.as_str())));
    has_role
        || r.role.is_some()
        || role_noun_before
        || doc.lang.firstnames.contains_key(doc.blocks[b].tok_text(r.name_a))
}

/// The phrase that ends right before token `end`, a prepositional one too: the source of a
/// report with no subject ("In einem Positionspapier des Ministeriums heißt es, …").
pub fn backward_phrase(doc: &Doc, b: usize, end: usize, lo: usize, sent_start: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    if end == 0 || end <= lo {
        return None;
    }
    let last = &toks[end - 1];
    if last.quote.is_some() {
        return None;
    }
    if last.is_word() {
        if let Some(p) = pron_of(doc, &last.lower) {
            if !(last.is_in(&doc.lang.cleft_pronouns) && end >= 2 && toks[end - 2].is_word() && toks[end - 2].is_that())
            {
                return Some(Np { a: end - 1, z: end, head: Head::Pronoun(p), role: None });
            }
        }
        // every profile's relatives, as before the words were data: in German text the acronym
        // "WHO" matches English "who" (eval-diff shows 3 German articles change without it)
        if crate::lexicon::profiles().iter().any(|l| last.is_in(&l.relatives)) {
            // "Smith, who said": the phrase before the comma
            if end >= 3 && toks[end - 2].is_punct(",") {
                return backward(doc, b, end - 2, lo, sent_start);
            }
            return None;
        }
    }
    if last.is_punct(")") {
        // "Sen. David Perdue (R-Ga.) said": the phrase before a short parenthetical
        let open = (end.saturating_sub(9).max(lo)..end - 1).rev().find(|&k| toks[k].is_punct("("))?;
        return backward(doc, b, open, lo, sent_start).map(|mut n| {
            n.z = end;
            n
        });
    }
    if last.is_punct(",") {
        return before_appositive(doc, b, end, lo, sent_start);
    }
    if !last.is_word() {
        return None;
    }
    ending_with_word(doc, b, end, lo, sent_start)
}

/// A phrase ending in a comma: `X, a spokesman for Y,` (the appositive is the role), `The head of
/// the jury, Professor Jean-Luc Martin,` (the name speaks), a stray comma (`Kaspersky Lab, has
/// insisted`).
fn before_appositive(doc: &Doc, b: usize, end: usize, lo: usize, sent_start: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    // appositive: "X, a spokesman for Y, said"  or "X, 45, said"
    let mut j = end - 1;
    let stop = lo.max(end.saturating_sub(MAX_APPOSITIVE_TOKENS + 1));
    while j > stop {
        j -= 1;
        if toks[j].is_punct(",") {
            // two appositives: "Sen. X, D-Ohio, a member of the panel, said": a one-word tag
            // between the name's comma and the role's comma
            if let Some(np) = before_two_appositives(doc, b, j, end, lo, sent_start) {
                return Some(np);
            }
            if let Some(np) = backward(doc, b, j, lo, sent_start) {
                if matches!(np.head, Head::Pronoun(_)) {
                    return None;
                }
                // "The head of the jury, Professor Jean-Luc Martin, said", "Keeper of the Rolls,
                // Amir Sadiq, said": the name speaks; the phrase before it is the role
                if matches!(np.head, Head::Nominal { .. } | Head::Name(_)) && toks[j + 1].cap {
                    if let Some(r) = entities::name_run(doc, b, j + 1, sent_start)
                        .filter(|r| {
                            r.z + 1 == end || (r.z < end && doc.lang.of_preps.contains(&toks[r.z].lower.as_str()))
                        })
                        .filter(|r| {
                            matches!(np.head, Head::Nominal { .. })
                                || (r.name_z - r.name_a >= 2
                                    && entities::classify(doc, &entities::run_words(doc, b, r), &r.role, r.gender).0
                                        == SpeakerKind::Person)
                        })
                    {
                        let role = Some(bd.slice(np.a, j).to_string());
                        return Some(Np { a: np.a, z: end, head: Head::Name(r), role });
                    }
                }
                // re-run forward to attach the appositive as role
                if let Some(full) = forward(doc, b, np.a, end, sent_start) {
                    if full.z == end {
                        return Some(full);
                    }
                }
                let mut np = np;
                let text = bd.slice(j + 1, end - 1);
                if !(end - 1 == j + 2 && toks[j + 1].kind == crate::text::TokKind::Number) {
                    np.role = Some(text.to_string());
                }
                np.z = end;
                return Some(np);
            }
            return None;
        }
        // a sentence period ends the search; an abbreviation's ("D-Mass.", "Md.") does not
        let abbreviation = toks[j].is_punct(".") && j > 0 && toks[j - 1].is_word() && toks[j - 1].end == toks[j].start;
        if (toks[j].is_punct(".") && !abbreviation) || toks[j].quote.is_some() {
            break;
        }
    }
    // a stray comma between subject and verb: "Kaspersky Lab, has insisted"
    if end >= 2 && toks[end - 2].is_word() && toks[end - 2].cap {
        return backward(doc, b, end - 1, lo, sent_start).map(|mut n| {
            n.z = end;
            n
        });
    }
    None
}

/// `X, TAG, ROLE,` ending at `end` (the role's comma is `j`, TAG one written word such as a
/// party-state tag): the name before TAG speaks, the last appositive is its role.
fn before_two_appositives(doc: &Doc, b: usize, j: usize, end: usize, lo: usize, sent_start: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let k = (j.saturating_sub(MAX_TAG_TOKENS + 1).max(lo)..j).rev().find(|&k| toks[k].is_punct(","))?;
    // the tag is one written word: its tokens touch, with no space between them
    if k + 1 >= j || (k + 2..j).any(|m| toks[m].start != toks[m - 1].end) || !toks[k + 1].is_word() {
        return None;
    }
    let inner = before_appositive(doc, b, j + 1, lo, sent_start)?;
    if !matches!(inner.head, Head::Name(_)) || inner.a >= k {
        return None;
    }
    let role = bd.slice(j + 1, end - 1);
    let role_like = (j + 1..end - 1).any(|m| doc.nominal(&toks[m]).is_some())
        && !(j + 1..end - 1).any(|m| toks[m].is_in(&doc.lang.clause_verbs));
    if !role_like {
        return None;
    }
    Some(Np { a: inner.a, z: end, head: inner.head, role: Some(role.to_string()) })
}

/// A phrase ending in the word before `end`: walk back over capitalised words, connectors,
/// modifiers and a determiner, then take the longest phrase that parses forward to `end`.
fn ending_with_word(doc: &Doc, b: usize, end: usize, lo: usize, sent_start: usize) -> Option<Np> {
    let toks = &doc.blocks[b].toks;
    let last = &toks[end - 1];
    // walk back to the phrase's start: capitalised words, connectors, modifiers, a determiner
    let mut a = end - 1;
    let floor = lo.max(end.saturating_sub(MAX_NOMINAL_TOKENS + 2));
    let mut saw_det = false;
    while a > floor {
        let p = &toks[a - 1];
        // "the lanky, bespectacled professor": a comma between a determiner's modifiers
        if p.is_punct(",") && a >= 3 && coordinate_modifier(doc, &toks[a - 2]) && toks[a - 3].is_det() {
            a -= 3;
            saw_det = true;
            break;
        }
        if !p.is_word() || p.quote.is_some() {
            break;
        }
        if p.is_det() {
            a -= 1;
            saw_det = true;
            break;
        }
        if p.cue != NO_CUE && !p.cap && doc.nominal(p).is_none() {
            break;
        }
        if doc.is_aux(p)
            || p.is_that()
            || (doc.lang.of_preps.contains(&p.lower.as_str())
                && !(a >= 2 && toks[a - 2].cap && p.is_in(&doc.lang.genitive_preps)))
        {
            break;
        }
        if !p.cap && !last.cap && doc.nominal(last).is_none() && end - a > 3 {
            break;
        }
        // "Bank of England", "Department of Energy": a connector between capitalised words
        let connector = !doc.lang.capitalised_nouns
            && a >= 2
            && toks[a - 2].cap
            && doc.lang.name_connectors.contains(&p.lower.as_str())
            && !p.is_in(&doc.lang.conjunctions);
        if !p.cap && last.cap && doc.nominal(p).is_none() && !connector {
            break;
        }
        a -= 1;
    }
    // try the longest phrase first, then shorter ones
    for start in a..end {
        if let Some(np) = forward(doc, b, start, end, sent_start) {
            if np.z == end {
                // "a spokeswoman for the ministry said": take the outer phrase
                if start >= 2 && doc.lang.of_preps.contains(&toks[start - 1].lower.as_str()) {
                    if let Some(outer) = backward(doc, b, start - 1, lo, sent_start) {
                        if let Head::Nominal { kind: Nominal::Person, .. } = outer.head {
                            if let Some(full) = forward(doc, b, outer.a, end, sent_start) {
                                if full.z == end {
                                    return Some(full);
                                }
                            }
                        }
                    }
                }
                return Some(postmodified(doc, b, start, end, lo).unwrap_or(np));
            }
        }
    }
    // "The water utility said": a determiner and plain nouns are a described speaker
    if saw_det
        && end - a >= 2
        && end - a <= 4
        && !doc.lang.demonstratives.contains(&toks[a].lower.as_str())
        && toks[a + 1..end].iter().all(|t| t.is_plain_word())
        && !looks_past_tense(&toks[end - 1].lower)
    {
        if let Some(np) = postmodified(doc, b, a, end, lo) {
            return Some(np);
        }
        return Some(Np {
            a,
            z: end,
            head: Head::Nominal { kind: Nominal::Person, head: end - 1, of: None, possessive_it: false },
            role: None,
        });
    }
    None
}

/// "sources familiar with the talks", "people close to the family": a described person (the
/// noun before an adjective and a preposition) whose postmodifier's object starts at `start`; the
/// described person speaks, not the object of the preposition. The phrase runs from the person
/// noun (with its determiner) to the end of the object.
fn postmodified(doc: &Doc, b: usize, start: usize, end: usize, lo: usize) -> Option<Np> {
    let toks = &doc.blocks[b].toks;
    if start < lo + 3 {
        return None;
    }
    let (noun, adj, prep) = (&toks[start - 3], &toks[start - 2], &toks[start - 1]);
    let shape = doc.nominal(noun) == Some(Nominal::Person)
        && !noun.cap
        && adj.is_plain_word()
        && !adj.cap
        && doc.nominal(adj).is_none()
        && adj.cue == NO_CUE
        && prep.is_in(&doc.lang.preps);
    if !shape {
        return None;
    }
    let head = start - 3;
    let a = if head > lo && toks[head - 1].is_det() { head - 1 } else { head };
    Some(Np {
        a,
        z: end,
        head: Head::Nominal { kind: Nominal::Person, head, of: None, possessive_it: false },
        role: None,
    })
}

/// "… for the ministry", "… of the union" right at `z`: where the phrase then ends, and the inner
/// phrase.
fn of_phrase(doc: &Doc, b: usize, z: usize, lim: usize, sent_start: usize, depth: usize) -> (usize, Option<Box<Np>>) {
    let toks = &doc.blocks[b].toks;
    if depth < MAX_OF_NESTING && z + 1 < lim && doc.lang.of_preps.contains(&toks[z].lower.as_str()) {
        if let Some(inner) = forward_nested(doc, b, z + 1, lim, sent_start, depth + 1) {
            return (inner.z, Some(Box::new(inner)));
        }
    }
    (z, None)
}

/// "raised", "announced": a past-tense verb cannot head a described speaker ("the bloodshed
/// raised fears that …"); "greed", "speed" and short words ("bed") are nouns.
fn looks_past_tense(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed")
}

/// "the mayor", "the WHL commissioner", "the president of the council": a definite, singular
/// role phrase refers to the person the article last named with that role ("Surrey Mayor Doug
/// McCallum"). The head noun and every other content word of the phrase must be in that role.
fn role_antecedent(doc: &Doc, ents: &Entities, b: usize, np: &Np, head: usize) -> Option<usize> {
    let toks = &doc.blocks[b].toks;
    if !doc.lang.definite.contains(&toks[np.a].lower.as_str()) || head <= np.a {
        return None;
    }
    let mods: Vec<&str> = toks[np.a + 1..np.z]
        .iter()
        .enumerate()
        .filter(|&(k, t)| {
            np.a + 1 + k != head
                && t.is_word()
                && !t.is_det()
                && !doc.is_stop(t)
                && !doc.lang.of_preps.contains(&t.lower.as_str())
                && !doc.lang.role_qualifiers.contains(&t.lower.as_str())
        })
        .map(|(_, t)| t.lower.as_str())
        .collect();
    ents.resolve_role(b, toks[np.a].start, &toks[head].lower, &mods, &doc.lang.role_ranks)
}

/// "the rookie defenceman said", "the lanky professor said": a definite, singular description
/// with a modifier before its person noun and no role the article gave anyone is an epithet for
/// the person in focus, as "he" or "she" would be (`resolve_person`).
fn epithet_antecedent(
    doc: &Doc,
    ents: &Entities,
    b: usize,
    np: &Np,
    head: usize,
    focus: Option<usize>,
) -> Option<usize> {
    let toks = &doc.blocks[b].toks;
    let definite = toks[np.a].is_in(&doc.lang.definite);
    let singular = !toks[head].lower.ends_with('s') && doc.lang.plural_s;
    // ("the ad's narrator" is someone else's)
    let modified = head > np.a + 1
        && toks[np.a + 1..head].iter().all(|t| t.is_word() && !t.cap && !t.is_possessive() || t.is_punct(","));
    let ends_at_head = np.z == head + 1;
    if !(definite && singular && modified && ends_at_head) || doc.lang.spokes.contains(&toks[head].lower.as_str()) {
        return None;
    }
    ents.resolve_person(b, toks[np.a].start, None, focus)
}

/// Most tokens between a name's comma and a role phrase in its appositive ("Joe Smith, a 1989
/// graduate and a county commissioner in …").
const MAX_APPOSITIVE_LEAD: usize = 12;

/// "Donald Tusk, the president of the European Council, which …, urged": a role phrase inside an
/// appositive describes the person named right before the appositive's comma.
fn appositive_host(doc: &Doc, ents: &Entities, b: usize, np: &Np) -> Option<usize> {
    let toks = &doc.blocks[b].toks;
    let mut j = np.a;
    while j > 1 && np.a - j < MAX_APPOSITIVE_LEAD {
        j -= 1;
        let t = &toks[j];
        if t.is_punct(",") {
            return ents
                .ending_at(b, toks[j - 1].end)
                .filter(|&id| ents.list[id].kind == SpeakerKind::Person && ents.list[id].named);
        }
        // the appositive holds no clause: no verb, quote or sentence break
        if !(t.is_word() || t.kind == crate::text::TokKind::Number)
            || t.quote.is_some()
            || t.cue != NO_CUE
            || doc.is_aux(t)
            || (t.cap && doc.is_stop(t))
        {
            return None;
        }
    }
    None
}

/// "the company" after "media buying company GroupM": the nearest name before the position that
/// the article classed with the same lower-case noun right before it; a name so classed by an
/// organisation's noun is an organisation. Never a person or a place.
fn classified_by_noun(doc: &Doc, ents: &mut Entities, b: usize, pos: usize, noun: &str) -> Option<usize> {
    let nearest = ents.before(b, pos).find(|m| {
        let toks = &doc.blocks[m.span.block].toks;
        let k = doc.blocks[m.span.block].tok_at(m.span.start);
        k > 0 && !toks[k - 1].cap && toks[k - 1].lower == noun
    })?;
    let id = ents.canonical(nearest.entity);
    let e = &mut ents.list[id];
    if e.place || !matches!(e.kind, SpeakerKind::Organisation | SpeakerKind::Unknown) {
        return None;
    }
    e.kind = SpeakerKind::Organisation;
    Some(id)
}

/// The entity of a name run of block `b`: the one already at its span, else linked by its words.
fn entity_of_run(doc: &Doc, ents: &mut Entities, b: usize, r: &entities::NameRun) -> usize {
    let toks = &doc.blocks[b].toks;
    let span = Span::new(b, toks[r.name_a].start, toks[r.name_z - 1].end);
    match ents.at(span) {
        Some(id) => id,
        None => ents.link(doc, entities::run_words(doc, b, r), r.role.clone(), r.gender, span),
    }
}

/// Token `k` is an agent preposition that names an author ("a report by X"), not one after a
/// participle of receiving ("the memo obtained by The Globe": who obtained it did not write it).
fn authorial_agent(doc: &Doc, toks: &[crate::doc::Tok], k: usize) -> bool {
    toks[k].is_in(&doc.lang.agent_preps) && !(k > 0 && toks[k - 1].is_in(&doc.lang.receipt_participles))
}

/// Most tokens after a document's noun in which its source may be named ("a document titled
/// White Paper: Railroading in Winter on the Harbour Rail website").
const MAX_DOC_SOURCE_TOKENS: usize = 16;

/// The author of a document named after its noun (which ends at token `z`) in the same clause: a
/// name after an agent preposition ("by the Fraser Institute") or a possessive name before a
/// speaker's noun ("on Canadian Pacific Railway's website", "on the Harbour Group's blog"; not
/// "on Smith's farm"). Nothing past a quote or a cue verb (the
/// document's own clause ends there).
fn document_source(doc: &Doc, b: usize, z: usize) -> Option<entities::NameRun> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let (s, e) = bd.sentence_of(z.saturating_sub(1));
    let mut k = z;
    while k < e.min(z + MAX_DOC_SOURCE_TOKENS) {
        let t = &toks[k];
        if t.quote.is_some() || (t.cue != NO_CUE && !t.cap) || doc.lang.finite.contains(t.lower.as_str()) {
            return None;
        }
        if t.is_word() && t.cap {
            if let Some(r) = entities::name_run(doc, b, k, s).filter(|r| r.z <= e) {
                let before = if k > z && toks[k - 1].is_det() { k - 1 } else { k };
                let after_agent = before > z && authorial_agent(doc, toks, before - 1);
                let possessor =
                    toks[r.z - 1].is_possessive() && toks.get(r.z).is_some_and(|n| !n.cap && n.nominal.is_some());
                if after_agent || possessor {
                    return Some(r);
                }
                k = r.z.max(k + 1);
                continue;
            }
        }
        k += 1;
    }
    None
}

/// What a resolved speaker phrase points at.
pub struct Resolved {
    pub entity: Option<usize>,
    /// The phrase itself (its name words for a name).
    pub mention: Span,
}

/// The gender a possessive pronoun gives its owner ("his" letter, "her" statement), if it is one:
/// a form of he / she other than the subject form (`pronouns.txt`).
fn possessive_gender(doc: &Doc, t: &crate::doc::Tok) -> Option<Gender> {
    let l = doc.lang;
    let w = t.lower.as_str();
    if l.he.iter().skip(1).any(|f| *f == w) && t.is_possessive() {
        Some(Gender::Male)
    } else if l.she.iter().skip(1).any(|f| *f == w) && t.is_possessive() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Resolves a phrase to an entity. `focus` is the speaker of the previous attributed quote
/// (for "the statement said" and as a preferred he/she antecedent).
pub fn resolve(doc: &Doc, ents: &mut Entities, b: usize, np: &Np, focus: Option<usize>) -> Resolved {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let pos = toks[np.a].start;
    let mention = Span::new(b, toks[np.a].start, toks[np.z - 1].end);
    let entity = match &np.head {
        // "the Kentucky Republican said": a definite name ending in a party member's noun is an
        // epithet for the person in focus, as "he" or "she" would be
        Head::Name(r)
            if r.name_z > r.name_a + 1
                && toks[np.a].is_in(&doc.lang.definite)
                && toks[r.name_z - 1].is_in(&doc.lang.party_members)
                && ents.resolve_person(b, pos, None, focus).is_some() =>
        {
            ents.resolve_person(b, pos, None, focus)
        }
        Head::Name(r) => {
            let id = entity_of_run(doc, ents, b, r);
            if let Some(role) = &np.role {
                let e = &mut ents.list[id];
                if e.role.is_none() {
                    e.role = Some(role.clone());
                }
            }
            Some(id)
        }
        Head::Pronoun(p) => match p {
            Pron::He => ents.resolve_person(b, pos, Some(Gender::Male), focus),
            Pron::She => ents.resolve_person(b, pos, Some(Gender::Female), focus),
            Pron::It => ents.resolve_org(b, pos, OrgType::Unknown),
            Pron::They => ents
                .resolve_group_subject(b, pos)
                .or_else(|| focus.filter(|&f| ents.list[f].kind != SpeakerKind::Person))
                .or_else(|| ents.resolve_org(b, pos, OrgType::Unknown)),
            Pron::First => None,
        },
        Head::Nominal { kind, head, of, possessive_it } => {
            let noun = toks[*head].lower.clone();
            match kind {
                // "the governor's office", "Trump's campaign": someone else's organisation, not
                // the one in focus
                Nominal::Org
                    if toks[np.a..*head]
                        .iter()
                        .any(|t| t.is_possessive() && !t.is_in(&doc.lang.personal_possessives)) =>
                {
                    Some(ents.described(bd.slice(np.a, np.z).to_string(), mention))
                }
                Nominal::Org => classified_by_noun(doc, ents, b, pos, &noun)
                    .or_else(|| ents.resolve_org_by_noun(b, pos, &noun))
                    .or_else(|| ents.resolve_org(b, pos, entities::org_type_of_noun(doc.lang, &noun)))
                    .or_else(|| Some(ents.described(bd.slice(np.a, np.z).to_string(), mention))),
                // a document speaks for whoever spoke last; with nobody in focus it speaks for
                // itself ("The report also suggested …"), not for the nearest organisation
                // "The report, published by the Pew Research Center, found": its author
                Nominal::Doc
                    if let Some(r) = (np.a..np.z.saturating_sub(1))
                        .find(|&k| authorial_agent(doc, toks, k) && toks[k + 1].quote.is_none())
                        .and_then(|k| {
                            let start = if toks[k + 1].is_det() { k + 2 } else { k + 1 };
                            entities::name_run(doc, b, start, np.a).filter(|r| r.z <= np.z)
                        }) =>
                {
                    Some(entity_of_run(doc, ents, b, &r))
                }
                // "a document titled … on Canadian Pacific Railway's website", "a report by the
                // institute": the author named after the document's noun, in its clause
                Nominal::Doc if let Some(r) = document_source(doc, b, np.z) => Some(entity_of_run(doc, ents, b, &r)),
                // "her statement", "his letter": the document of the person the pronoun names
                Nominal::Doc
                    if let Some(id) = possessive_gender(doc, &toks[np.a])
                        .and_then(|g| ents.resolve_person(b, pos, Some(g), focus)) =>
                {
                    Some(id)
                }
                Nominal::Doc => focus.or_else(|| Some(ents.described(bd.slice(np.a, np.z).to_string(), mention))),
                Nominal::Person => {
                    let spokes = doc.lang.spokes.contains(&noun.as_str());
                    let org = if spokes {
                        if let Some(o) = of {
                            let r = resolve(doc, ents, b, o, focus);
                            r.entity.filter(|&e| ents.list[e].kind != SpeakerKind::Person)
                        } else if *possessive_it {
                            ents.resolve_org(b, pos, OrgType::Unknown)
                        } else {
                            None
                        }
                    } else {
                        None
                    };
                    let named = appositive_host(doc, ents, b, np)
                        .or_else(|| role_antecedent(doc, ents, b, np, *head))
                        .or_else(|| epithet_antecedent(doc, ents, b, np, *head, focus));
                    match org.or(named) {
                        Some(o) => Some(o),
                        None => {
                            // "sources familiar with the talks": the description with its postmodifier
                            let z = if *head + 3 < np.z && postmodified(doc, b, *head + 3, np.z, np.a).is_some() {
                                np.z
                            } else {
                                np.z.min(*head + 1)
                            };
                            let text = bd.slice(np.a, z.max(np.a + 1));
                            let id = ents.described(text.to_string(), mention);
                            // an unnamed person or group: an anonymous source
                            if !ents.list[id].named {
                                ents.list[id].kind = SpeakerKind::Anonymous;
                            }
                            if let Some(role) = &np.role {
                                if ents.list[id].role.is_none() {
                                    ents.list[id].role = Some(role.clone());
                                }
                            }
                            Some(id)
                        }
                    }
                }
            }
        }
    };
    let entity = entity.map(|e| ents.canonical(e));
    if let Some(e) = entity {
        ents.add_mention(e, mention);
    }
    Resolved { entity, mention }
}
