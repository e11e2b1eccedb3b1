//! `trailing-cue`: a cue and its speaker right after the quote — `"…," said X`, `"…," X said`,
//! `"…," X, chief executive of Y, said`, German `„…“, so der Minister`.

use super::clause::{is_cue, is_verb_aux};
use super::context::{Ctx, Fired};
use crate::speaker_phrase::{self, Head, Pron};

pub const ID: &str = "trailing-cue";
/// The cue sits right after the quote: the surest attribution there is.
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.97;
/// Most words ("dazu", "weiter") between an impersonal "heißt es" and the preposition naming its
/// source.
pub const MAX_SOURCE_GAP: usize = 2;

pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let Some((k, _, lim)) = cx.after_closing_punct(qi) else {
        return after_question(cx, qi);
    };
    // adverbs before an inverted cue: "…," said X / "…," added X / "…," so der Minister
    if is_cue(&toks[k], false) || doc.lang.post_quote_cues.contains(&toks[k].lower.as_str()) {
        // "„…“, äußerte sich die Ministerin": a reflexive pronoun before the subject
        let a = if k + 1 < lim && doc.lang.reflexives.contains(&toks[k + 1].lower.as_str()) { k + 2 } else { k + 1 };
        if let Some(np) = speaker_phrase::forward(doc, d.b, a, lim, d.sent.0) {
            if !(doc.lang.expletive_it && matches!(np.head, Head::Pronoun(Pron::It))) {
                let att = cx.att_from(d.b, &np, Some((k, k + 1)), ID, CONFIDENCE, d.raw.start);
                return Some((att, Some(k)));
            }
        }
    }
    // "„…“, heißt es (dazu) in dem Bericht": impersonal words name their source after a preposition
    if toks[k].is_in(&doc.lang.impersonal_cues) && k + 1 < lim && toks[k + 1].is_in(&doc.lang.expletives) {
        let mut p = k + 2;
        while p < lim
            && p < k + 2 + MAX_SOURCE_GAP
            && toks[p].is_word()
            && !toks[p].cap
            && !toks[p].is_in(&doc.lang.source_preps)
        {
            p += 1;
        }
        if p < lim && toks[p].is_in(&doc.lang.source_preps) {
            if let Some(np) = speaker_phrase::forward(doc, d.b, p + 1, lim, d.sent.0) {
                let att = cx.att_from(d.b, &np, Some((k, k + 1)), ID, CONFIDENCE, d.raw.start);
                return Some((att, Some(k)));
            }
        }
    }
    // "„…“, wird Stadtrat Paul Vogt zitiert", "„…“, hat der Minister gesagt": verb second is a
    // finite auxiliary, then the subject, then the cue that closes the clause
    if doc.lang.verb_second && is_verb_aux(doc, &toks[k]) {
        if let Some(np) = speaker_phrase::forward(doc, d.b, k + 1, lim, d.sent.0) {
            let mut j = np.z;
            while j < lim && doc.is_aux(&toks[j]) {
                j += 1;
            }
            if j < lim && is_cue(&toks[j], false) && !matches!(np.head, Head::Pronoun(Pron::It)) {
                let att = cx.att_from(d.b, &np, Some((j, j + 1)), ID, CONFIDENCE, d.raw.start);
                return Some((att, Some(j)));
            }
        }
    }
    let np = speaker_phrase::forward(doc, d.b, k, lim, d.sent.0)?;
    let mut j = np.z;
    while j < lim && doc.is_aux(&toks[j]) {
        j += 1;
    }
    if j < lim && is_cue(&toks[j], false) {
        let att = cx.att_from(d.b, &np, Some((j, j + 1)), ID, CONFIDENCE, d.raw.start);
        return Some((att, Some(j)));
    }
    None
}

/// Most tokens after the cue in a sentence that only credits the quote before it ("Moore said
/// on Monday in an interview.").
pub const MAX_CREDIT_TAIL: usize = 8;

/// `"Who cares?" Moore said.`: a quote that ends in a question or exclamation mark closes its
/// sentence, and a capitalised name after it opens the next; a next sentence that holds nothing
/// but a speaker, a cue and a short tail credits the quote (subject-first languages).
fn after_question(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let bd = &doc.blocks[d.b];
    let toks = &bd.toks;
    let inner = bd.text[..d.raw.end].trim_end_matches(['"', '”', '’', '\'', '»', '«', '“', '‘', '›', '‹', '」', '』']);
    // (German puts the verb first in such a credit, "„…?“, fragte Müller", found the usual way)
    if !inner.ends_with(['?', '!']) || d.after_tok >= toks.len() || doc.lang.verb_second {
        return None;
    }
    let (s, e) = bd.sentence_of(d.after_tok);
    if s != d.after_tok || toks[s..e].iter().any(|t| t.quote.is_some()) {
        return None;
    }
    let np = speaker_phrase::forward(doc, d.b, s, e, s)?;
    let mut j = np.z;
    while j < e && doc.is_aux(&toks[j]) {
        j += 1;
    }
    if j >= e || !is_cue(&toks[j], false) || e - j > MAX_CREDIT_TAIL {
        return None;
    }
    let att = cx.att_from(d.b, &np, Some((j, j + 1)), ID, CONFIDENCE, d.raw.start);
    Some((att, Some(j)))
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn german_credit_after_the_quote_with_a_reflexive_or_an_auxiliary() {
        let r = run(&[
            "Die Stadt plant einen neuen Park am Fluss.",
            "„Das ist ein guter Tag für die Stadt“, äußerte sich die Bürgermeisterin Anna Roth gegenüber der Zeitung.",
            "„Wir werden den Park im Mai eröffnen“, wird der Sprecher Paul Vogt zitiert.",
        ]);
        let q = r.quote("guter Tag");
        assert_eq!((q.speaker, q.rule), (Some("Anna Roth"), "trailing-cue"));
        let q = r.quote("im Mai eröffnen");
        assert_eq!((q.speaker, q.rule), (Some("Paul Vogt"), "trailing-cue"));
    }

    #[test]
    fn german_impersonal_words_name_their_source_after_a_preposition() {
        let r = run(&[
            "Der Landkreis schließt zwei Kliniken.",
            "„Die Versorgung bleibt gesichert“, heißt es dazu in einer Mitteilung des Landratsamts.",
            "„Wir prüfen den Fall“, hieß es vom Gesundheitsministerium.",
            "„Die Kliniken schließen im Herbst“, heißt es.",
        ]);
        assert_eq!(r.quote("Versorgung bleibt").speaker, Some("Mitteilung"), "{}", r.dump());
        assert_eq!(r.quote("prüfen den Fall").speaker, Some("Gesundheitsministerium"), "{}", r.dump());
        // with no source named, "es" is no speaker
        assert_eq!(r.quote("im Herbst").speaker, None, "{}", r.dump());
    }

    #[test]
    fn a_question_then_a_sentence_of_speaker_and_cue() {
        let r = run(&[
            "Fishing crews met at the harbour on Monday.",
            "\"Who will pay for the new nets?\" Okonkwo said. \"Nobody has told us anything.\"",
            "\"Some would say, 'Why bother?'\" Okonkwo said on Tuesday in an interview.",
        ]);
        let q = r.quote("new nets");
        assert_eq!((q.speaker, q.rule), (Some("Okonkwo"), "trailing-cue"), "{}", r.dump());
        assert_eq!(r.quote("Why bother").speaker, Some("Okonkwo"), "{}", r.dump());
        // a next sentence that says more than who spoke is its own statement
        let r = run(&[
            "\"Who will pay for the nets?\" Okonkwo said the ministry had refused to answer his letters for months.",
        ]);
        assert_eq!(r.quote("pay for the nets").rule, "unattributed", "{}", r.dump());
    }

    #[test]
    fn trailing_cue_name_said() {
        let r = run(&[
            "Maria Ortega, the harbour master, closed the port on Friday.",
            "\"We cannot risk another collision in this fog,\" Ortega said.",
        ]);
        let q = r.quote("another collision");
        assert_eq!(q.kind, "direct");
        assert_eq!(q.speaker, Some("Maria Ortega"));
        assert_eq!(q.rule, "trailing-cue");
        assert_eq!(q.mention, Some("Ortega"));
    }

    #[test]
    fn trailing_cue_inverted_with_appositive_role() {
        let r = run(&["“The figures speak for themselves,” said Tomas Berg, chief executive of Nordvik Shipping."]);
        let q = r.quote("speak for themselves");
        assert_eq!(q.speaker, Some("Tomas Berg"));
        assert_eq!(q.role, Some("chief executive of Nordvik Shipping"));
        assert_eq!(q.rule, "trailing-cue");
    }

    #[test]
    fn trailing_cue_company_resolves_to_the_organisation() {
        let r = run(&[
            "Brightwater Labs denied on Tuesday that its sensors had failed.",
            "The state environment agency ordered an audit of the plant.",
            "\"Our sensors worked exactly as designed during the storm,\" the company said in a statement.",
            "\"We look forward to sharing every record with the auditors,\" the statement said.",
        ]);
        assert_eq!(r.quote("worked exactly").speaker, Some("Brightwater Labs"));
        assert_eq!(r.quote("every record").speaker, Some("Brightwater Labs"));
    }

    #[test]
    fn trailing_cue_pronoun_he_she() {
        let r = run(&[
            "Priya Natarajan, a councillor, voted against the budget. Her colleague Mr. Daniel Moss abstained.",
            "\"This budget forgets the people who rely on buses,\" she said.",
        ]);
        let q = r.quote("forgets the people");
        assert_eq!(q.speaker, Some("Priya Natarajan"));
        assert_eq!(q.mention, Some("she"));
    }

    #[test]
    fn trailing_cue_spokeswoman_for_org() {
        let r = run(&[
            "The Ministry of Transport suspended the licence of the ferry operator.",
            "\"Safety is not negotiable for us,\" a spokeswoman for the ministry said.",
        ]);
        assert_eq!(r.quote("not negotiable").speaker, Some("Ministry of Transport"));
    }
}
