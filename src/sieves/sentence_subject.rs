//! `sentence-subject`: a bare quote inside a sentence whose subject, a person or organisation,
//! acts — `Reid went after Trump as a "human leech"`.

use super::clause::{skip_opening_adverbial, subject_after_fronted};
use super::context::{Ctx, Fired};
use crate::doc::Doc;
use crate::lexicon::Nominal;
use crate::speaker_phrase::{self, Head, Np, Pron};

pub const ID: &str = "sentence-subject";
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.67;

/// A quote inside a sentence whose subject, a named or described speaker, acts: "Reid has gone
/// after Trump as a “human leech who will bleed the country”".
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let np = subject(cx, qi)?;
    let d = &cx.direct[qi];
    let (b, at) = (d.b, d.raw.start);
    let att = cx.att_from(b, &np, None, ID, CONFIDENCE, at);
    att.entity?;
    Some((att, None))
}

/// The speaking subject of the sentence around quote `qi`, when there is one (nothing resolved).
pub fn subject(cx: &Ctx, qi: usize) -> Option<Np> {
    let d = &cx.direct[qi];
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (s, _) = d.sent;
    if d.first_tok <= s + 1 || toks[s..d.first_tok].iter().any(|t| t.quote.is_some()) {
        return None;
    }
    // the span from the subject to its verb: "Der Vorstand sei …", or after a fronted phrase the
    // verb before the subject ("In dem Streit warf die Ministerin dem Verband „…“ vor",
    // verb-second languages)
    let (np, (a, z)) = match acting(doc, d.b, s, d.first_tok) {
        Some((np, j)) => {
            let span = (np.z, j + 1);
            (np, span)
        }
        None => {
            let np = subject_after_fronted(doc, d.b, s, d.first_tok)?;
            let span = (s, np.a);
            (np, span)
        }
    };
    // a verb in the reporting mood ("Der Vorstand sei „…“", German Konjunktiv I) reports someone
    // else's words about the subject: the subject is their topic, not their speaker
    if toks[a..z].iter().any(|t| doc.lang.subjunctive.contains(&t.lower.as_str())) {
        return None;
    }
    Some(np)
}

/// The subject that opens sentence `s` of block `b` (after at most a short adverbial, "In July,
/// …") and acts — a person or organisation with its verb after it, before token `limit` — and
/// where that verb stands.
pub fn acting(doc: &Doc, b: usize, s: usize, limit: usize) -> Option<(Np, usize)> {
    let toks = &doc.blocks[b].toks;
    let a = skip_opening_adverbial(doc, b, s, limit);
    let np = speaker_phrase::forward(doc, b, a, limit, s)?;
    // "Dem Verein warf …": a phrase in an oblique case is no subject
    if doc.lang.oblique_dets.contains(&toks[np.a].lower.as_str()) {
        return None;
    }
    if !matches!(
        np.head,
        Head::Name(_)
            | Head::Pronoun(Pron::He | Pron::She | Pron::They)
            | Head::Nominal { kind: Nominal::Person | Nominal::Org, .. }
    ) {
        return None;
    }
    // …then its verb: a lower-case word (auxiliaries and adverbs first)
    let mut j = np.z;
    while j < limit && doc.is_aux(&toks[j]) {
        j += 1;
    }
    toks.get(j).filter(|t| j < limit && t.is_word() && !t.cap && !t.is_det() && !doc.is_stop(t))?;
    Some((np, j))
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn german_subject_after_the_verb_speaks_the_quote_inside_the_sentence() {
        let r = run(&[
            "Der Stadtrat beriet am Montag über den Haushalt.",
            "„Wir sparen nicht an den Schulen“, sagte Kämmerin Ute Maas. Den Entwurf der Verwaltung verglich der Fraktionschef Tim Roth mit einem „Haushalt der verpassten Chancen“.",
        ]);
        // the sentence's own subject, not the speaker of the quote before it
        let q = r.quote("verpassten Chancen");
        assert_eq!((q.speaker, q.rule), (Some("Tim Roth"), "sentence-subject"), "{}", r.dump());
    }

    #[test]
    fn sentence_subject_speaks_a_quote_inside_the_sentence() {
        let r = run(&[
            "The council met on Tuesday to vote on the harbour plan.",
            "In July, Mayor Ellen Novak dismissed the plan as \"a gift to developers who never lived here\" and left the room.",
        ]);
        let q = r.quote("a gift to developers");
        assert_eq!(q.speaker, Some("Ellen Novak"));
        assert_eq!(q.rule, "sentence-subject");
        // a subject that is not a speaker (a thing) attributes nothing
        let r = run(&["The bridge carried a banner reading \"we will not be moved from this valley\" all week."]);
        assert!(r.all().iter().all(|f| f.speaker.is_none()), "{}", r.dump());
    }
}
