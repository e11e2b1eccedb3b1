//! The wasm-bindgen façade: one coarse call per article.
//!
//! JavaScript sees offsets in **UTF-16 code units** (JavaScript string indices) into the
//! text of the block they name. See `README.md` ("Engine API") for the shapes.
//!
//! `analyze(blocks, options)` takes ready-made blocks; `findArticle(tree)` and
//! `analyzePage(tree, options)` take a page tree (`tree.rs`) and run the article finder
//! (`finder/`) first, returning the blocks with the pieces that map them back to the tree's text
//! nodes.

use crate::api::{Analysis, Article, Block, Span};
use crate::finder::{find_article, FoundArticle};
use crate::offsets::Utf16Index;
use crate::tree::PageTree;
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
    let config = config_from(options)?;
    let article = Article::new(blocks);
    let analysis = crate::analyze(&article, &config);
    to_value(&to_js(&article, &analysis))
}

/// Finds the article in a page tree (`{title?, meta?, nodes: [{tag, parent, text?, id?, class?,
/// role?, itemprop?, itemtype?, hidden?, editable?, attrs?}]}`, see `tree.rs`). Returns
/// `{blocks: [{kind, text, node, pieces}], roots, truncated: {blocks, chars}}`; `pieces` is a flat
/// array, four numbers per piece: `at, node, offset, len` — block text `[at, at+len)` comes from
/// `nodes[node].text` `[offset, offset+len)`, all in UTF-16 code units. A malformed tree (bad
/// parent indices, nodes out of document order) is an error that says which node.
#[wasm_bindgen(js_name = findArticle)]
pub fn find_article_js(tree: JsValue) -> Result<JsValue, JsError> {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let tree = page_tree(tree)?;
    let found = find_article(&tree).map_err(|e| JsError::new(&format!("quotelens: {e}")))?;
    to_value(&js_page(&tree, &found))
}

/// `findArticle(tree)` and then `analyze` on its blocks: `{blocks, roots, truncated, quotes,
/// speakers, version}`, quote offsets in UTF-16 code units into `blocks[i].text`.
#[wasm_bindgen(js_name = analyzePage)]
pub fn analyze_page(tree: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let tree = page_tree(tree)?;
    let config = config_from(options)?;
    let found = find_article(&tree).map_err(|e| JsError::new(&format!("quotelens: {e}")))?;
    let article = found.to_article();
    let analysis = crate::analyze(&article, &config);
    let page = js_page(&tree, &found);
    let a = to_js(&article, &analysis);
    to_value(&JsAnalyzedPage {
        blocks: page.blocks,
        roots: page.roots,
        truncated: page.truncated,
        quotes: a.quotes,
        speakers: a.speakers,
        version: a.version,
    })
}

fn page_tree(tree: JsValue) -> Result<PageTree, JsError> {
    serde_wasm_bindgen::from_value(tree).map_err(|e| JsError::new(&format!("quotelens: bad page tree: {e}")))
}

fn config_from(options: JsValue) -> Result<Config, JsError> {
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
    Ok(config)
}

fn to_value<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("quotelens: {e}")))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsBlock {
    kind: crate::api::BlockKind,
    text: String,
    node: usize,
    /// `at, node, offset, len` per piece, UTF-16 code units.
    pieces: Vec<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsPage {
    blocks: Vec<JsBlock>,
    roots: Vec<usize>,
    truncated: crate::finder::Truncated,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsAnalyzedPage {
    blocks: Vec<JsBlock>,
    roots: Vec<usize>,
    truncated: crate::finder::Truncated,
    quotes: Vec<JsQuote>,
    speakers: Vec<JsSpeaker>,
    version: &'static str,
}

/// The found article with its offsets converted to UTF-16 code units.
fn js_page(tree: &PageTree, found: &FoundArticle) -> JsPage {
    // one index per text node that a piece points into, built when first needed
    let mut node_idx: Vec<Option<Utf16Index>> = (0..tree.nodes.len()).map(|_| None).collect();
    let blocks = found
        .blocks
        .iter()
        .map(|b| {
            let idx = Utf16Index::new(&b.text);
            let mut pieces = Vec::with_capacity(b.pieces.len() * 4);
            for p in &b.pieces {
                let src = node_idx[p.node].get_or_insert_with(|| Utf16Index::new(&tree.nodes[p.node].text));
                let at = idx.to_utf16(p.at);
                pieces.extend([at, p.node, src.to_utf16(p.offset), idx.to_utf16(p.at + p.len) - at]);
            }
            JsBlock { kind: b.kind, text: b.text.clone(), node: b.node, pieces }
        })
        .collect();
    JsPage { blocks, roots: found.roots.clone(), truncated: found.truncated }
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
                crate::api::SpeakerKind::Anonymous => "anonymous",
                crate::api::SpeakerKind::Unknown => "unknown",
            },
            role: s.role.clone(),
            mentions: s.mentions.iter().map(span).collect(),
            quote_count: a.quotes.iter().filter(|q| q.speaker == Some(id)).count(),
        })
        .collect();
    JsAnalysis { quotes, speakers, version: env!("CARGO_PKG_VERSION") }
}
