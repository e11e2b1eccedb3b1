//! The article finder: which blocks of a page are the article.
//!
//! It runs on a [`PageTree`] (`tree.rs`), which the CLI builds from an HTML file (`html.rs`) and
//! the extension from the live DOM, and knows nothing of HTML parsing. A Readability-style
//! extractor (after Mozilla's Readability.js, re-implemented here):
//!
//! 1. The tree's nodes are classified (`doc.rs`); a subtree is a contiguous index range, so
//!    nothing below recurses.
//! 2. Boilerplate is dropped: `script`, `style`, `nav`, `header`, `footer`, `aside`, forms'
//!    controls, embeds, hidden and editable elements, ARIA navigation/complementary/dialog roles,
//!    and — on the first attempt — elements whose class/id looks like comments, related links,
//!    ads, social widgets… (Readability's `unlikelyCandidates` unless `okMaybeItsACandidate`).
//! 3. The rest is laid out into text *runs* the way a browser makes block boxes (`layout.rs`):
//!    block elements start and end a run, inline elements are joined without adding spaces.
//! 4. Each run of paragraph text scores its container and that container's ancestors (by
//!    length and commas); class/id weights and link density adjust the scores; the best
//!    container is picked, widened to its related siblings, and cleaned conditionally
//!    (link-heavy lists, share bars, forms…) (`readability.rs`).
//! 5. If the result is too short the attempt is repeated with fewer heuristics.
//! 6. The page's headline (the `h1` that matches the page title) and its standfirst (the
//!    "dek" under the headline, found by class/id or by the page's meta description) are
//!    added when they sit outside the chosen container (`headline.rs`).
//!
//! Blocks come out in document order, each with the [`Piece`]s that map its text back to the
//! tree's text nodes. Text: HTML whitespace collapses to one space, U+00A0 stays U+00A0, soft
//! hyphens (U+00AD) are dropped, `<br>` is a space, inline elements add no space. Offsets are
//! UTF-8 bytes (the Wasm façade converts them to UTF-16).

mod doc;
mod headline;
mod layout;
mod readability;

use crate::api::{Article, Block, BlockKind};
use crate::tree::{PageTree, TreeError};
use doc::Doc;
use layout::Layout;
use serde::Serialize;

/// At most this many blocks are returned (the rest of the page is left out: `Truncated::blocks`).
pub const MAX_BLOCKS: usize = 5_000;
/// At most this much article text (UTF-8 bytes, about 1 MB) is returned (`Truncated::chars`).
pub const MAX_TEXT_BYTES: usize = 1_000_000;
/// A block (other than a heading or caption) whose text is more than this share link text is a
/// link list ("Read more: …", other stories' headlines), not article text (from the extension's
/// finder).
pub(crate) const LINK_LIST_MIN_DENSITY: f32 = 0.6;

// ---------------------------------------------------------------------------------------
// Tunables (the names and values follow Readability.js where it has one).
// ---------------------------------------------------------------------------------------

/// A run shorter than this (in chars) does not score its ancestors.
pub(crate) const MIN_PARAGRAPH_CHARS: usize = 25;
/// This many `<br>`s in a row (whitespace between them aside) end a paragraph, as
/// Readability's `_replaceBrs` does; a single `<br>` is a space.
pub(crate) const BR_CHAIN_BREAK: u32 = 2;
/// How many ancestors a paragraph's score is given to.
pub(crate) const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Each full 100 chars of a paragraph add one point, up to this many.
pub(crate) const MAX_LENGTH_POINTS: f32 = 3.0;
/// How many of the best candidates are compared when choosing the top one.
pub(crate) const N_TOP_CANDIDATES: usize = 5;
/// Other candidates at least this close to the top one's score vote for a common ancestor…
pub(crate) const ALTERNATIVE_CANDIDATE_RATIO: f32 = 0.75;
/// …and this many votes move the top candidate up to that ancestor.
pub(crate) const MINIMUM_TOPCANDIDATES: usize = 3;
/// Class/id weight: one positive or negative match is worth this many points.
pub(crate) const CLASS_WEIGHT: f32 = 25.0;
/// A sibling of the top candidate joins it when it scores at least this fraction of it…
pub(crate) const SIBLING_SCORE_RATIO: f32 = 0.2;
/// …and at least this much.
pub(crate) const SIBLING_MIN_SCORE: f32 = 10.0;
/// A paragraph sibling joins when longer than this and its link density is below…
pub(crate) const SIBLING_PARAGRAPH_CHARS: usize = 80;
/// …this.
pub(crate) const SIBLING_MAX_LINK_DENSITY: f32 = 0.25;
/// An article shorter than this (chars) makes the extractor retry with fewer heuristics.
pub(crate) const CHAR_THRESHOLD: usize = 500;
/// When no attempt reaches `CHAR_THRESHOLD`, the strictest attempt is kept if it has at
/// least this share of the longest attempt's text.
pub(crate) const SHORT_ARTICLE_KEEP_RATIO: f32 = 0.5;
/// Conditional cleaning leaves alone elements with at least this many commas.
pub(crate) const CLEAN_MIN_COMMAS: u32 = 10;
/// Conditional cleaning: link density above which an element with weight < 25 is dropped.
pub(crate) const CLEAN_MAX_LINK_DENSITY: f32 = 0.2;
/// … and above which one with weight ≥ 25 is dropped.
pub(crate) const CLEAN_MAX_LINK_DENSITY_WEIGHTED: f32 = 0.5;
/// Conditional cleaning: a list whose text is almost all links (other stories' headlines)
/// is dropped (Readability keeps lists; their link text is not article text).
pub(crate) const CLEAN_MAX_LIST_LINK_DENSITY: f32 = 0.8;
/// Conditional cleaning: list items beyond paragraphs tolerated (Readability's `li - 100`).
pub(crate) const CLEAN_LI_ALLOWANCE: u32 = 100;
/// Conditional cleaning: an element with one embed and less text than this is dropped.
pub(crate) const CLEAN_EMBED_MIN_CHARS: u32 = 75;
/// Share bars and the like shorter than this (chars) are dropped from the article.
pub(crate) const SHARE_ELEMENT_MAX_CHARS: u32 = 500;
/// A table with at least this many rows is data, never cleaned.
pub(crate) const DATA_TABLE_MIN_ROWS: u32 = 10;
/// Headline: share of the heading's words that must occur in the page title.
pub(crate) const HEADLINE_MIN_TITLE_OVERLAP: f32 = 0.75;
/// Headline: share of the title's words (whole title or its longest part) it must cover.
pub(crate) const HEADLINE_MIN_TITLE_COVERAGE: f32 = 0.5;
/// What separates a headline from the site's name in a page title.
pub(crate) const TITLE_SEPARATORS: &[char] = &['|', '-', '–', '—', '·', '»', '«', '/', '\\', ':'];
/// Standfirst: length bounds (chars).
pub(crate) const STANDFIRST_MIN_CHARS: usize = 20;
pub(crate) const STANDFIRST_MAX_CHARS: usize = 1000;
/// Headline: a heading whose text is longer than this (chars) is not looked at (it is no headline,
/// and laying out every heading in full is quadratic on nested headings).
pub(crate) const HEADLINE_MAX_CHARS: usize = 1000;
/// Standfirst: an element is laid out up to this many chars (its text is trimmed afterwards, so
/// this leaves room above `STANDFIRST_MAX_CHARS`); beyond, it is too long.
pub(crate) const STANDFIRST_LAYOUT_CHARS: usize = 4 * STANDFIRST_MAX_CHARS;
/// Standfirst: it must start within this many nodes after the headline.
pub(crate) const STANDFIRST_MAX_NODES_AFTER_HEADLINE: usize = 600;

/// Page furniture (the extension's class/id rule): a strongly marked element is kept only when its
/// paragraphs hold more than this share of the page's paragraph text…
pub(crate) const FURNITURE_BIG_TEXT_SHARE: f32 = 0.4;
/// …and more than this many chars;
pub(crate) const FURNITURE_BIG_TEXT_MIN: u32 = 1500;
/// a weakly marked one when its paragraphs hold more than this many chars.
pub(crate) const FURNITURE_WEAK_MAX_TEXT: u32 = 1000;
/// Class/id tokens that mark page furniture whatever else the element says (the extension's
/// `STRONG_NEG`, spelled out).
pub(crate) const STRONG_FURNITURE: &[&str] = &[
    "comment",
    "comments",
    "commenting",
    "disqus",
    "replies",
    "related",
    "relatedstories",
    "recirc",
    "recirculation",
    "outbrain",
    "taboola",
    "share",
    "sharing",
    "sharebar",
    "social",
    "newsletter",
    "promo",
    "promos",
    "promotion",
    "sponsor",
    "sponsored",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "adslot",
    "adunit",
    "dfp",
    "most",
    "mostpopular",
    "mostread",
    "mostviewed",
    "popular",
    "trending",
    "recommend",
    "recommended",
    "recommendations",
    "signup",
    "paywall",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "byline_share",
    "subscribe",
    "subscription",
    "toolbar",
    "morestories",
    "moreon",
    "readmore",
    "readnext",
    "upnext",
    "whatsnext",
];
/// Tokens that mark furniture unless a positive one is there too (the extension's `WEAK_NEG`).
pub(crate) const WEAK_FURNITURE: &[&str] = &[
    "footer",
    "foot",
    "sidebar",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "tags",
    "tag",
    "meta",
    "widget",
    "widgets",
    "pager",
    "pagination",
    "banner",
    "popup",
    "modal",
    "masthead",
    "rail",
    "extra",
    "tools",
    "utility",
    "print",
    "skip",
    "offscreen",
];
/// The extension's `POSITIVE` tokens.
pub(crate) const FURNITURE_POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "storybody",
    "text",
    "body",
    "prose",
    "caption",
    "headline",
    "standfirst",
    "dek",
    "lede",
    "summary",
];

/// Readability's `unlikelyCandidates` (substrings of `class + " " + id`, lowercased).
pub(crate) const UNLIKELY_CANDIDATES: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "taboola",
    "outbrain",
    "recirc",
    "most-popular",
    "mostpopular",
    "trending",
];
/// Class/id tokens (split on space, `-`, `_`) that mark advertising.
pub(crate) const AD_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "adbox",
    "adcontainer",
    "adwrapper",
    "dfp",
    "gpt",
    "googletag",
    "sponsored",
    "promo",
];
/// Readability's `okMaybeItsACandidate`.
pub(crate) const MAYBE_CANDIDATE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
/// Readability's `positive`.
pub(crate) const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
/// Readability's `negative` (the `hid` forms are matched as a whole token).
pub(crate) const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];
/// ARIA roles that are never article text.
pub(crate) const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "search",
    "banner",
    "contentinfo",
    // from the extension's finder: widgets and controls
    "toolbar",
    "tablist",
    "button",
    "textbox",
    "searchbox",
    "combobox",
];
/// Class tokens of text meant for screen readers only (visually hidden by the site's CSS, which a
/// saved page or a tree built without computed style does not show), from the extension's finder.
pub(crate) const SCREEN_READER_CLASSES: &[&str] = &[
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screenreader",
    "offscreen",
    "a11y-hidden",
    "u-hidden",
];
/// Whole-text words that mark an advertising or loading placeholder.
pub(crate) const AD_WORDS: &[&str] = &[
    "ad",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werbung",
    "广告",
    "реклама",
    "anuncio",
    "loading",
    "loading…",
    "loading...",
    "chargement",
    "cargando",
    "загрузка",
];
/// Standfirst markers: substrings of class/id/itemprop…
pub(crate) const STANDFIRST_SUBSTRINGS: &[&str] = &[
    "standfirst",
    "subtitle",
    "sub-title",
    "subheadline",
    "sub-headline",
    "subhead",
    "strapline",
    "chapeau",
    "chapo",
    "excerpt",
    "description",
    "summary",
    "teaser",
    "intro",
    "lede",
    "alternativeheadline",
    "bajada",
    "sumario",
    "entradilla",
    "perex",
    "anotace",
];
/// …and whole tokens.
pub(crate) const STANDFIRST_TOKENS: &[&str] = &["dek", "deck", "lead", "leadin", "abstract"];

// ---------------------------------------------------------------------------------------
// The result.
// ---------------------------------------------------------------------------------------

/// Block text `[at, at + len)` comes, position by position, from the text of tree node `node`
/// at `[offset, offset + len)` (UTF-8 bytes). A space that stands for a collapsed whitespace run
/// maps to the run's first character; a space made by `<br>` (or joining two runs of a
/// headline) maps to the next character's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub at: usize,
    pub node: usize,
    pub offset: usize,
    pub len: usize,
}

/// One block of the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundBlock {
    pub kind: BlockKind,
    pub text: String,
    /// The element that holds the block.
    pub node: usize,
    /// Where the text came from, in block order, covering every byte of `text`.
    pub pieces: Vec<Piece>,
}

/// Which limit cut the article short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Truncated {
    /// More than [`MAX_BLOCKS`] blocks.
    pub blocks: bool,
    /// More than [`MAX_TEXT_BYTES`] of text.
    pub chars: bool,
}

/// The article found in a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FoundArticle {
    /// In document order.
    pub blocks: Vec<FoundBlock>,
    /// The elements that make up the article (containers, headline, standfirst), document order.
    pub roots: Vec<usize>,
    pub truncated: Truncated,
}

impl FoundArticle {
    /// The blocks as the engine's [`Article`].
    pub fn to_article(&self) -> Article {
        Article { blocks: self.blocks.iter().map(|b| Block::new(b.kind, b.text.clone())).collect() }
    }
}

// ---------------------------------------------------------------------------------------
// Entry point.
// ---------------------------------------------------------------------------------------

/// Finds the article's blocks (headline, standfirst, paragraphs, captions, list items,
/// quotations) in a page tree, in document order. A malformed tree is an error (see
/// [`PageTree::check`]); otherwise it never fails: an empty or non-article page yields whatever
/// text its body has.
pub fn find_article(tree: &PageTree) -> Result<FoundArticle, TreeError> {
    let doc = Doc::new(tree)?;
    if doc.len() == 0 {
        return Ok(FoundArticle::default());
    }
    let pr = readability::pruning(&doc);
    let Some(ex) = readability::best_extraction(&doc, &pr) else {
        return Ok(FoundArticle::default());
    };

    // Headline and standfirst, when not already part of the article.
    let loose = readability::alive_from(&doc, |i| pr.base[i]);
    let meta = headline::page_meta(&doc, tree);
    let emitted = |i: usize| ex.alive[i] && ex.containers.iter().any(|&c| doc.contains(c, i));
    let headline = headline::find_headline(&doc, &loose, &meta);
    let standfirst = headline::find_standfirst(&doc, &loose, &meta, headline, &ex.runs);

    let mut roots = ex.containers.clone();
    // (position in the document, from outside the container?, block)
    let mut placed: Vec<(usize, bool, FoundBlock)> = Vec::new();
    if let Some(h) = headline.filter(|&h| !emitted(h) && layout::runs_in(&doc, &ex.runs, h).is_empty()) {
        let (text, pieces) = headline::text_of(&doc, h, &loose);
        if !text.is_empty() {
            placed.push((h, true, FoundBlock { kind: BlockKind::Heading, text, node: h, pieces }));
            roots.push(h);
        }
    }
    if let Some(s) = standfirst.filter(|&s| !emitted(s)) {
        for r in Layout::new(&doc).run(s, &loose) {
            placed.push((r.first, true, block_of(&doc, r, BlockKind::Paragraph)));
        }
        roots.push(s);
    }
    placed.extend(ex.runs.into_iter().filter(|r| !is_link_list(r)).map(|r| {
        let kind = r.kind;
        (r.first, false, block_of(&doc, r, kind))
    }));
    placed.sort_by_key(|p| p.0);
    roots.sort_unstable();

    let mut out = FoundArticle { blocks: Vec::with_capacity(placed.len()), roots, truncated: Truncated::default() };
    let mut last_extra = false;
    let mut text_bytes = 0;
    for (_, extra, b) in placed {
        // A headline or standfirst repeated at the top of the article: once.
        if (extra || last_extra) && out.blocks.last().is_some_and(|x| x.text == b.text) {
            continue;
        }
        if out.blocks.len() >= MAX_BLOCKS {
            out.truncated.blocks = true;
            break;
        }
        if text_bytes + b.text.len() > MAX_TEXT_BYTES {
            out.truncated.chars = true;
            break;
        }
        text_bytes += b.text.len();
        last_extra = extra;
        out.blocks.push(b);
    }
    Ok(out)
}

fn is_link_list(r: &layout::Run) -> bool {
    !matches!(r.kind, BlockKind::Heading | BlockKind::Caption)
        && r.len > 0
        && r.link_len as f32 / r.len as f32 > LINK_LIST_MIN_DENSITY
}

/// A laid-out run as a block of kind `kind`; its node is the block element holding it (or, for
/// text laid out from a bare text node, that node's parent).
fn block_of(doc: &Doc, r: layout::Run, kind: BlockKind) -> FoundBlock {
    let node = if r.owner != doc::NONE { r.owner } else { doc.nodes[r.first].parent.min(r.first) };
    FoundBlock { kind, text: r.text, node, pieces: r.pieces }
}

#[cfg(test)]
mod tests;
