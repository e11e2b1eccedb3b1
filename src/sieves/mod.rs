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

/// The rule id of a quotation no rule could attribute.
pub const UNATTRIBUTED: &str = "unattributed";

/// Every rule id the engine can emit, for documentation and the evaluation table.
pub const ALL_IDS: &[&str] = &[
    trailing_cue::ID,
    dash_credit::ID,
    leading_cue::ID,
    colon_intro::ID,
    according_to::ID,
    continuation::ID,
    adjacent_quote::ID,
    sentence_subject::ID,
    lone_candidate::ID,
    indirect_verb::ID,
    indirect_inverted::ID,
    indirect_according_to::ID,
    indirect_subjunctive::ID,
    UNATTRIBUTED,
];

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
