//! `trailing-cue`: a cue and its speaker right after the quote — `"…," said X`, `"…," X said`,
//! `"…," X, chief executive of Y, said`, German `„…“, so der Minister`.

use super::clause::is_cue;
use super::context::{Ctx, Fired};
use crate::speaker_phrase::{self, Head, Pron};

pub const ID: &str = "trailing-cue";
/// The cue sits right after the quote: the surest attribution there is.
pub const CONFIDENCE: f32 = 0.95;

pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (k, _, lim) = cx.after_closing_punct(qi)?;
    // adverbs before an inverted cue: "…," said X / "…," added X / "…," so der Minister
    if is_cue(&toks[k], false) || doc.lang.post_quote_cues.contains(&toks[k].lower.as_str()) {
        if let Some(np) = speaker_phrase::forward(doc, d.b, k + 1, lim, d.sent.0) {
            if !(doc.lang.expletive_it && matches!(np.head, Head::Pronoun(Pron::It))) {
                let att = cx.att_from(d.b, &np, Some((k, k + 1)), ID, CONFIDENCE, d.raw.start);
                return Some((att, Some(k)));
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

#[cfg(test)]
mod tests {
    use crate::test_support::run;

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
