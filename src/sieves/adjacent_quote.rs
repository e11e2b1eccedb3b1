//! `adjacent-quote`: `"A," she said. "B."` — a bare quote takes the speaker of another quote (or
//! of indirect speech) in its paragraph.

use super::context::{inherit, is_whole_sentence, Ctx, Fired, FOCUS_LOOKBACK, MIN_WORDS_UNATTRIBUTED};

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
    let prev = cx.direct[..qi].iter().rev().take(FOCUS_LOOKBACK).take_while(|p| p.b == b).find_map(|p| p.att.clone());
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
}
