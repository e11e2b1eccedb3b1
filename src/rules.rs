//! Rule ids: every prediction names the sieve that made it. The ids are stable (tests, the
//! extension's hover card and the evaluation's per-rule precision use them).

/// The sieves that attribute a direct quotation, in their default order: high precision first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sieve {
    /// `"…," said X` / `"…," X said` / `"…" — X` right after the quote.
    TrailingCue,
    /// `X said: "…"` / `X said, "…"` right before the quote.
    LeadingCue,
    /// `X put it this way: "…"`, also a paragraph ending in ":" before a quoted paragraph.
    ColonIntro,
    /// `"…," according to X` anywhere in the quote's sentence.
    AccordingTo,
    /// A paragraph of a multi-paragraph quote, or a bare quoted paragraph right after an
    /// attributed one, inherits its speaker.
    Continuation,
    /// A bare quote in a paragraph whose other quote is attributed.
    AdjacentQuote,
    /// A bare quote inside a sentence whose subject is a person or organisation: "Gingrich
    /// dismissed Estonia as being in the “suburbs of St. Petersburg”".
    SentenceSubject,
    /// The paragraph names exactly one person outside quotes.
    LoneCandidate,
}

pub const DEFAULT_ORDER: &[Sieve] = &[
    Sieve::TrailingCue,
    Sieve::LeadingCue,
    Sieve::ColonIntro,
    Sieve::AccordingTo,
    Sieve::Continuation,
    Sieve::AdjacentQuote,
    Sieve::SentenceSubject,
    Sieve::LoneCandidate,
];

impl Sieve {
    pub fn id(self) -> &'static str {
        match self {
            Sieve::TrailingCue => "trailing-cue",
            Sieve::LeadingCue => "leading-cue",
            Sieve::ColonIntro => "colon-intro",
            Sieve::AccordingTo => "according-to",
            Sieve::Continuation => "continuation",
            Sieve::AdjacentQuote => "adjacent-quote",
            Sieve::SentenceSubject => "sentence-subject",
            Sieve::LoneCandidate => "lone-candidate",
        }
    }
    pub fn from_id(s: &str) -> Option<Sieve> {
        DEFAULT_ORDER.iter().copied().find(|r| r.id() == s)
    }
    /// How sure the sieve is when it fires.
    pub fn confidence(self) -> f32 {
        match self {
            Sieve::TrailingCue => 0.95,
            Sieve::LeadingCue => 0.9,
            Sieve::ColonIntro => 0.8,
            Sieve::AccordingTo => 0.85,
            Sieve::Continuation => 0.75,
            Sieve::AdjacentQuote => 0.8,
            Sieve::SentenceSubject => 0.6,
            Sieve::LoneCandidate => 0.5,
        }
    }
}

/// Rule id of a dash credit (`"…" — X`), found by the trailing sieve.
pub const DASH_CREDIT: &str = "dash-credit";
/// Indirect speech: `X said (that) …`.
pub const INDIRECT_VERB: &str = "indirect-verb";
/// Indirect speech: `…, X said.`
pub const INDIRECT_INVERTED: &str = "indirect-inverted";
/// Indirect speech: `According to X, …` / `…, according to X.`
pub const INDIRECT_ACCORDING: &str = "indirect-according-to";
/// German reported speech in Konjunktiv I after attributed speech (free indirect).
pub const INDIRECT_SUBJUNCTIVE: &str = "indirect-subjunctive";
/// A quotation no sieve could attribute.
pub const UNATTRIBUTED: &str = "unattributed";

/// Every rule id the engine can emit, for documentation and the evaluation table.
pub const ALL_IDS: &[&str] = &[
    "trailing-cue",
    "leading-cue",
    "colon-intro",
    "according-to",
    "continuation",
    "adjacent-quote",
    "sentence-subject",
    "lone-candidate",
    DASH_CREDIT,
    INDIRECT_VERB,
    INDIRECT_INVERTED,
    INDIRECT_ACCORDING,
    INDIRECT_SUBJUNCTIVE,
    UNATTRIBUTED,
];
