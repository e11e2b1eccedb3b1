//! `lone-candidate`: the quote's paragraph names exactly one person outside quotes.

use super::context::{Attribution, Ctx, Fired};
use crate::api::{Span, SpeakerKind};

pub const ID: &str = "lone-candidate";
/// A guess: the weakest rule.
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.59;

/// The paragraph names exactly one person outside quotes.
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let b = cx.direct[qi].b;
    let mut found: Option<(usize, Span)> = None;
    let from = cx.ents.names.partition_point(|m| m.span.block < b);
    for m in cx.ents.names[from..].iter().take_while(|m| m.span.block == b) {
        let id = cx.ents.canonical(m.entity);
        if cx.ents.list[id].kind != SpeakerKind::Person {
            continue;
        }
        match found {
            Some((e, _)) if e != id => return None,
            _ => found = Some((id, m.span)),
        }
    }
    let (e, span) = found?;
    Some((Attribution { entity: Some(e), mentions: vec![span], cue: None, rule: ID, confidence: CONFIDENCE }, None))
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn the_only_person_of_the_paragraph_speaks() {
        let r = run(&["After the vote Karin Holm stood alone on the steps. \"This city deserves better than a shrug from its council.\""]);
        let q = r.quote("deserves better");
        assert_eq!(q.speaker, Some("Karin Holm"));
        assert_eq!(q.rule, "lone-candidate");
    }

    #[test]
    fn two_people_in_the_paragraph_leave_the_quote_unattributed() {
        let r = run(&["Karin Holm and Piet Vos left the hall together. \"This city deserves better than a shrug from its council.\""]);
        let q = r.quote("deserves better");
        assert_ne!(q.rule, "lone-candidate", "{}", r.dump());
    }
}
