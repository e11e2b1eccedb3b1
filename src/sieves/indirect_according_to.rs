//! `indirect-according-to`: reported speech credited with `According to X, …`, `…, according to
//! X.`, German `Laut X …`, `Nach Auffassung von X …`.

use super::clause::{content_end, word_count, MIN_INDIRECT_WORDS};
use super::context::{Ctx, IndirectQuote};
use crate::speaker_phrase;

pub const ID: &str = "indirect-according-to";
pub const CONFIDENCE: f32 = 0.7;

/// `According to X, …` / `…, according to X.` / `Laut X …`.
pub fn find(cx: &mut Ctx, b: usize, s: usize, e: usize) {
    let doc = cx.doc;
    let toks = &doc.blocks[b].toks;
    for i in s..e {
        if toks[i].quote.is_some() || !toks[i].opens_according() {
            continue;
        }
        for pat in &doc.lang.according {
            let n = pat.len();
            if pat.len() == 1 && doc.lang.according_after.contains(&pat[0]) {
                continue;
            }
            if !(i + n <= e && pat.iter().enumerate().all(|(k, w)| toks[i + k].lower == *w)) {
                continue;
            }
            let Some(np) = speaker_phrase::forward(doc, b, i + n, e, s) else { continue };
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
            if cx.indirect.iter().rev().take(8).any(|x| x.b == b && x.start < toks[z - 1].end && toks[c].start < x.end)
            {
                continue;
            }
            let att = cx.att_from(b, &np, Some((i, i + n)), ID, CONFIDENCE, toks[i].start);
            cx.indirect.push(IndirectQuote::clause(doc, b, (s, e), (c, z), att));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn according_to_direct_and_indirect() {
        let r = run(&[
            "According to the Port Authority, the new cranes will double the terminal's capacity by next spring.",
        ]);
        let q = r.quote("new cranes");
        assert_eq!(q.kind, "indirect");
        assert_eq!(q.speaker, Some("Port Authority"));
        assert_eq!(q.rule, "indirect-according-to");
    }

    #[test]
    fn german_nach_auffassung_reports_like_laut() {
        let r = run(&[
            "Nach Auffassung des Fraktionschefs Bernd Albers sei der Haushalt „auf Kante genäht und nicht mehr tragfähig“.",
        ]);
        let q = r.quote("Haushalt");
        assert_eq!(q.kind, "mixed");
        assert_eq!(q.speaker, Some("Bernd Albers"));
        assert_eq!(q.rule, "indirect-according-to");
    }
}
