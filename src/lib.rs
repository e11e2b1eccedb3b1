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
//! Cargo features: `html` (the article finder for saved pages, [`html`]), `json` (the scorer,
//! `eval`), `cli` (the command line; default). With `--no-default-features` the crate is the
//! engine alone, its only dependency serde.
//!
//! The pipeline (`engine.rs`): quotation marks are paired (`quotes.rs`); every proper name
//! outside quotes goes into the article's entity table (`entities.rs`); ordered sieves
//! (`rules.rs`) attribute each quote to a speaker phrase (`np.rs`) which resolves to an entity;
//! indirect speech is found from cue verbs; quotes inside indirect clauses make them mixed.

pub mod doc;
pub mod engine;
pub mod entities;
pub mod export;
pub mod lexicon;
pub mod model;
pub mod np;
pub mod offsets;
pub mod quotes;
pub mod rules;
pub mod smallstr;
pub mod text;

#[cfg(feature = "json")]
pub mod eval;
#[cfg(feature = "html")]
pub mod html;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::{Analysis, Article, Block, BlockKind, Quote, QuoteKind, Span, Speaker, SpeakerKind};
pub use rules::Sieve;

/// The crate's version (the CLI's `--version`, the Wasm `version()`, Python's `__version__`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Engine settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The direct-quote sieves, in the order they run.
    pub sieves: Vec<Sieve>,
    /// Report indirect (and mixed) speech.
    pub indirect: bool,
    /// Drop quotes whose confidence is below this (0..1).
    pub min_confidence: f32,
    /// The article's language code (`en`, `de`); `None` detects it from the text. Set it with
    /// [`Config::set_language`].
    pub language: Option<&'static str>,
}

impl Default for Config {
    fn default() -> Self {
        Config { sieves: rules::DEFAULT_ORDER.to_vec(), indirect: true, min_confidence: 0.0, language: None }
    }
}

impl Config {
    /// Sets the language by code (`en`, `de`); `None` detects it from each article's text.
    pub fn set_language(&mut self, code: Option<&str>) -> Result<(), String> {
        self.language =
            match code {
                None => None,
                Some(c) => Some(lexicon::LANGUAGE_CODES.iter().copied().find(|&k| k == c).ok_or_else(|| {
                    format!("unknown language '{c}' (known: {})", lexicon::LANGUAGE_CODES.join(", "))
                })?),
            };
        Ok(())
    }

    /// Sets the sieve order from rule ids ("trailing-cue", "leading-cue", …).
    pub fn set_sieve_order<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), String> {
        let mut v = Vec::new();
        for id in ids {
            let id = id.as_ref();
            v.push(Sieve::from_id(id).ok_or_else(|| {
                let known: Vec<&str> = rules::DEFAULT_ORDER.iter().map(|s| s.id()).collect();
                format!("unknown sieve '{id}' (known: {})", known.join(", "))
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
