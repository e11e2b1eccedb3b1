//! quotelens: who said what in a news article.
//!
//! A pure-Rust engine that knows nothing of the DOM. Give it an [`Article`] (ordered text
//! blocks) and it returns every quotation — direct, mixed and indirect — with its speaker
//! resolved to the most complete name the article gives ([`analyze`]).
//!
//! Offsets in the Rust API are **UTF-8 byte offsets** into each block's text. The wasm façade
//! (`wasm.rs`) converts them to UTF-16 code units; the CLI's JSONL output uses Unicode code
//! points ([`offsets`]); [`export`] is that JSONL record, shared by the CLI and the Python
//! package.
//!
//! The article finder ([`finder`], on a [`tree::PageTree`]) is always built (the Wasm runs it on
//! the extension's DOM tree). Cargo features: `html` (saved pages → page tree, [`html`]), `json` (the scorer,
//! `eval`), `cli` (the command line; default). With `--no-default-features` the crate is the
//! engine alone, its only dependency serde.
//!
//! The pipeline (`engine.rs`): quotation marks are paired (`quotes.rs`); every proper name
//! outside quotes goes into the article's entity table (`entities.rs`); the rules (`sieves/`,
//! one file per rule id, run in the order of [`Config::sieves`]) attribute each quote to a
//! speaker phrase (`speaker_phrase.rs`) which resolves to an entity, and find indirect speech
//! from cue verbs; quotes inside indirect clauses make them mixed.

// the crate's own name, so that in-crate tests can share tests/common with the integration tests
extern crate self as quotelens;

pub mod api;
pub mod doc;
pub mod engine;
pub mod entities;
pub mod export;
pub mod finder;
pub mod fxhash;
pub mod lexicon;
pub mod offsets;
pub mod quotes;
pub mod sieves;
pub mod smallstr;
pub mod speaker_phrase;
pub mod speech;
pub mod text;
pub mod tree;

#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod test_support;

#[cfg(feature = "json")]
pub mod eval;
#[cfg(feature = "html")]
pub mod html;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use api::{Analysis, Article, Block, BlockKind, Quote, QuoteKind, Span, Speaker, SpeakerKind};
pub use sieves::Sieve;

/// The crate's version (the CLI's `--version`, the Wasm `version()`, Python's `__version__`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Engine settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The rules that run, in their order (default `sieves::DEFAULT_ORDER`, all 13). A rule not
    /// listed does not run, so no prediction carries its id. The indirect rules run together,
    /// in their listed order, at the place of the first of them.
    pub sieves: Vec<Sieve>,
    /// Look for indirect (and mixed) speech: `false` switches every indirect rule off (they do
    /// not run, so no speaker in focus comes from indirect speech either).
    pub indirect: bool,
    /// Drop quotes whose confidence is below this (0..1).
    pub min_confidence: f32,
    /// The article's language code (`en`, `de`); `None` detects it from the text. Set it with
    /// [`Config::set_language`].
    pub language: Option<&'static str>,
}

impl Default for Config {
    fn default() -> Self {
        Config { sieves: sieves::DEFAULT_ORDER.to_vec(), indirect: true, min_confidence: 0.0, language: None }
    }
}

impl Config {
    /// Sets the language by code (`en`, `de`); `None` detects it from each article's text.
    pub fn set_language(&mut self, code: Option<&str>) -> Result<(), String> {
        self.language =
            match code {
                None => None,
                Some(c) => Some(lexicon::profile(c).map(|l| l.code).ok_or_else(|| {
                    format!("unknown language '{c}' (known: {})", lexicon::language_codes().join(", "))
                })?),
            };
        Ok(())
    }

    /// Sets the rules and their order from rule ids ("trailing-cue", "leading-cue", …; every id
    /// is in `sieves::RULE_IDS`). An unknown id is an error that names the valid ids.
    pub fn set_sieve_order<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), String> {
        let mut v = Vec::new();
        for id in ids {
            let id = id.as_ref();
            v.push(Sieve::from_id(id).ok_or_else(|| {
                format!("unknown sieve '{id}': the valid rule ids are {}", sieves::RULE_IDS.join(", "))
            })?);
        }
        self.sieves = v;
        Ok(())
    }
}

/// Finds every quotation in `article` and who said it.
///
/// Never panics on any text: every index is derived from the text itself and clamped.
pub fn analyze(article: &Article, config: &Config) -> Analysis {
    engine::analyze(article, config)
}
