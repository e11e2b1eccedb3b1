//! `adjacent-quote`: `"A," she said. "B."` — a bare quote takes the speaker of another quote (or
//! of indirect speech) in its paragraph.

use super::context::{inherit, is_whole_sentence, Ctx, Fired, FOCUS_LOOKBACK, MIN_WORDS_UNATTRIBUTED};
use super::sentence_subject::acting;
use crate::api::SpeakerKind;
use crate::doc::Doc;
use crate::speaker_phrase::{Head, Np};

pub const ID: &str = "adjacent-quote";
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.88;

/// `"A," he said. "B."`: a bare quote takes the speaker of its paragraph's other quote.
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let b = cx.direct[qi].b;
    if cx.direct[qi].words < MIN_WORDS_UNATTRIBUTED && !is_whole_sentence(cx.doc, &cx.direct[qi]) {
        return None; // a fragment ("disgusting") is not a quote of its own; "I was green." is
    }
    // "Später warnte die Ministerin vor „…“": the sentence's own subject speaks
    if cx.doc.lang.embedded_own_subject && super::sentence_subject::subject(cx, qi).is_some() {
        return None;
    }
    let prev_q = cx.direct[..qi]
        .iter()
        .rev()
        .take(FOCUS_LOOKBACK)
        .take_while(|p| p.b == b)
        .find_map(|p| Some((p.after_tok, p.att.clone()?)));
    // `"A," says Lee. Ortiz needed no coaxing. "B."`: a sentence between the two quotes whose
    // subject is another named person hands the paragraph to that person
    if let Some((after, p)) = &prev_q {
        if let Some(np) = changed_subject(cx.doc, b, *after, cx.direct[qi].first_tok) {
            let at = cx.direct[qi].raw.start;
            let att = cx.att_from(b, &np, None, ID, CONFIDENCE, at);
            let (Some(e), Some(before)) = (att.entity, p.entity) else { return None };
            if cx.ents.list[e].kind == SpeakerKind::Person && cx.ents.canonical(e) != cx.ents.canonical(before) {
                return Some((att, None));
            }
        }
    }
    let prev = prev_q.map(|(_, a)| a);
    // indirect speech earlier in the paragraph counts too: `…, Schiff said. "…"`
    let start = cx.direct[qi].raw.start;
    let from_ind = || {
        let upto = cx.indirect.partition_point(|x| (x.b, x.start) < (b, start));
        cx.indirect[..upto]
            .iter()
            .rev()
            .take(8)
            .take_while(|x| x.b == b)
            .find(|x| x.att.entity.is_some())
            .map(|x| x.att.clone())
    };
    let a = match prev.or_else(from_ind) {
        Some(a) => a,
        None => cx.direct[qi + 1..].iter().take(FOCUS_LOOKBACK).take_while(|p| p.b == b).find_map(|p| p.att.clone())?,
    };
    a.entity?;
    Some((inherit(&a, ID, CONFIDENCE), None))
}

/// The named subject of the last whole sentence between tokens `from` and `to` of block `b` (no
/// quote in it) that opens with a name and acts, if there is one.
fn changed_subject(doc: &Doc, b: usize, from: usize, to: usize) -> Option<Np> {
    let bd = &doc.blocks[b];
    let (s, e) = *bd.sents.iter().rev().find(|&&(s, e)| s >= from && e <= to && e > s)?;
    if bd.toks[s..e].iter().any(|t| t.quote.is_some()) {
        return None;
    }
    let (np, _) = acting(doc, b, s, e)?;
    matches!(np.head, Head::Name(_)).then_some(np)
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn adjacent_quote_same_paragraph() {
        let r = run(&[
            "\"It was chaos,\" said Ruth Ansah. \"The doors were locked and the alarms kept ringing for an hour.\"",
        ]);
        let q = r.quote("doors were locked");
        assert_eq!(q.speaker, Some("Ruth Ansah"));
        assert_eq!(q.rule, "adjacent-quote");
    }

    #[test]
    fn a_short_whole_sentence_is_a_quote_but_a_fragment_is_not() {
        let r = run(&["\"We kept the lights on all night,\" said Ruth Ansah. \"I was terrified.\""]);
        assert_eq!(r.quote("I was terrified").speaker, Some("Ruth Ansah"));
        let r = run(&["\"We kept the lights on all night,\" said Ruth Ansah. \"Pure chaos\" followed at dawn."]);
        assert!(!r.has("Pure chaos"), "{}", r.dump());
    }

    #[test]
    fn a_new_subject_between_two_quotes_takes_the_second() {
        let r = run(&["Paul Grange invited Mara Ortiz back this winter. \"I always felt the piece deserved \
             more time,\" says Grange. Ortiz did not need much persuading. \"I am grateful for the chance to return to it.\""]);
        assert_eq!(r.quote("I always felt").speaker, Some("Paul Grange"), "{}", r.dump());
        assert_eq!(r.quote("I am grateful").speaker, Some("Mara Ortiz"), "{}", r.dump());
        // the same speaker as subject keeps the paragraph's speaker
        let r =
            run(&["\"We kept the lights on all night,\" said Ruth Ansah. Ansah did not sleep. \"I was terrified.\""]);
        assert_eq!(r.quote("I was terrified").speaker, Some("Ruth Ansah"), "{}", r.dump());
    }
}
