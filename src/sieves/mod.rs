//! The rules, one file each, and the registry: every rule id, its confidence and the default
//! order in which the rules run.
//!
//! A direct sieve (`trailing-cue` … `lone-candidate`) looks at one direct quote that no earlier
//! sieve attributed and may give it a speaker. The indirect rules (`indirect-*`) read sentences
//! for reported speech; they run together, at the place of the first of them in the order, so
//! that they know which cues the direct sieves before them used. Every prediction carries the
//! id of the rule that made it. Shared state and helpers live in `context` and `clause`.

pub mod clause;
pub mod context;

pub mod according_to;
pub mod adjacent_quote;
pub mod colon_intro;
pub mod continuation;
pub mod dash_credit;
pub mod indirect_according_to;
pub mod indirect_inverted;
pub mod indirect_subjunctive;
pub mod indirect_verb;
pub mod leading_cue;
pub mod lone_candidate;
pub mod sentence_subject;
pub mod trailing_cue;

use context::{Ctx, Fired};

/// Every rule, by the id its predictions carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sieve {
    TrailingCue,
    DashCredit,
    LeadingCue,
    ColonIntro,
    AccordingTo,
    Continuation,
    AdjacentQuote,
    SentenceSubject,
    LoneCandidate,
    IndirectVerb,
    IndirectInverted,
    IndirectAccordingTo,
    IndirectSubjunctive,
}

/// The default order: high precision first. Indirect speech is read right after the cues of
/// direct quotes are known (so it never re-reports `"…," she said`) and before the sieves that
/// lean on the speaker in focus.
pub const DEFAULT_ORDER: &[Sieve] = &[
    Sieve::TrailingCue,
    Sieve::DashCredit,
    Sieve::LeadingCue,
    Sieve::IndirectVerb,
    Sieve::IndirectInverted,
    Sieve::IndirectAccordingTo,
    Sieve::IndirectSubjunctive,
    Sieve::ColonIntro,
    Sieve::AccordingTo,
    Sieve::Continuation,
    Sieve::AdjacentQuote,
    Sieve::SentenceSubject,
    Sieve::LoneCandidate,
];

/// Every rule's id, in the default order (what `Config::set_sieve_order` accepts). A prediction
/// carries one of these, or `UNATTRIBUTED`.
pub const RULE_IDS: &[&str] = &[
    trailing_cue::ID,
    dash_credit::ID,
    leading_cue::ID,
    indirect_verb::ID,
    indirect_inverted::ID,
    indirect_according_to::ID,
    indirect_subjunctive::ID,
    colon_intro::ID,
    according_to::ID,
    continuation::ID,
    adjacent_quote::ID,
    sentence_subject::ID,
    lone_candidate::ID,
];

/// The rule id of a quotation no rule could attribute.
pub const UNATTRIBUTED: &str = "unattributed";

impl Sieve {
    /// The stable rule id (tests, the extension's hover card and the evaluation use it).
    pub fn id(self) -> &'static str {
        match self {
            Sieve::TrailingCue => trailing_cue::ID,
            Sieve::DashCredit => dash_credit::ID,
            Sieve::LeadingCue => leading_cue::ID,
            Sieve::ColonIntro => colon_intro::ID,
            Sieve::AccordingTo => according_to::ID,
            Sieve::Continuation => continuation::ID,
            Sieve::AdjacentQuote => adjacent_quote::ID,
            Sieve::SentenceSubject => sentence_subject::ID,
            Sieve::LoneCandidate => lone_candidate::ID,
            Sieve::IndirectVerb => indirect_verb::ID,
            Sieve::IndirectInverted => indirect_inverted::ID,
            Sieve::IndirectAccordingTo => indirect_according_to::ID,
            Sieve::IndirectSubjunctive => indirect_subjunctive::ID,
        }
    }

    pub fn from_id(s: &str) -> Option<Sieve> {
        DEFAULT_ORDER.iter().copied().find(|r| r.id() == s)
    }

    /// How sure the rule is when it fires (its strongest form).
    pub fn confidence(self) -> f32 {
        match self {
            Sieve::TrailingCue => trailing_cue::CONFIDENCE,
            Sieve::DashCredit => dash_credit::CONFIDENCE,
            Sieve::LeadingCue => leading_cue::CONFIDENCE,
            Sieve::ColonIntro => colon_intro::CONFIDENCE,
            Sieve::AccordingTo => according_to::CONFIDENCE,
            Sieve::Continuation => continuation::CONFIDENCE,
            Sieve::AdjacentQuote => adjacent_quote::CONFIDENCE,
            Sieve::SentenceSubject => sentence_subject::CONFIDENCE,
            Sieve::LoneCandidate => lone_candidate::CONFIDENCE,
            Sieve::IndirectVerb => indirect_verb::CONFIDENCE,
            Sieve::IndirectInverted => indirect_inverted::CONFIDENCE,
            Sieve::IndirectAccordingTo => indirect_according_to::CONFIDENCE,
            Sieve::IndirectSubjunctive => indirect_subjunctive::CONFIDENCE,
        }
    }

    /// Reads sentences for indirect speech (rather than attributing a direct quote).
    pub fn is_indirect(self) -> bool {
        matches!(
            self,
            Sieve::IndirectVerb | Sieve::IndirectInverted | Sieve::IndirectAccordingTo | Sieve::IndirectSubjunctive
        )
    }
}

/// Runs a direct sieve on quote `qi` (`None` for an indirect rule).
pub(crate) fn attribute(cx: &mut Ctx, sieve: Sieve, qi: usize) -> Option<Fired> {
    match sieve {
        Sieve::TrailingCue => trailing_cue::attribute(cx, qi),
        Sieve::DashCredit => dash_credit::attribute(cx, qi),
        Sieve::LeadingCue => leading_cue::attribute(cx, qi),
        Sieve::ColonIntro => colon_intro::attribute(cx, qi),
        Sieve::AccordingTo => according_to::attribute(cx, qi),
        Sieve::Continuation => continuation::attribute(cx, qi),
        Sieve::AdjacentQuote => adjacent_quote::attribute(cx, qi),
        Sieve::SentenceSubject => sentence_subject::attribute(cx, qi),
        Sieve::LoneCandidate => lone_candidate::attribute(cx, qi),
        Sieve::IndirectVerb | Sieve::IndirectInverted | Sieve::IndirectAccordingTo | Sieve::IndirectSubjunctive => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{run, run_with};
    use crate::Config;

    /// Articles (one English, one German: a language is detected per article) on which every
    /// rule fires at least once.
    const EVERY_RULE: &[&[&str]] = &[ENGLISH, GERMAN];
    const ENGLISH: &[&str] = &[
        "Maria Ortega, the harbour master, closed the port on Friday.",
        "\"We cannot risk another collision in this fog,\" Ortega said.",
        "\"Nobody told us the water was unsafe to drink for three whole days\" — Amal Haddad, a resident of the east side.",
        "Judge Helen Whitaker told the court: \"The evidence before me does not support the charge.\"",
        "Governor Lucas Brandt put it bluntly when asked about the flood defences:",
        "\"We built walls for the last century's rain, not this century's.\"",
        "The river will crest on Thursday, and \"the old levee will not hold much longer than a day,\" according to engineer Paolo Ferri.",
        "\"The league has ignored the stadium's cracks for years,\" said Omar Diallo, who chairs the supporters' trust.",
        "\"Somebody will get hurt before anyone signs a repair order.\"",
        "\"It was chaos,\" said Ruth Ansah. \"The doors were locked and the alarms kept ringing for an hour.\"",
        "In July, Mayor Ellen Novak dismissed the plan as \"a gift to developers who never lived here\" and left the room.",
        "After the vote Karin Holm stood alone on the steps. \"This city deserves better than a shrug from its council.\"",
        "The water utility said on Monday that it would replace every lead pipe in the district by 2030.",
        "The talks will resume next week in Geneva, a senior diplomat said.",
        "According to the Port Authority, the new cranes will double the terminal's capacity by next spring.",
    ];
    const GERMAN: &[&str] = &[
        "Der Bürgermeister Jonas Weber sagte am Montag, die Brücke werde im Frühjahr eröffnet.",
        "Die Kosten seien deutlich niedriger als befürchtet.",
    ];

    fn rules_fired(cfg: &Config) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> =
            EVERY_RULE.iter().flat_map(|paras| run_with(paras, cfg).a.quotes).map(|q| q.rule).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn the_registry_lists_every_rule_once_in_the_default_order() {
        let ids: Vec<&str> = DEFAULT_ORDER.iter().map(|s| s.id()).collect();
        assert_eq!(ids, RULE_IDS);
        for id in RULE_IDS {
            assert_eq!(Sieve::from_id(id).map(|s| s.id()), Some(*id));
        }
    }

    #[test]
    fn every_rule_fires_on_the_sample_and_switching_one_off_removes_its_id() {
        let all = rules_fired(&Config::default());
        for id in RULE_IDS {
            assert!(all.contains(id), "{id} does not fire on the sample: {all:?}");
        }
        for off in RULE_IDS {
            let mut cfg = Config::default();
            let order: Vec<&str> = RULE_IDS.iter().copied().filter(|id| id != off).collect();
            cfg.set_sieve_order(&order).unwrap();
            let fired = rules_fired(&cfg);
            assert!(!fired.contains(off), "{off} switched off but fired: {fired:?}");
        }
    }

    #[test]
    fn indirect_off_means_the_indirect_rules_do_not_run() {
        let cfg = Config { indirect: false, ..Config::default() };
        let fired = rules_fired(&cfg);
        assert!(fired.iter().all(|id| !id.starts_with("indirect-")), "{fired:?}");
        for paras in EVERY_RULE {
            let r = run_with(paras, &cfg);
            assert!(r.a.quotes.iter().all(|q| q.kind == crate::QuoteKind::Direct), "{}", r.dump());
        }
        // not a filter on the output: a bare quote after indirect speech has no speaker in
        // focus to inherit from when indirect speech is not read
        let para = ["The budget will be cut by a third, the finance ministry said on Monday. \"We have no other choice this year, and we will not pretend otherwise.\""];
        let on = run(&para);
        assert_eq!(on.quote("no other choice").rule, "adjacent-quote", "{}", on.dump());
        let off = run_with(&para, &cfg);
        assert_eq!(off.quote("no other choice").speaker, None, "{}", off.dump());
    }

    #[test]
    fn the_order_decides_which_rule_wins() {
        let para = ["\"The harbour will reopen next week,\" Karin Holm said at the quay."];
        assert_eq!(run(&para).quote("harbour will reopen").rule, "trailing-cue");
        let mut cfg = Config::default();
        cfg.set_sieve_order(&["lone-candidate", "trailing-cue"]).unwrap();
        let r = run_with(&para, &cfg);
        let q = r.quote("harbour will reopen");
        assert_eq!(q.rule, "lone-candidate");
        assert_eq!(q.speaker, Some("Karin Holm"));
    }

    #[test]
    fn an_unknown_id_is_an_error_naming_the_valid_ids() {
        let err = Config::default().set_sieve_order(&["trailing-cue", "nope"]).unwrap_err();
        assert!(err.contains("'nope'"), "{err}");
        for id in RULE_IDS {
            assert!(err.contains(id), "{err}");
        }
    }
}
