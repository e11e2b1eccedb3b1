//! `according-to`: `according to X` (German `laut X`, `nach Angaben von X`) anywhere in the
//! direct quote's sentence.

use super::context::{Ctx, Fired};
use crate::speaker_phrase;

pub const ID: &str = "according-to";
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.64;

/// `According to X, "…"` anywhere in the sentence (English), `laut X` / `X zufolge` (German).
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let (s, e) = d.sent;
    let found = cx.according.entry((d.b, s, e)).or_insert_with(|| {
        for i in s..e {
            if toks[i].quote.is_some() || !toks[i].opens_according() {
                continue;
            }
            for pat in &doc.lang.according {
                if pat.len() == 1 && doc.lang.according_after.contains(&pat[0]) {
                    continue;
                }
                if i + pat.len() <= e && pat.iter().enumerate().all(|(k, w)| toks[i + k].lower == *w) {
                    if let Some(np) = speaker_phrase::forward(doc, d.b, i + pat.len(), e, s) {
                        return Some((i, pat.len(), np));
                    }
                }
            }
        }
        None
    });
    let (i, n, np) = found.clone()?;
    let att = cx.att_from(d.b, &np, Some((i, i + n)), ID, CONFIDENCE, d.raw.start);
    Some((att, None))
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn according_to_a_direct_quote() {
        let r = run(&[
            "The river will crest on Thursday, and \"the old levee will not hold much longer than a day,\" according to engineer Paolo Ferri.",
        ]);
        let q = r.quote("old levee");
        assert_eq!(q.speaker, Some("Paolo Ferri"));
        assert_eq!(q.rule, "according-to");
    }
}
