//! The wasm-bindgen façade: one coarse call per article.
//!
//! JavaScript sees offsets in **UTF-16 code units** (JavaScript string indices) into the
//! text of the block they name. See `README.md` ("Engine API") for the shapes.

use crate::api::{Analysis, Article, Block, Span};
use crate::offsets::Utf16Index;
use crate::Config;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    /// Quotes below this confidence are dropped (0..1).
    min_confidence: Option<f32>,
    /// Report indirect speech (default true).
    indirect: Option<bool>,
    /// Sieve order by rule id; unknown ids are an error.
    sieves: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsSpan {
    block: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsQuote {
    id: usize,
    block: usize,
    start: usize,
    end: usize,
    kind: &'static str,
    speaker: Option<usize>,
    speaker_name: Option<String>,
    mentions: Vec<JsSpan>,
    cue: Option<JsSpan>,
    sentence: JsSpan,
    rule: &'static str,
    confidence: f32,
    continues: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsSpeaker {
    id: usize,
    name: String,
    kind: &'static str,
    role: Option<String>,
    mentions: Vec<JsSpan>,
    quote_count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsAnalysis {
    quotes: Vec<JsQuote>,
    speakers: Vec<JsSpeaker>,
    version: &'static str,
}

/// Analyse one article. `blocks`: an array of `{text, kind?}` (kind: heading, paragraph,
/// caption, listitem, blockquote). `options`: `{minConfidence?, indirect?, sieves?}` or
/// undefined. Returns `{quotes, speakers, version}` with UTF-16 offsets.
#[wasm_bindgen]
pub fn analyze(blocks: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    // debug builds print Rust panics to the console (release builds abort on panic, and the
    // engine is written not to panic: see tests/props.rs)
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let blocks: Vec<Block> =
        serde_wasm_bindgen::from_value(blocks).map_err(|e| JsError::new(&format!("quotelens: bad blocks: {e}")))?;
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("quotelens: bad options: {e}")))?
    };
    let mut config = Config::default();
    if let Some(m) = opts.min_confidence {
        config.min_confidence = m;
    }
    if let Some(i) = opts.indirect {
        config.indirect = i;
    }
    if let Some(s) = opts.sieves {
        config.set_sieve_order(&s).map_err(|e| JsError::new(&format!("quotelens: {e}")))?;
    }
    let article = Article::new(blocks);
    let analysis = crate::analyze(&article, &config);
    let out = to_js(&article, &analysis);
    out.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("quotelens: {e}")))
}

/// The engine's version, for the about box and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(article: &Article, a: &Analysis) -> JsAnalysis {
    // an index only for the blocks the result points into
    let mut used = vec![false; article.blocks.len()];
    for q in &a.quotes {
        used[q.span.block] = true;
        for m in &q.speaker_mentions {
            used[m.block] = true;
        }
        if let Some(c) = &q.cue {
            used[c.block] = true;
        }
        used[q.sentence.block] = true;
    }
    for sp in &a.speakers {
        for m in &sp.mentions {
            used[m.block] = true;
        }
    }
    let idx: Vec<Utf16Index> =
        article.blocks.iter().zip(&used).map(|(b, &u)| Utf16Index::new(if u { &b.text } else { "" })).collect();
    let span =
        |s: &Span| JsSpan { block: s.block, start: idx[s.block].to_utf16(s.start), end: idx[s.block].to_utf16(s.end) };
    let quotes = a
        .quotes
        .iter()
        .enumerate()
        .map(|(id, q)| JsQuote {
            id,
            block: q.span.block,
            start: idx[q.span.block].to_utf16(q.span.start),
            end: idx[q.span.block].to_utf16(q.span.end),
            kind: q.kind.as_str(),
            speaker: q.speaker,
            speaker_name: q.speaker.map(|s| a.speakers[s].name.clone()),
            mentions: q.speaker_mentions.iter().map(span).collect(),
            cue: q.cue.as_ref().map(span),
            sentence: span(&q.sentence),
            rule: q.rule,
            confidence: q.confidence,
            continues: q.continues,
        })
        .collect();
    let speakers = a
        .speakers
        .iter()
        .enumerate()
        .map(|(id, s)| JsSpeaker {
            id,
            name: s.name.clone(),
            kind: match s.kind {
                crate::api::SpeakerKind::Person => "person",
                crate::api::SpeakerKind::Organisation => "organisation",
                crate::api::SpeakerKind::Unknown => "unknown",
            },
            role: s.role.clone(),
            mentions: s.mentions.iter().map(span).collect(),
            quote_count: a.quotes.iter().filter(|q| q.speaker == Some(id)).count(),
        })
        .collect();
    JsAnalysis { quotes, speakers, version: env!("CARGO_PKG_VERSION") }
}
