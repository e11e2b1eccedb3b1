//! quotelens: who said what in a news article.
//!
//! A pure-Rust engine that knows nothing of the DOM. Give it an [`Article`] (ordered text
//! blocks) and it returns every quotation — direct, mixed and indirect — with its speaker
//! resolved to the most complete name the article gives ([`analyze`]).
//!
//! Offsets in the Rust API are **UTF-8 byte offsets** into each block's text. The wasm façade
//! (`wasm.rs`) converts them to UTF-16 code units; the CLI's JSONL output uses Unicode code
//! points ([`offsets`]).
//!
//! The pipeline (`engine.rs`): quotation marks are paired (`quotes.rs`); every proper name
//! outside quotes goes into the article's entity table (`entities.rs`); ordered sieves
//! (`rules.rs`) attribute each quote to a speaker phrase (`np.rs`) which resolves to an entity;
//! indirect speech is found from cue verbs; quotes inside indirect clauses make them mixed.

pub mod doc;
pub mod engine;
pub mod entities;
pub mod lexicon;
pub mod model;
pub mod np;
pub mod offsets;
pub mod quotes;
pub mod rules;
pub mod smallstr;
pub mod speech;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::{Analysis, Article, Block, BlockKind, Quote, QuoteKind, Span, Speaker, SpeakerKind};
pub use rules::Sieve;

/// Engine settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The direct-quote sieves, in the order they run.
    pub sieves: Vec<Sieve>,
    /// Report indirect (and mixed) speech.
    pub indirect: bool,
    /// Drop quotes whose confidence is below this (0..1).
    pub min_confidence: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config { sieves: rules::DEFAULT_ORDER.to_vec(), indirect: true, min_confidence: 0.0 }
    }
}

impl Config {
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
