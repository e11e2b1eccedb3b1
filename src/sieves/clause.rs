//! Grammar helpers the rules share: cue look-up, naming verbs, the subject of a sentence, where
//! a reported clause ends.

use crate::doc::{Doc, Tok};
use crate::lexicon::{Language, Nominal, CUE_MANNER, CUE_REPORTING, CUE_SAYING, NO_CUE};
use crate::speaker_phrase::{self, Head, Np, Pron};
use crate::text::TokKind;

/// Fewest words in the content clause of indirect speech.
pub const MIN_INDIRECT_WORDS: usize = 3;

/// The language names rather than reports with this verb before this word ("sprach von einem
/// „Dammbruch“"; `naming_von.txt`).
pub fn names_with_von(lang: &Language, verb: &Tok, next: Option<&Tok>) -> bool {
    lang.naming_verbs.contains(&verb.lower.as_str())
        && next.is_some_and(|x| lang.naming_preps.contains(&x.lower.as_str()))
}

/// Auxiliaries and copulas (verbs, `word_classes.txt`), as opposed to the adverbs of `Language::aux`.
pub fn is_verb_aux(doc: &Doc, t: &Tok) -> bool {
    doc.lang.verb_aux.contains(&t.lower.as_str())
}

/// Most tokens between a finite auxiliary and the participle or infinitive that closes its clause
/// ("hat die Ernennung in einer Mail an die Mitarbeiter bestätigt").
pub const MAX_MIDDLE_FIELD: usize = 14;

/// The subject of a verb-second clause whose cue `v` closes it after a finite auxiliary or modal
/// ("Der Intendant hat die Ernennung … bestätigt", "Am Montag hat die Ministerin den Plan …
/// verteidigt"): the phrase before the auxiliary, else the one right after it — never the object
/// before the cue. `None` when no auxiliary opens the clause's bracket (or nothing stands in it).
pub fn bracket_subject(doc: &Doc, b: usize, lo: usize, sent_start: usize, v: usize) -> Option<Option<Np>> {
    let toks = &doc.blocks[b].toks;
    // ("dem Ergebnis zufolge", "laut Medienberichten": a postposition or preposition names its
    // source, it has no subject)
    if !doc.lang.verb_second || toks[v].opens_according() || doc.lang.according_after.contains(&toks[v].lower.as_str())
    {
        return None;
    }
    let mut a = v;
    while a > lo && v - a <= MAX_MIDDLE_FIELD {
        a -= 1;
        let t = &toks[a];
        if t.quote.is_some() || (t.kind == TokKind::Punct && !t.is_punct(".")) || (a + 1 < v && t.cue != NO_CUE) {
            return None;
        }
        if is_verb_aux(doc, t) {
            let mut j = a + 1;
            while j < v && doc.is_aux(&toks[j]) {
                j += 1;
            }
            if j + 1 >= v {
                return None; // "hat erklärt": the usual look-up handles it
            }
            let before = speaker_phrase::backward(doc, b, a, lo, sent_start);
            return Some(before.or_else(|| speaker_phrase::forward(doc, b, a + 1, v, sent_start)));
        }
    }
    None
}

/// A cue verb (a capitalised one only at the start of a sentence).
pub fn is_cue(t: &Tok, sentence_initial: bool) -> bool {
    t.cue != NO_CUE && t.is_word() && (!t.cap || sentence_initial)
}

/// Past a short opening adverbial ("In July,", "In the midst of the fear,"): where the
/// subject of a sentence starting at `s` may begin.
pub fn skip_opening_adverbial(doc: &Doc, b: usize, s: usize, e: usize) -> usize {
    let toks = &doc.blocks[b].toks;
    if s < e && (doc.is_stop(&toks[s]) || doc.lang.preps.contains(&toks[s].lower.as_str())) {
        if let Some(c) = (s + 1..e.min(s + 8)).find(|&k| toks[k].is_punct(",")) {
            if toks[s..c].iter().all(|t| (t.is_word() || t.kind == TokKind::Number) && t.quote.is_none()) {
                return c + 1;
            }
        }
    }
    s
}

/// Most tokens of a fronted phrase before the finite verb of a verb-second sentence ("Bei einer
/// Debatte im Landtag über die Schulen hatte sich …").
pub const MAX_FRONTED_TOKENS: usize = 12;

/// The subject right after the finite verb of a verb-second sentence (`s..e`) that opens with a
/// phrase that cannot be its subject — a prepositional phrase or one in an oblique case ("Im
/// Landtag warb die Ministerin …", "Den Plan lehnte der Verband ab"): German grammar puts the
/// subject after the verb then, past a reflexive pronoun ("In der Zeitung äußerte sich der
/// Trainer"). The verb is the first lower-case word after the phrase's noun that is no article,
/// preposition or function word. `None` when the sentence opens otherwise or no speaker stands
/// there.
pub fn subject_after_fronted(doc: &Doc, b: usize, s: usize, e: usize) -> Option<Np> {
    let toks = &doc.blocks[b].toks;
    let l = doc.lang;
    let opens = |t: &Tok| l.pp_preps.contains(&t.lower.as_str()) || l.oblique_dets.contains(&t.lower.as_str());
    if !l.verb_second || s >= e || !opens(&toks[s]) {
        return None;
    }
    let mut noun = false;
    let mut verb = None;
    for (k, t) in toks.iter().enumerate().take(e.min(s + 1 + MAX_FRONTED_TOKENS)).skip(s + 1) {
        if t.quote.is_some() || !t.is_word() {
            return None;
        }
        let function_word = t.is_det()
            || l.pp_preps.contains(&t.lower.as_str())
            || l.of_preps.contains(&t.lower.as_str())
            || doc.is_stop(t);
        if t.cap {
            noun = true;
        } else if noun && (is_verb_aux(doc, t) || !function_word) {
            verb = Some(k);
            break;
        }
    }
    let mut j = verb? + 1;
    while j < e && (l.reflexives.contains(&toks[j].lower.as_str()) || doc.is_aux(&toks[j])) {
        j += 1;
    }
    let np = speaker_phrase::forward(doc, b, j, e, s)?;
    let speaker = matches!(
        np.head,
        Head::Name(_)
            | Head::Pronoun(Pron::He | Pron::She | Pron::They)
            | Head::Nominal { kind: Nominal::Person | Nominal::Org, .. }
    );
    (speaker && !l.oblique_dets.contains(&toks[np.a].lower.as_str())).then_some(np)
}

/// The subject of a sentence that introduces a quote with a colon.
pub fn first_np(doc: &Doc, b: usize, s: usize, e: usize) -> Option<Np> {
    let toks = &doc.blocks[b].toks;
    let mut i = skip_opening_adverbial(doc, b, s, e);
    while i < e && i < s + 8 {
        if toks[i].quote.is_some() {
            return None;
        }
        // "Then, after a pause: …": the object of a preposition is not the sentence's subject
        let object = i > s && toks[i - 1].is_in(&doc.lang.prepositions);
        if !object {
            if let Some(np) = speaker_phrase::forward(doc, b, i, e, s) {
                return Some(np);
            }
        }
        i += 1;
    }
    None
}

/// Most tokens a reported clause runs (a news sentence has a few dozen; fuzzed sentences of
/// thousands of cues made the search for each cue's clause end quadratic).
pub const MAX_REPORTED_CLAUSE_TOKENS: usize = 256;

/// Where the reported clause that starts at token `c` ends (before `e`): at a semicolon, another
/// attribution, a coordinated cue; final punctuation outside quotes dropped.
pub fn content_end(doc: &Doc, b: usize, c: usize, e: usize) -> usize {
    let toks = &doc.blocks[b].toks;
    // every cue of a sentence may ask: bounded, the search stays linear in the sentence
    let e = e.min(c.saturating_add(MAX_REPORTED_CLAUSE_TOKENS));
    let mut z = e;
    let mut k = c;
    while k < e {
        let t = &toks[k];
        if t.quote.is_none() {
            if t.is_punct(";") {
                z = k;
                break;
            }
            // "beschrieb die Lage mit den Worten: „…“": a colon that opens a quotation ends the
            // reported clause; the quotation is direct speech of its own
            if t.is_punct(":") && k > c && toks.get(k + 1).is_some_and(|x| x.quote.is_some()) {
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
                let at = if toks[k + 1].is_in(&doc.lang.concessives) { k + 2 } else { k + 1 };
                if let Some(n) = speaker_phrase::forward(doc, b, at, e, c) {
                    let mut j = n.z;
                    while j < e && doc.is_aux(&toks[j]) {
                        j += 1;
                    }
                    if j < e
                        && is_cue(&toks[j], false)
                        && toks[j].cue == CUE_SAYING
                        && !matches!(n.head, Head::Nominal { kind: Nominal::Doc, .. })
                    {
                        z = k;
                        break;
                    }
                }
            }
            // a dash that opens another attribution: "… ― Trump boasted, …"
            if t.is_dash()
                && k > c
                && toks[k + 1..e.min(k + 7)].iter().any(|x| x.cue == CUE_SAYING && !x.cap && x.quote.is_none())
            {
                z = k;
                break;
            }
            // a coordinated cue: "…and says they…", "…, adding that…"
            if (t.is_in(&doc.lang.conjunctions) || t.is_punct(",")) && k > c + 2 {
                let mut j = k + 1;
                while j < e && doc.is_aux(&toks[j]) {
                    j += 1;
                }
                // "…and says they…" (not "violated federal and state law": a base form there
                // is rarely a coordinated verb)
                if j < e
                    && is_cue(&toks[j], false)
                    && (toks[j].cue <= CUE_REPORTING || toks[j].cue == CUE_MANNER)
                    && toks[j].quote.is_none()
                    && !toks[j].is_base()
                {
                    z = k;
                    break;
                }
                if t.is_punct(",") && toks.get(k + 1).is_some_and(|x| x.lower.ends_with("ing") && x.cue == CUE_SAYING) {
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

/// Words (not punctuation) in tokens `[a, z)` of block `b`.
pub fn word_count(doc: &Doc, b: usize, a: usize, z: usize) -> usize {
    doc.blocks[b].toks[a..z].iter().filter(|t| t.kind != TokKind::Punct).count()
}
