//! `dash-credit`: a quote credited after a dash, with no cue — `"…" — Amal Haddad, a resident`.

use super::context::{Ctx, Fired};
use crate::speaker_phrase::{self, Head};

pub const ID: &str = "dash-credit";
/// A name after a dash is nearly always the quote's author; less sure than a cue.
pub const CONFIDENCE: f32 = 0.85;

pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (k, dash, lim) = cx.after_closing_punct(qi)?;
    if !dash {
        return None;
    }
    let np = speaker_phrase::forward(doc, d.b, k, lim, d.sent.0)?;
    let mut j = np.z;
    while j < lim && doc.is_aux(&toks[j]) {
        j += 1;
    }
    // the phrase ends the credit: nothing, or punctuation, follows it (a cue would make it a
    // trailing cue); a pronoun after a dash is not a credit
    if (j >= lim || toks[j].is_punct(",") || toks[j].is_punct(".") || toks[j].is_punct(")"))
        && !matches!(np.head, Head::Pronoun(_))
    {
        let att = cx.att_from(d.b, &np, None, ID, CONFIDENCE, d.raw.start);
        return Some((att, None));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn dash_credit() {
        let r = run(&["\"Nobody told us the water was unsafe to drink for three whole days\" — Amal Haddad, a resident of the east side."]);
        let q = r.quote("unsafe to drink");
        assert_eq!(q.speaker, Some("Amal Haddad"));
        assert_eq!(q.rule, "dash-credit");
    }

    #[test]
    fn a_dash_before_a_cue_is_a_trailing_cue_not_a_credit() {
        let r = run(&["\"The harbour stays closed until the storm has passed\" — Mayor Ines Duval said on Monday."]);
        let q = r.quote("harbour stays closed");
        assert_eq!(q.speaker, Some("Ines Duval"));
        assert_eq!(q.rule, "trailing-cue");
    }
}
