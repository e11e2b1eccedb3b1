//! Finding an article's text blocks in an HTML page (native CLI only).
//!
//! A Readability-style extractor (after Mozilla's Readability.js, re-implemented here):
//!
//! 1. The page is parsed with `scraper` (html5ever) and flattened into an array of nodes in
//!    document order, so that a subtree is a contiguous range and nothing below recurses.
//! 2. Boilerplate is dropped: `script`, `style`, `nav`, `header`, `footer`, `aside`, forms'
//!    controls, embeds, hidden elements, ARIA navigation/complementary/dialog roles, and —
//!    on the first attempt — elements whose class/id looks like comments, related links,
//!    ads, social widgets… (Readability's `unlikelyCandidates` unless `okMaybeItsACandidate`).
//! 3. The rest is laid out into text *runs* the way a browser makes block boxes: block
//!    elements start and end a run, inline elements are joined without adding spaces.
//! 4. Each run of paragraph text scores its container and that container's ancestors (by
//!    length and commas); class/id weights and link density adjust the scores; the best
//!    container is picked, widened to its related siblings, and cleaned conditionally
//!    (link-heavy lists, share bars, forms…).
//! 5. If the result is too short the attempt is repeated with fewer heuristics.
//! 6. The page's headline (the `h1` that matches the page title) and its standfirst (the
//!    "dek" under the headline, found by class/id or by the page's meta description) are
//!    added when they sit outside the chosen container.
//!
//! Blocks come out in document order. Text: HTML whitespace collapses to one space, U+00A0
//! stays U+00A0, soft hyphens (U+00AD) are dropped, `<br>` is a space, inline elements add
//! no space.

use crate::api::{Article, Block, BlockKind};
use scraper::node::Element;
use scraper::{Html, Node};

// ---------------------------------------------------------------------------------------
// Tunables (the names and values follow Readability.js where it has one).
// ---------------------------------------------------------------------------------------

/// A run shorter than this (in chars) does not score its ancestors.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// This many `<br>`s in a row (whitespace between them aside) end a paragraph, as
/// Readability's `_replaceBrs` does; a single `<br>` is a space.
const BR_CHAIN_BREAK: u32 = 2;
/// How many ancestors a paragraph's score is given to.
const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Each full 100 chars of a paragraph add one point, up to this many.
const MAX_LENGTH_POINTS: f32 = 3.0;
/// How many of the best candidates are compared when choosing the top one.
const N_TOP_CANDIDATES: usize = 5;
/// Other candidates at least this close to the top one's score vote for a common ancestor…
const ALTERNATIVE_CANDIDATE_RATIO: f32 = 0.75;
/// …and this many votes move the top candidate up to that ancestor.
const MINIMUM_TOPCANDIDATES: usize = 3;
/// Class/id weight: one positive or negative match is worth this many points.
const CLASS_WEIGHT: f32 = 25.0;
/// A sibling of the top candidate joins it when it scores at least this fraction of it…
const SIBLING_SCORE_RATIO: f32 = 0.2;
/// …and at least this much.
const SIBLING_MIN_SCORE: f32 = 10.0;
/// A paragraph sibling joins when longer than this and its link density is below…
const SIBLING_PARAGRAPH_CHARS: usize = 80;
/// …this.
const SIBLING_MAX_LINK_DENSITY: f32 = 0.25;
/// An article shorter than this (chars) makes the extractor retry with fewer heuristics.
const CHAR_THRESHOLD: usize = 500;
/// When no attempt reaches `CHAR_THRESHOLD`, the strictest attempt is kept if it has at
/// least this share of the longest attempt's text.
const SHORT_ARTICLE_KEEP_RATIO: f32 = 0.5;
/// Conditional cleaning leaves alone elements with at least this many commas.
const CLEAN_MIN_COMMAS: u32 = 10;
/// Conditional cleaning: link density above which an element with weight < 25 is dropped.
const CLEAN_MAX_LINK_DENSITY: f32 = 0.2;
/// … and above which one with weight ≥ 25 is dropped.
const CLEAN_MAX_LINK_DENSITY_WEIGHTED: f32 = 0.5;
/// Conditional cleaning: a list whose text is almost all links (other stories' headlines)
/// is dropped (Readability keeps lists; their link text is not article text).
const CLEAN_MAX_LIST_LINK_DENSITY: f32 = 0.8;
/// Conditional cleaning: list items beyond paragraphs tolerated (Readability's `li - 100`).
const CLEAN_LI_ALLOWANCE: u32 = 100;
/// Conditional cleaning: an element with one embed and less text than this is dropped.
const CLEAN_EMBED_MIN_CHARS: u32 = 75;
/// Share bars and the like shorter than this (chars) are dropped from the article.
const SHARE_ELEMENT_MAX_CHARS: u32 = 500;
/// A table with at least this many rows is data, never cleaned.
const DATA_TABLE_MIN_ROWS: u32 = 10;
/// Headline: share of the heading's words that must occur in the page title.
const HEADLINE_MIN_TITLE_OVERLAP: f32 = 0.75;
/// Headline: share of the title's words (whole title or its longest part) it must cover.
const HEADLINE_MIN_TITLE_COVERAGE: f32 = 0.5;
/// What separates a headline from the site's name in a page title.
const TITLE_SEPARATORS: &[char] = &['|', '-', '–', '—', '·', '»', '«', '/', '\\', ':'];
/// Standfirst: length bounds (chars).
const STANDFIRST_MIN_CHARS: usize = 20;
const STANDFIRST_MAX_CHARS: usize = 1000;
/// Standfirst: it must start within this many nodes after the headline.
const STANDFIRST_MAX_NODES_AFTER_HEADLINE: usize = 600;

/// Readability's `unlikelyCandidates` (substrings of `class + " " + id`, lowercased).
const UNLIKELY_CANDIDATES: &[&str] = &[
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
const AD_TOKENS: &[&str] = &[
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
const MAYBE_CANDIDATE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
/// Readability's `positive`.
const POSITIVE: &[&str] = &[
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
const NEGATIVE: &[&str] = &[
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
const UNLIKELY_ROLES: &[&str] = &[
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
];
/// Whole-text words that mark an advertising or loading placeholder.
const AD_WORDS: &[&str] = &[
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
const STANDFIRST_SUBSTRINGS: &[&str] = &[
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
const STANDFIRST_TOKENS: &[&str] = &["dek", "deck", "lead", "leadin", "abstract"];

// ---------------------------------------------------------------------------------------
// The flattened document.
// ---------------------------------------------------------------------------------------

const NONE: usize = usize::MAX;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Text,
    A,
    Article,
    Blockquote,
    Body,
    Br,
    Code,
    Div,
    Figcaption,
    Figure,
    Form,
    Fieldset,
    H(u8),
    Header,
    Hr,
    Img,
    Input,
    Embed,
    Li,
    Main,
    Meta,
    Ol,
    P,
    Pre,
    Section,
    Table,
    Td,
    Th,
    Tr,
    Ul,
    Title,
    /// Never text: script, style, nav, footer, aside, controls…
    Skip,
    /// Other block-level elements.
    Block,
    /// Inline or unknown.
    Inline,
}

fn classify(name: &str) -> Tag {
    match name {
        "a" => Tag::A,
        "article" => Tag::Article,
        "blockquote" => Tag::Blockquote,
        "body" => Tag::Body,
        "br" => Tag::Br,
        "code" => Tag::Code,
        "div" => Tag::Div,
        "figcaption" => Tag::Figcaption,
        "figure" => Tag::Figure,
        "form" => Tag::Form,
        "fieldset" => Tag::Fieldset,
        "h1" => Tag::H(1),
        "h2" => Tag::H(2),
        "h3" => Tag::H(3),
        "h4" => Tag::H(4),
        "h5" => Tag::H(5),
        "h6" => Tag::H(6),
        "header" => Tag::Header,
        "hr" => Tag::Hr,
        "img" => Tag::Img,
        "input" => Tag::Input,
        "iframe" | "embed" | "object" => Tag::Embed,
        "li" => Tag::Li,
        "main" => Tag::Main,
        "meta" => Tag::Meta,
        "ol" => Tag::Ol,
        "p" => Tag::P,
        "pre" => Tag::Pre,
        "section" => Tag::Section,
        "table" => Tag::Table,
        "td" => Tag::Td,
        "th" => Tag::Th,
        "tr" => Tag::Tr,
        "ul" => Tag::Ul,
        "title" => Tag::Title,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "frame" | "frameset" | "applet" | "canvas"
        | "video" | "audio" | "map" | "button" | "select" | "textarea" | "option" | "optgroup" | "datalist" | "nav"
        | "footer" | "aside" | "dialog" | "menu" | "head" | "link" | "base" | "picture" | "source" | "track"
        | "object-fallback" | "label" | "output" | "progress" | "meter" => Tag::Skip,
        "address" | "center" | "details" | "summary" | "dl" | "dd" | "dt" | "hgroup" | "tbody" | "thead" | "tfoot"
        | "caption" | "colgroup" | "legend" | "html" | "search" => Tag::Block,
        _ => Tag::Inline,
    }
}

fn is_block(tag: Tag) -> bool {
    !matches!(tag, Tag::Text | Tag::A | Tag::Br | Tag::Code | Tag::Img | Tag::Inline)
}

struct N<'a> {
    parent: usize,
    /// End of the subtree (exclusive): descendants are `index + 1 .. end`.
    end: usize,
    tag: Tag,
    /// Text nodes: the text.
    text: &'a str,
    el: Option<&'a Element>,
}

struct Doc<'a> {
    nodes: Vec<N<'a>>,
}

impl<'a> Doc<'a> {
    fn build(html: &'a Html) -> Doc<'a> {
        let mut nodes: Vec<N<'a>> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        // Iterative pre-order walk (no recursion: any depth is fine).
        let mut cur = html.tree.root().first_child();
        while let Some(node) = cur {
            let mut opened = false;
            let parent = stack.last().copied().unwrap_or(NONE);
            match node.value() {
                Node::Element(el) => {
                    let idx = nodes.len();
                    nodes.push(N { parent, end: idx + 1, tag: classify(el.name()), text: "", el: Some(el) });
                    stack.push(idx);
                    opened = true;
                }
                Node::Text(t) => {
                    let idx = nodes.len();
                    nodes.push(N { parent, end: idx + 1, tag: Tag::Text, text: t, el: None });
                }
                _ => {}
            }
            if opened {
                if let Some(c) = node.first_child() {
                    cur = Some(c);
                    continue;
                }
                if let Some(i) = stack.pop() {
                    nodes[i].end = nodes.len();
                }
            }
            // Next sibling, or climb up closing elements.
            let mut n = node;
            loop {
                if let Some(s) = n.next_sibling() {
                    cur = Some(s);
                    break;
                }
                match n.parent() {
                    Some(p) if p.parent().is_some() => {
                        if p.value().is_element() {
                            if let Some(i) = stack.pop() {
                                nodes[i].end = nodes.len();
                            }
                        }
                        n = p;
                    }
                    _ => {
                        cur = None;
                        break;
                    }
                }
            }
        }
        while let Some(i) = stack.pop() {
            nodes[i].end = nodes.len();
        }
        Doc { nodes }
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }

    fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.nodes[i].el.and_then(|e| e.attr(name))
    }

    /// `class + " " + id`, lowercased.
    fn class_id(&self, i: usize) -> String {
        let mut s = String::new();
        if let Some(c) = self.attr(i, "class") {
            s.push_str(c);
        }
        s.push(' ');
        if let Some(id) = self.attr(i, "id") {
            s.push_str(id);
        }
        s.to_lowercase()
    }

    fn children(&self, i: usize) -> Children<'_, 'a> {
        Children { doc: self, next: i + 1, end: self.nodes[i].end }
    }

    fn contains(&self, anc: usize, i: usize) -> bool {
        anc != NONE && i >= anc && i < self.nodes[anc].end
    }

    fn body(&self) -> Option<usize> {
        self.nodes.iter().position(|n| n.tag == Tag::Body)
    }
}

struct Children<'d, 'a> {
    doc: &'d Doc<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.doc.nodes[i].end.max(i + 1);
        Some(i)
    }
}

fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == ':').filter(|t| !t.is_empty())
}

fn matches_any(s: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| s.contains(p))
}

fn is_unlikely(class_id: &str) -> bool {
    if class_id.trim().is_empty() {
        return false;
    }
    (matches_any(class_id, UNLIKELY_CANDIDATES) || tokens(class_id).any(|t| AD_TOKENS.contains(&t)))
        && !matches_any(class_id, MAYBE_CANDIDATE)
}

fn weight_of(s: &str) -> f32 {
    let s = s.to_lowercase();
    let mut w = 0.0;
    if s.trim().is_empty() {
        return w;
    }
    if matches_any(&s, NEGATIVE) || tokens(&s).any(|t| t == "hid") {
        w -= CLASS_WEIGHT;
    }
    if matches_any(&s, POSITIVE) {
        w += CLASS_WEIGHT;
    }
    w
}

/// Readability's `_getClassWeight`: class and id count separately.
fn class_weight(doc: &Doc, i: usize) -> f32 {
    doc.attr(i, "class").map_or(0.0, weight_of) + doc.attr(i, "id").map_or(0.0, weight_of)
}

fn is_share(class_id: &str) -> bool {
    tokens(class_id).any(|t| t == "share" || t == "sharedaddy" || t == "sharing" || t == "sharetools")
}

/// Hidden by attribute or inline style.
fn is_hidden(doc: &Doc, i: usize) -> bool {
    let Some(el) = doc.nodes[i].el else {
        return false;
    };
    if el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") && !el.attr("class").unwrap_or("").contains("fallback-image") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn has_unlikely_role(doc: &Doc, i: usize) -> bool {
    doc.attr(i, "role").is_some_and(|r| {
        let r = r.trim().to_ascii_lowercase();
        UNLIKELY_ROLES.contains(&r.as_str())
    })
}

// ---------------------------------------------------------------------------------------
// Layout: text runs.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Run {
    /// Innermost block element holding the run (`NONE` when laid out from a text node).
    owner: usize,
    /// First node of the run (document order).
    first: usize,
    text: String,
    kind: BlockKind,
    len: u32,
    link_len: u32,
    commas: u32,
    in_list: bool,
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

fn is_edge_junk(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn count_commas(s: &str) -> u32 {
    s.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '\u{060C}'
                    | '\u{FE50}'
                    | '\u{FE10}'
                    | '\u{FE11}'
                    | '\u{2E41}'
                    | '\u{2E34}'
                    | '\u{2E32}'
                    | '\u{FF0C}'
                    | '\u{3001}'
            )
        })
        .count() as u32
}

/// An open element, with what its content inherits (so nothing walks the stack).
#[derive(Clone, Copy)]
struct Open {
    idx: usize,
    /// Innermost block element, this one included.
    owner: usize,
    /// Kind given by the innermost heading, figure, blockquote or list item.
    kind: Option<BlockKind>,
    in_list: bool,
}

struct Layout<'d, 'a> {
    doc: &'d Doc<'a>,
    runs: Vec<Run>,
    buf: String,
    first: usize,
    pending_space: bool,
    link_len: u32,
    /// Open elements while walking.
    stack: Vec<Open>,
    a_depth: u32,
    /// `<br>`s since the last visible character.
    brs: u32,
}

impl<'d, 'a> Layout<'d, 'a> {
    fn new(doc: &'d Doc<'a>) -> Self {
        Layout {
            doc,
            runs: Vec::new(),
            buf: String::new(),
            first: NONE,
            pending_space: false,
            link_len: 0,
            stack: Vec::new(),
            a_depth: 0,
            brs: 0,
        }
    }

    fn push_text(&mut self, node: usize, s: &str) {
        for c in s.chars() {
            if is_html_space(c) {
                self.pending_space = true;
                continue;
            }
            if c == '\u{ad}' {
                continue;
            }
            self.brs = 0;
            if self.buf.is_empty() {
                self.first = node;
            } else if self.pending_space {
                self.buf.push(' ');
                if self.a_depth > 0 {
                    self.link_len += 1;
                }
            }
            self.pending_space = false;
            self.buf.push(c);
            if self.a_depth > 0 {
                self.link_len += 1;
            }
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        self.brs = 0;
        if self.buf.is_empty() {
            return;
        }
        let raw = std::mem::take(&mut self.buf);
        let text = raw.trim_matches(is_edge_junk);
        if text.is_empty() {
            self.link_len = 0;
            return;
        }
        let top = self.stack.last();
        let kind = top.and_then(|o| o.kind).unwrap_or(BlockKind::Paragraph);
        let in_list = top.is_some_and(|o| o.in_list);
        let owner = top.map_or(NONE, |o| o.owner);
        let len = text.chars().count() as u32;
        let run = Run {
            owner,
            first: self.first,
            commas: count_commas(text),
            text: text.to_string(),
            kind,
            len,
            link_len: self.link_len.min(len),
            in_list,
        };
        self.link_len = 0;
        self.runs.push(run);
    }

    fn open(&mut self, idx: usize, tag: Tag) {
        let parent = self.stack.last().copied();
        let kind = match tag {
            Tag::H(_) => Some(BlockKind::Heading),
            Tag::Figcaption | Tag::Figure => Some(BlockKind::Caption),
            Tag::Blockquote => Some(BlockKind::Blockquote),
            Tag::Li => Some(BlockKind::ListItem),
            _ => parent.and_then(|o| o.kind),
        };
        let owner = if is_block(tag) { idx } else { parent.map_or(NONE, |o| o.owner) };
        let in_list = matches!(tag, Tag::Ul | Tag::Ol) || parent.is_some_and(|o| o.in_list);
        if tag == Tag::A {
            self.a_depth += 1;
        }
        self.stack.push(Open { idx, owner, kind, in_list });
    }

    fn close(&mut self) {
        if let Some(e) = self.stack.last().map(|o| o.idx) {
            let tag = self.doc.nodes[e].tag;
            if is_block(tag) {
                self.flush(); // while `e` is still open: it owns the run
            }
            if tag == Tag::A {
                self.a_depth = self.a_depth.saturating_sub(1);
            }
            self.stack.pop();
        }
    }

    /// Lays out the subtree of `root` (or the whole document for `NONE`), skipping the
    /// subtrees of nodes that are not `alive`.
    fn run(mut self, root: usize, alive: &[bool]) -> Vec<Run> {
        let (from, to) = if root == NONE { (0, self.doc.len()) } else { (root, self.doc.nodes[root].end) };
        let mut i = from;
        while i < to {
            while let Some(top) = self.stack.last().map(|o| o.idx) {
                if self.doc.nodes[top].end <= i {
                    self.close();
                } else {
                    break;
                }
            }
            if !alive[i] {
                i = self.doc.nodes[i].end.max(i + 1);
                continue;
            }
            let n = &self.doc.nodes[i];
            match n.tag {
                Tag::Text => self.push_text(i, n.text),
                Tag::Br => {
                    // One <br> is a space; two or more in a row end a paragraph.
                    self.brs += 1;
                    if self.brs >= BR_CHAIN_BREAK {
                        self.flush();
                    } else {
                        self.pending_space = true;
                    }
                }
                Tag::Hr => self.flush(),
                tag => {
                    if is_block(tag) {
                        self.flush();
                    }
                    self.open(i, tag);
                }
            }
            i += 1;
        }
        while !self.stack.is_empty() {
            self.close();
        }
        self.flush();
        self.runs
    }
}

/// Runs whose first node lies in the subtree of `root`.
fn runs_in<'r>(doc: &Doc, runs: &'r [Run], root: usize) -> &'r [Run] {
    let end = doc.nodes[root].end;
    let a = runs.partition_point(|r| r.first < root);
    let b = runs.partition_point(|r| r.first < end);
    &runs[a..b.max(a)]
}

// ---------------------------------------------------------------------------------------
// Aggregates for link density and conditional cleaning.
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Default, Debug)]
struct Agg {
    text: u32,
    link: u32,
    commas: u32,
    paras: u32,
    heading_text: u32,
    list_text: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    fig: u32,
    rows: u32,
    th: u32,
    tables: u32,
}

impl Agg {
    fn add(&mut self, o: &Agg) {
        self.text += o.text;
        self.link += o.link;
        self.commas += o.commas;
        self.paras += o.paras;
        self.heading_text += o.heading_text;
        self.list_text += o.list_text;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.fig += o.fig;
        self.rows += o.rows;
        self.th += o.th;
        self.tables += o.tables;
    }
    fn sub(&mut self, o: &Agg) {
        self.text = self.text.saturating_sub(o.text);
        self.link = self.link.saturating_sub(o.link);
        self.commas = self.commas.saturating_sub(o.commas);
        self.paras = self.paras.saturating_sub(o.paras);
        self.heading_text = self.heading_text.saturating_sub(o.heading_text);
        self.list_text = self.list_text.saturating_sub(o.list_text);
        self.img = self.img.saturating_sub(o.img);
        self.li = self.li.saturating_sub(o.li);
        self.input = self.input.saturating_sub(o.input);
        self.embed = self.embed.saturating_sub(o.embed);
        self.fig = self.fig.saturating_sub(o.fig);
        self.rows = self.rows.saturating_sub(o.rows);
        self.th = self.th.saturating_sub(o.th);
        self.tables = self.tables.saturating_sub(o.tables);
    }
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

/// Per-element aggregates. Text comes from the runs (alive content only); counts of
/// images, inputs and embeds come from the whole subtree (those are dropped as boilerplate
/// before layout, yet they tell what the element is).
fn aggregates(doc: &Doc, runs: &[Run], alive: &[bool]) -> Vec<Agg> {
    let n = doc.len();
    let mut agg = vec![Agg::default(); n];
    for r in runs {
        if r.owner == NONE {
            continue;
        }
        let a = &mut agg[r.owner];
        a.text += r.len;
        a.link += r.link_len;
        a.commas += r.commas;
        match r.kind {
            BlockKind::Heading => a.heading_text += r.len,
            BlockKind::Paragraph | BlockKind::Blockquote => a.paras += 1,
            _ => {}
        }
        if r.in_list {
            a.list_text += r.len;
        }
    }
    for i in (0..n).rev() {
        match doc.nodes[i].tag {
            Tag::Img => agg[i].img += 1,
            Tag::Input => agg[i].input += 1,
            Tag::Embed => agg[i].embed += 1,
            Tag::Li if alive[i] => agg[i].li += 1,
            Tag::Figcaption | Tag::Figure if alive[i] => agg[i].fig += 1,
            Tag::Tr if alive[i] => agg[i].rows += 1,
            Tag::Th if alive[i] => agg[i].th += 1,
            Tag::Table if alive[i] => agg[i].tables += 1,
            _ => {}
        }
        let p = doc.nodes[i].parent;
        if p != NONE {
            let a = agg[i];
            agg[p].add(&a);
        }
    }
    agg
}

// ---------------------------------------------------------------------------------------
// The extraction.
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Why each node is dropped before scoring (independent of the attempt).
struct Pruning {
    /// Boilerplate tags, hidden elements, unlikely roles.
    base: Vec<bool>,
    /// `<header>` elements (dropped from the article, searched for the headline).
    header: Vec<bool>,
    /// Unlikely class/id (first attempt only).
    unlikely: Vec<bool>,
}

fn pruning(doc: &Doc) -> Pruning {
    let n = doc.len();
    let mut base = vec![false; n];
    let mut header = vec![false; n];
    let mut unlikely = vec![false; n];
    let mut in_table_or_code = vec![false; n];
    for i in 0..n {
        let node = &doc.nodes[i];
        let p = node.parent;
        let inherited =
            p != NONE && (in_table_or_code[p] || matches!(doc.nodes[p].tag, Tag::Table | Tag::Code | Tag::Pre));
        in_table_or_code[i] = inherited;
        match node.tag {
            Tag::Text => {}
            Tag::Skip | Tag::Embed | Tag::Input | Tag::Meta | Tag::Title => base[i] = true,
            Tag::Header => header[i] = true,
            tag => {
                if is_hidden(doc, i) || has_unlikely_role(doc, i) {
                    base[i] = true;
                } else if !matches!(tag, Tag::Body | Tag::A) && !inherited {
                    unlikely[i] = is_unlikely(&doc.class_id(i));
                }
            }
        }
    }
    Pruning { base, header, unlikely }
}

/// `alive[i]`: neither `i` nor an ancestor is dropped by `dropped`.
fn alive_from(doc: &Doc, dropped: impl Fn(usize) -> bool) -> Vec<bool> {
    let n = doc.len();
    let mut alive = vec![false; n];
    for i in 0..n {
        let p = doc.nodes[i].parent;
        alive[i] = (p == NONE || alive[p]) && !dropped(i);
    }
    alive
}

struct Extraction {
    /// Chosen containers, in document order.
    containers: Vec<usize>,
    /// Runs of the containers after cleaning.
    runs: Vec<Run>,
    text_len: usize,
    /// What is left of the page after pruning and cleaning.
    alive: Vec<bool>,
}

fn init_score(doc: &Doc, i: usize, flags: Flags) -> f32 {
    let base = match doc.nodes[i].tag {
        Tag::Div => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Ol | Tag::Ul | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) | Tag::Th => -5.0,
        Tag::Block => match doc.nodes[i].el.map(|e| e.name()) {
            Some("address" | "dl" | "dd" | "dt") => -3.0,
            _ => 0.0,
        },
        _ => 0.0,
    };
    base + if flags.weight_classes { class_weight(doc, i) } else { 0.0 }
}

fn extract(doc: &Doc, pr: &Pruning, flags: Flags) -> Extraction {
    let n = doc.len();
    let mut dropped: Vec<bool> =
        (0..n).map(|i| pr.base[i] || pr.header[i] || (flags.strip_unlikely && pr.unlikely[i])).collect();
    let alive = alive_from(doc, |i| dropped[i]);
    let runs = Layout::new(doc).run(NONE, &alive);
    let agg = aggregates(doc, &runs, &alive);

    // Does an element hold block-level descendants? (Readability turns a div without
    // any into a paragraph.)
    let mut has_block = vec![false; n];
    for i in (0..n).rev() {
        let p = doc.nodes[i].parent;
        if p != NONE && alive[i] && (has_block[i] || is_block(doc.nodes[i].tag)) {
            has_block[p] = true;
        }
    }

    let body = doc.body().unwrap_or(0);

    // Score paragraphs into their ancestors.
    let mut score: Vec<f32> = vec![0.0; n];
    let mut scored = vec![false; n];
    let mut candidates: Vec<usize> = Vec::new();
    for r in &runs {
        if r.owner == NONE || (r.len as usize) < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let otag = doc.nodes[r.owner].tag;
        let scorable = matches!(
            otag,
            Tag::P
                | Tag::Pre
                | Tag::Td
                | Tag::Div
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Body
                | Tag::Blockquote
                | Tag::Form
        ) || matches!(otag, Tag::H(l) if l >= 2);
        if !scorable || r.kind == BlockKind::Caption {
            continue;
        }
        let start = if matches!(otag, Tag::P | Tag::Pre | Tag::Td | Tag::H(_)) || !has_block[r.owner] {
            doc.nodes[r.owner].parent
        } else {
            r.owner
        };
        let s = 1.0 + r.commas as f32 + ((r.len / 100) as f32).min(MAX_LENGTH_POINTS);
        let mut a = start;
        let mut level = 0;
        while a != NONE && level < SCORE_ANCESTOR_LEVELS {
            if doc.nodes[a].parent == NONE {
                break; // the <html> element
            }
            if !scored[a] {
                scored[a] = true;
                score[a] = init_score(doc, a, flags);
                candidates.push(a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += s / div;
            a = doc.nodes[a].parent;
            level += 1;
        }
    }
    for &c in &candidates {
        score[c] *= 1.0 - agg[c].link_density();
    }
    let mut top: Vec<usize> = candidates.clone();
    top.sort_by(|&a, &b| score[b].partial_cmp(&score[a]).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));
    top.truncate(N_TOP_CANDIDATES);

    let mut containers: Vec<usize>;
    match top.first().copied() {
        None => containers = vec![body],
        Some(t) if t == body || !doc.contains(body, t) => containers = vec![body],
        Some(mut t) => {
            // Several near-best candidates under one ancestor: take the ancestor.
            let alternatives: Vec<usize> = top[1..]
                .iter()
                .copied()
                .filter(|&c| score[t] > 0.0 && score[c] / score[t] >= ALTERNATIVE_CANDIDATE_RATIO)
                .collect();
            if alternatives.len() >= MINIMUM_TOPCANDIDATES {
                let mut p = doc.nodes[t].parent;
                while p != NONE && p != body {
                    let votes = alternatives.iter().filter(|&&c| doc.contains(p, c) && c != p).count();
                    if votes >= MINIMUM_TOPCANDIDATES {
                        t = p;
                        break;
                    }
                    p = doc.nodes[p].parent;
                }
            }
            if !scored[t] {
                scored[t] = true;
                score[t] = init_score(doc, t, flags);
            }
            // Climb while the parent scores better.
            let mut last = score[t];
            let threshold = last / 3.0;
            let mut p = doc.nodes[t].parent;
            while p != NONE && p != body {
                if !scored[p] {
                    p = doc.nodes[p].parent;
                    continue;
                }
                if score[p] < threshold {
                    break;
                }
                if score[p] > last {
                    t = p;
                    break;
                }
                last = score[p];
                p = doc.nodes[p].parent;
            }
            // An only child stands for its parent.
            let mut p = doc.nodes[t].parent;
            while p != NONE
                && p != body
                && doc.children(p).filter(|&c| alive[c] && doc.nodes[c].tag != Tag::Text).count() == 1
            {
                t = p;
                p = doc.nodes[p].parent;
            }
            if !scored[t] {
                scored[t] = true;
                score[t] = init_score(doc, t, flags);
            }
            // Siblings that belong to the article.
            containers = Vec::new();
            let parent = doc.nodes[t].parent;
            if parent == NONE {
                containers.push(t);
            } else {
                let threshold = SIBLING_MIN_SCORE.max(score[t] * SIBLING_SCORE_RATIO);
                let t_class = doc.attr(t, "class").unwrap_or("");
                for s in doc.children(parent) {
                    if !alive[s] || doc.nodes[s].tag == Tag::Text {
                        continue;
                    }
                    if s == t {
                        containers.push(s);
                        continue;
                    }
                    let mut bonus = 0.0;
                    if !t_class.is_empty() && doc.attr(s, "class") == Some(t_class) {
                        bonus += score[t] * SIBLING_SCORE_RATIO;
                    }
                    if scored[s] && score[s] + bonus >= threshold {
                        containers.push(s);
                        continue;
                    }
                    let paragraph_like = doc.nodes[s].tag == Tag::P || (doc.nodes[s].tag == Tag::Div && !has_block[s]);
                    if paragraph_like {
                        let a = &agg[s];
                        let ld = a.link_density();
                        let len = a.text as usize;
                        if len > SIBLING_PARAGRAPH_CHARS && ld < SIBLING_MAX_LINK_DENSITY {
                            containers.push(s);
                        } else if len > 0 && len <= SIBLING_PARAGRAPH_CHARS && a.link == 0 {
                            let ends_sentence =
                                runs_in(doc, &runs, s).iter().any(|r| r.text.contains(". ") || r.text.ends_with('.'));
                            if ends_sentence {
                                containers.push(s);
                            }
                        }
                    }
                }
            }
        }
    }

    // Clean the article: innermost elements first, so that an element is judged without
    // the junk already dropped inside it. What is dropped inside a subtree is subtracted
    // lazily (`gone`), which keeps this linear at any depth.
    for &c in &containers {
        let end = doc.nodes[c].end;
        // Inside a data table, code or a figure? (Pre-order: parents come first.)
        let mut protected = vec![false; end - c];
        let mut in_figure = vec![false; end - c];
        for i in c + 1..end {
            let p = doc.nodes[i].parent;
            let (pp, pf) = if p > c { (protected[p - c], in_figure[p - c]) } else { (false, false) };
            let ptag = doc.nodes[p].tag;
            protected[i - c] =
                pp || matches!(ptag, Tag::Code | Tag::Pre) || (ptag == Tag::Table && is_data_table(doc, &agg[p], p));
            in_figure[i - c] = pf || ptag == Tag::Figure;
        }
        let mut gone = vec![Agg::default(); end - c];
        for i in (c + 1..end).rev() {
            let k = i - c;
            let tag = doc.nodes[i].tag;
            if alive[i] && !dropped[i] && tag != Tag::Text {
                let mut cur = agg[i];
                cur.sub(&gone[k]);
                let drop_it =
                    (flags.clean_conditionally && cur.text < SHARE_ELEMENT_MAX_CHARS && is_share(&doc.class_id(i)))
                        || (flags.weight_classes && matches!(tag, Tag::H(1 | 2)) && class_weight(doc, i) < 0.0)
                        || (flags.clean_conditionally
                            && matches!(tag, Tag::Form | Tag::Fieldset | Tag::Table | Tag::Ul | Tag::Ol | Tag::Div)
                            && !protected[k]
                            && should_clean(doc, &cur, &runs, &dropped, i, in_figure[k], flags));
                if drop_it {
                    dropped[i] = true;
                    gone[k] = agg[i];
                }
            }
            let p = doc.nodes[i].parent;
            if p > c {
                let g = gone[k];
                gone[p - c].add(&g);
            }
        }
    }

    let alive = alive_from(doc, |i| dropped[i]);
    let mut out = Vec::new();
    for &c in &containers {
        out.extend(Layout::new(doc).run(c, &alive));
    }
    let text_len = out.iter().map(|r| r.len as usize).sum();
    Extraction { containers, runs: out, text_len, alive }
}

fn is_data_table(doc: &Doc, a: &Agg, i: usize) -> bool {
    if doc.attr(i, "role") == Some("presentation") || doc.attr(i, "datatable") == Some("0") {
        return false;
    }
    if a.tables > 1 {
        return false; // nested tables are layout
    }
    doc.attr(i, "summary").is_some() || a.th > 0 || a.rows >= DATA_TABLE_MIN_ROWS
}

/// Readability's `_cleanConditionally` for one element, given its current aggregates.
fn should_clean(
    doc: &Doc,
    g: &Agg,
    runs: &[Run],
    dropped: &[bool],
    i: usize,
    is_figure_child: bool,
    flags: Flags,
) -> bool {
    let tag = doc.nodes[i].tag;
    if tag == Tag::Table && is_data_table(doc, g, i) {
        return false;
    }
    let ld = g.link_density();
    // Keep figures with their captions.
    if g.fig > 0 && ld < CLEAN_MAX_LINK_DENSITY_WEIGHTED && g.paras <= 1 && g.text < SHARE_ELEMENT_MAX_CHARS * 2 {
        return false;
    }
    let weight = if flags.weight_classes { class_weight(doc, i) } else { 0.0 };
    if weight < 0.0 {
        return true;
    }
    if g.commas >= CLEAN_MIN_COMMAS {
        return false;
    }
    let is_list = matches!(tag, Tag::Ul | Tag::Ol) || (g.text > 0 && g.list_text as f32 / g.text as f32 > 0.9);
    if g.text > 0 && g.text < 20 {
        let text: String = runs_in(doc, runs, i)
            .iter()
            .filter(|r| r.owner != NONE && !dropped[r.owner])
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let t = text.trim().to_lowercase();
        if AD_WORDS.contains(&t.as_str()) {
            return true;
        }
    }
    let p = g.paras;
    let heading_density = if g.text == 0 { 0.0 } else { g.heading_text as f32 / g.text as f32 };
    if !is_figure_child && g.img > 1 && (p as f32) / (g.img as f32) < 0.5 {
        return true;
    }
    if !is_list && g.li > p + CLEAN_LI_ALLOWANCE {
        return true;
    }
    if g.input > p / 3 {
        return true;
    }
    if !is_list && !is_figure_child && heading_density < 0.9 && g.text < 25 && (g.img == 0 || g.img > 2) && ld > 0.0 {
        return true;
    }
    if is_list && ld > CLEAN_MAX_LIST_LINK_DENSITY {
        return true;
    }
    if !is_list && weight < CLASS_WEIGHT && ld > CLEAN_MAX_LINK_DENSITY {
        return true;
    }
    if weight >= CLASS_WEIGHT && ld > CLEAN_MAX_LINK_DENSITY_WEIGHTED {
        return true;
    }
    if (g.embed == 1 && g.text < CLEAN_EMBED_MIN_CHARS) || g.embed > 1 {
        return true;
    }
    if g.img == 0 && g.text == 0 {
        return true;
    }
    false
}

// ---------------------------------------------------------------------------------------
// Headline and standfirst.
// ---------------------------------------------------------------------------------------

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

fn norm(s: &str) -> String {
    words(s).join(" ")
}

struct PageMeta {
    titles: Vec<String>,
    site_names: Vec<String>,
    descriptions: Vec<String>,
}

fn page_meta(doc: &Doc) -> PageMeta {
    let mut titles = Vec::new();
    let mut site_names = Vec::new();
    let mut descriptions = Vec::new();
    for i in 0..doc.len() {
        match doc.nodes[i].tag {
            Tag::Meta => {
                let key = doc
                    .attr(i, "property")
                    .or_else(|| doc.attr(i, "name"))
                    .or_else(|| doc.attr(i, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = doc.attr(i, "content") else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" | "dc.title" | "headline" => titles.push(content.to_string()),
                    "og:site_name" | "application-name" => site_names.push(content.to_string()),
                    "description" | "og:description" | "twitter:description" | "dc.description" => {
                        descriptions.push(content.to_string())
                    }
                    _ => {}
                }
            }
            Tag::Title => {
                let t: String =
                    doc.children(i).filter(|&c| doc.nodes[c].tag == Tag::Text).map(|c| doc.nodes[c].text).collect();
                titles.push(t);
            }
            _ => {}
        }
    }
    PageMeta { titles, site_names, descriptions }
}

fn text_of(doc: &Doc, i: usize, alive: &[bool]) -> String {
    Layout::new(doc).run(i, alive).iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Title variants to match a headline against: the whole title and, when it has
/// separators ("Headline | Site"), its longest part.
fn title_variants(meta: &PageMeta) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for t in &meta.titles {
        let w = words(t);
        if w.is_empty() {
            continue;
        }
        let parts: Vec<Vec<String>> =
            t.split(|c| TITLE_SEPARATORS.contains(&c)).map(words).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 {
            if let Some(longest) = parts.into_iter().max_by_key(|p| p.len()) {
                out.push(longest);
            }
        }
        out.push(w);
    }
    out
}

/// The `h1` (or a headline-ish `h2`) that matches the page title best.
fn find_headline(doc: &Doc, loose: &[bool], meta: &PageMeta) -> Option<usize> {
    let titles = title_variants(meta);
    // A site name that is also the title (some pages say so) names nothing.
    let site_names: Vec<String> =
        meta.site_names.iter().map(|s| norm(s)).filter(|s| !meta.titles.iter().any(|t| norm(t) == *s)).collect();
    let mut best: Option<(f32, usize)> = None;
    let mut first_h1 = None;
    for i in 0..doc.len() {
        if !loose[i] {
            continue;
        }
        let tag = doc.nodes[i].tag;
        let headline_h2 = tag == Tag::H(2) && {
            let ci = doc.class_id(i) + " " + doc.attr(i, "itemprop").unwrap_or("");
            ci.contains("headline") || ci.contains("title")
        };
        if tag != Tag::H(1) && !headline_h2 {
            continue;
        }
        let w = words(&text_of(doc, i, loose));
        if w.is_empty() || site_names.contains(&w.join(" ")) {
            continue;
        }
        if tag == Tag::H(1) && first_h1.is_none() && w.len() >= 3 {
            first_h1 = Some(i);
        }
        for t in &titles {
            let common = w.iter().filter(|x| t.contains(x)).count();
            let overlap = common as f32 / w.len() as f32;
            let coverage = common as f32 / t.len() as f32;
            if overlap >= HEADLINE_MIN_TITLE_OVERLAP && coverage >= HEADLINE_MIN_TITLE_COVERAGE {
                let s = overlap + coverage + if tag == Tag::H(1) { 0.5 } else { 0.0 };
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, i));
                }
            }
        }
    }
    match best {
        Some((_, i)) => Some(i),
        None if titles.is_empty() => first_h1,
        None => None,
    }
}

fn is_standfirst_marked(doc: &Doc, i: usize) -> bool {
    let mut s = doc.class_id(i);
    for a in ["itemprop", "data-component", "data-testid", "data-qa", "data-type"] {
        if let Some(v) = doc.attr(i, a) {
            s.push(' ');
            s.push_str(&v.to_lowercase());
        }
    }
    matches_any(&s, STANDFIRST_SUBSTRINGS) || tokens(&s).any(|t| STANDFIRST_TOKENS.contains(&t))
}

fn matches_description(text: &str, descriptions: &[String]) -> bool {
    let t = norm(text);
    if t.len() < STANDFIRST_MIN_CHARS {
        return false;
    }
    descriptions.iter().any(|d| {
        let d = norm(d);
        d.len() >= STANDFIRST_MIN_CHARS
            && (t == d || t.starts_with(&d) || (d.starts_with(&t) && t.len() * 2 >= d.len()))
    })
}

/// The standfirst: after the headline, before the article text, marked by class or equal
/// to the page's description.
fn find_standfirst(
    doc: &Doc,
    loose: &[bool],
    meta: &PageMeta,
    headline: Option<usize>,
    content: &[Run],
) -> Option<usize> {
    let from = doc.nodes[headline?].end;
    let next_content = content.iter().map(|r| r.first).find(|&f| f >= from).unwrap_or(doc.len());
    let to = next_content.min(from + STANDFIRST_MAX_NODES_AFTER_HEADLINE).min(doc.len());
    let mut i = from;
    while i < to {
        if !loose[i] {
            i = doc.nodes[i].end.max(i + 1);
            continue;
        }
        let tag = doc.nodes[i].tag;
        if matches!(tag, Tag::Figure | Tag::Figcaption) {
            i = doc.nodes[i].end.max(i + 1);
            continue;
        }
        if tag == Tag::Text || !(is_block(tag) || tag == Tag::Inline) || !runs_in(doc, content, i).is_empty() {
            i += 1;
            continue;
        }
        let marked = is_standfirst_marked(doc, i);
        let text = if marked || matches!(tag, Tag::P | Tag::Div | Tag::H(_) | Tag::Section | Tag::Inline) {
            text_of(doc, i, loose)
        } else {
            String::new()
        };
        let len = text.chars().count();
        if (STANDFIRST_MIN_CHARS..=STANDFIRST_MAX_CHARS).contains(&len)
            && (marked || matches_description(&text, &meta.descriptions))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------------------
// Entry point.
// ---------------------------------------------------------------------------------------

/// Finds the article's blocks (headline, standfirst, paragraphs, captions, list items,
/// quotations) in an HTML page, in document order. Never panics; an empty or non-article
/// page yields whatever text its body has.
pub fn article_from_html(html: &str) -> Article {
    let parsed = Html::parse_document(html);
    let doc = Doc::build(&parsed);
    if doc.len() == 0 {
        return Article::default();
    }
    let pr = pruning(&doc);
    let attempts = [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ];
    // Readability retries with fewer heuristics while the article is too short. When no
    // attempt is long enough, the earliest (strictest) one wins unless a later one found
    // much more text.
    let mut tries: Vec<Extraction> = Vec::new();
    for flags in attempts {
        let ex = extract(&doc, &pr, flags);
        let enough = ex.text_len >= CHAR_THRESHOLD;
        tries.push(ex);
        if enough {
            break;
        }
    }
    let longest = tries.iter().map(|e| e.text_len).max().unwrap_or(0);
    let pick = tries
        .iter()
        .position(|e| e.text_len >= CHAR_THRESHOLD || e.text_len as f32 >= longest as f32 * SHORT_ARTICLE_KEEP_RATIO)
        .unwrap_or(0);
    let best = tries.into_iter().nth(pick);
    let Some(ex) = best else {
        return Article::default();
    };

    // Headline and standfirst, when not already part of the article.
    let loose = alive_from(&doc, |i| pr.base[i]);
    let meta = page_meta(&doc);
    let emitted = |i: usize| ex.alive[i] && ex.containers.iter().any(|&c| doc.contains(c, i));
    let headline = find_headline(&doc, &loose, &meta);
    let standfirst = find_standfirst(&doc, &loose, &meta, headline, &ex.runs);

    // (position in the document, from outside the container?, block)
    let mut placed: Vec<(usize, bool, Block)> = Vec::new();
    if let Some(h) = headline.filter(|&h| !emitted(h) && runs_in(&doc, &ex.runs, h).is_empty()) {
        let text = text_of(&doc, h, &loose);
        if !text.is_empty() {
            placed.push((h, true, Block::new(BlockKind::Heading, text)));
        }
    }
    if let Some(s) = standfirst.filter(|&s| !emitted(s)) {
        for r in Layout::new(&doc).run(s, &loose) {
            placed.push((r.first, true, Block::new(BlockKind::Paragraph, r.text)));
        }
    }
    placed.extend(ex.runs.into_iter().map(|r| (r.first, false, Block::new(r.kind, r.text))));
    placed.sort_by_key(|p| p.0);

    let mut blocks: Vec<Block> = Vec::with_capacity(placed.len());
    let mut last_extra = false;
    for (_, extra, b) in placed {
        // A headline or standfirst repeated at the top of the article: once.
        if (extra || last_extra) && blocks.last().is_some_and(|x| x.text == b.text) {
            continue;
        }
        last_extra = extra;
        blocks.push(b);
    }
    Article { blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        article_from_html(html).blocks.into_iter().map(|b| (b.kind, b.text)).collect()
    }

    fn texts(html: &str) -> Vec<String> {
        blocks(html).into_iter().map(|b| b.1).collect()
    }

    /// A page in the shape of a news site: navigation, header, article, sidebar, comments,
    /// footer. Its text is written for these tests.
    fn news_page(article_body: &str) -> String {
        format!(
            r#"<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Ferry service resumes after storm | The Harbour Gazette</title>
<meta name="description" content="Crossings restart on Monday after a week of cancellations.">
<style>p {{ color: red }} .x::before {{ content: "“styled”" }}</style>
<script>var quote = "“not a quote”, said the script";</script>
</head><body>
<header class="site-header"><a href="/">The Harbour Gazette</a><h1 class="logo">Harbour Gazette</h1></header>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main>
<h1 class="headline">Ferry service resumes after storm</h1>
<div class="meta-line"><p class="dek">Crossings restart on Monday after a week of cancellations.</p></div>
<div class="article-body">
{article_body}
</div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Council approves new budget, again</a></li><li><a href="/b">Lighthouse keeper retires after forty years</a></li></ul></aside>
<div id="comments" class="comment-list"><p>“Great news, finally,” wrote a reader who says many things, at length, about ferries and weather.</p></div>
</main>
<footer><p>© The Harbour Gazette. All rights reserved, including the right to say “no”.</p></footer>
</body></html>"#
        )
    }

    const BODY: &str = r#"
<p>The ferry between the island and the mainland will sail again on Monday, the operator said, after storms kept boats in port for seven days.</p>
<p>“We have inspected every vessel, and the crews are ready,” said Ingrid Solberg, the operator’s chief executive, at a briefing on Friday.</p>
<p>Residents, who rely on the crossing for food, medicine and work, had complained about the lack of information during the closure.</p>
<p>“It felt like nobody was answering the phone,” said Tomás Ruiz, a baker in the harbour town, who had to close his shop for three days.</p>
"#;

    #[test]
    fn picks_the_article_and_drops_the_boilerplate() {
        let b = blocks(&news_page(BODY));
        assert_eq!(b[0], (Heading, "Ferry service resumes after storm".to_string()));
        assert_eq!(b[1], (Paragraph, "Crossings restart on Monday after a week of cancellations.".to_string()));
        assert_eq!(b.len(), 6, "{b:#?}");
        assert!(b[2].1.starts_with("The ferry between the island"));
        assert!(b[3].1.starts_with("“We have inspected every vessel"));
        assert!(b[5].1.ends_with("close his shop for three days."));
        for (_, t) in &b {
            for junk in [
                "Sport",
                "Most read",
                "Lighthouse",
                "Great news",
                "rights reserved",
                "not a quote",
                "color",
                "styled",
                "Harbour Gazette",
            ] {
                assert!(!t.contains(junk), "{junk:?} leaked into {t:?}");
            }
        }
    }

    #[test]
    fn text_is_normalised_like_a_browser_renders_it() {
        let body = "<p>  Она   сказала:\n\t«Всё\u{a0}будет  хорошо» 🙂 — и ушла.\u{ad} Very  long para\u{ad}graph text, here, to score.  </p>\
                    <p>Inline: <a href=\"/x\">Mos</a><em>cow</em> and <b>Kyiv</b><span>,</span> then<br>a&nbsp;break and &ldquo;entities&rdquo; &amp; more, more, more.</p>\
                    <p>Third paragraph, with commas, so that the container clearly wins the scoring, yes.</p>";
        let t = texts(&news_page(body));
        assert_eq!(t[2], "Она сказала: «Всё\u{a0}будет хорошо» 🙂 — и ушла. Very long paragraph text, here, to score.");
        assert_eq!(t[3], "Inline: Moscow and Kyiv, then a\u{a0}break and “entities” & more, more, more.");
        assert!(t.iter().all(|x| !x.contains('\u{ad}') && !x.contains("  ") && x.trim() == x));
    }

    #[test]
    fn block_kinds() {
        let body = r#"
<p>The mayor spoke for an hour on Tuesday, and the hall was full, with people standing at the back.</p>
<h2>What she promised</h2>
<ul><li>A new quay, paid for by the port</li><li>Free crossings for pupils</li></ul>
<blockquote><p>“We will not let the island be cut off again,” she said.</p><p>“Never,” she added.</p></blockquote>
<figure><img src="q.jpg" alt="The quay"><figcaption>The old quay, seen from the water.</figcaption></figure>
<div>Some text in a div, with commas, that reads like a paragraph of the story itself.</div>
<p>Her opponents, who want a bridge instead, said the plan was too expensive, too slow and too late.</p>
"#;
        let b = blocks(&news_page(body));
        let k: Vec<(BlockKind, &str)> = b.iter().skip(2).map(|(k, t)| (*k, t.as_str())).collect();
        assert_eq!(
            k,
            vec![
                (
                    Paragraph,
                    "The mayor spoke for an hour on Tuesday, and the hall was full, with people standing at the back."
                ),
                (Heading, "What she promised"),
                (ListItem, "A new quay, paid for by the port"),
                (ListItem, "Free crossings for pupils"),
                (Blockquote, "“We will not let the island be cut off again,” she said."),
                (Blockquote, "“Never,” she added."),
                (Caption, "The old quay, seen from the water."),
                (Paragraph, "Some text in a div, with commas, that reads like a paragraph of the story itself."),
                (
                    Paragraph,
                    "Her opponents, who want a bridge instead, said the plan was too expensive, too slow and too late."
                ),
            ]
        );
    }

    #[test]
    fn drops_ads_related_links_share_bars_hidden_and_aria_regions() {
        let body = r##"
<p>The council met on Wednesday, and after a long debate, it voted to keep the library open on Sundays.</p>
<div class="ad-slot"><p>Advertisement: buy the best ferry tickets, cheap, fast, now, today, always.</p></div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/1">Library hours cut, says the council in a statement</a></li></ul></div>
<div style="display: none"><p>Hidden paragraph that a reader never sees, with commas, many, many.</p></div>
<p hidden>Another hidden paragraph, with commas, that should not appear at all.</p>
<div role="complementary"><p>Complementary text, with commas, which is not part of the story.</p></div>
<div role="navigation"><a href="/prev">Previous story</a></div>
<ul class="more-links"><li><a href="/x">One linked headline about something else</a></li><li><a href="/y">Another linked headline about a third thing</a></li></ul>
<p>“Books are for everyone, every day,” said the librarian, Ayşe Demir, who had campaigned for a year.</p>
"##;
        let t = texts(&news_page(body));
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[2].starts_with("The council met"));
        assert!(t[3].starts_with("“Books are for everyone"));
    }

    #[test]
    fn two_brs_end_a_paragraph_one_is_a_space() {
        let body = "<div class=\"story\">First line of the story, with enough words to count as text.<br>still the first paragraph, continued here.<br><br>\n<br>Second paragraph, after a double break, with commas, too.</div>";
        let t = texts(&news_page(body));
        assert_eq!(
            &t[2..],
            &[
                "First line of the story, with enough words to count as text. still the first paragraph, continued here.".to_string(),
                "Second paragraph, after a double break, with commas, too.".to_string(),
            ]
        );
    }

    #[test]
    fn headline_matches_the_title_not_the_logo() {
        // No h1 matches the title: no headline is invented.
        let html = news_page(BODY).replace("<h1 class=\"headline\">Ferry service resumes after storm</h1>", "");
        let t = texts(&html);
        assert!(t.iter().all(|x| x != "Harbour Gazette"), "{t:#?}");
        assert!(t[0].starts_with("The ferry between"), "{t:#?}");
    }

    #[test]
    fn standfirst_found_by_meta_description() {
        let html = news_page(BODY).replace("class=\"dek\"", "class=\"x\"");
        let t = texts(&html);
        assert_eq!(t[1], "Crossings restart on Monday after a week of cancellations.");
    }

    #[test]
    fn standfirst_and_headline_inside_an_article_header() {
        let html = r#"<html><head><title>Снег в апреле — новости</title></head><body>
<nav><a href="/">Главная</a></nav>
<article><header><h1>Снег в апреле</h1><p class="article__subtitle">Синоптики обещают тепло к выходным.</p>
<p class="byline">Анна Петрова</p></header>
<div class="text"><p>В среду в городе выпал снег, и движение на дорогах, по словам полиции, было затруднено весь день.</p>
<p>«Такого не было двадцать лет», — сказал метеоролог Игорь Смирнов, добавив, что снег растает к пятнице.</p>
<p>Жители, которые уже сменили шины, жаловались, что весна, как всегда, пришла слишком рано и ушла.</p></div></article>
<footer>© Газета</footer></body></html>"#;
        let b = blocks(html);
        assert_eq!(b[0], (Heading, "Снег в апреле".to_string()));
        assert_eq!(b[1], (Paragraph, "Синоптики обещают тепло к выходным.".to_string()));
        assert!(b[2].1.starts_with("В среду"), "{b:#?}");
        assert!(b.iter().all(|x| !x.1.contains("Главная") && !x.1.contains("Газета") && !x.1.contains("Анна")));
    }

    #[test]
    fn best_candidate_wins_over_a_long_comment_thread_and_teasers() {
        let mut teasers = String::new();
        for i in 0..12 {
            teasers.push_str(&format!(
                "<div class=\"teaser\"><a href=\"/s{i}\"><h3>Teaser headline number {i}, with words</h3></a></div>"
            ));
        }
        let html = format!(
            r#"<html><head><title>Bridge opens | Gazette</title></head><body>
<div class="wrap"><div class="col-main"><h1>Bridge opens</h1>
<div class="post-content"><p>The bridge opened on Sunday, three years late, and hundreds of people walked across it, cheering.</p>
<p>“It was worth the wait,” said Mei Lin, an engineer who worked on the project from the beginning, in 2019.</p>
<p>The project cost, according to the city, almost twice what was planned, and the contractor was fined.</p></div></div>
<div class="col-side">{teasers}</div></div></body></html>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert_eq!(t[0], "Bridge opens");
        assert!(t[3].contains("contractor was fined"));
    }

    #[test]
    fn article_split_over_sibling_containers_is_joined() {
        let p = "<p>A paragraph of the story, with commas, a quote, “like this,” and enough words to matter here.</p>";
        let html = format!(
            r#"<html><head><title>Split story</title></head><body><div id="page">
<div class="story-part">{p}{p}{p}</div>
<div class="inline-ad">Advertisement</div>
<div class="story-part">{p}{p}{p}</div>
</div></body></html>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 6, "{t:#?}");
    }

    #[test]
    fn plain_text_and_tiny_pages() {
        assert_eq!(texts("Just a line, “quoted”."), vec!["Just a line, “quoted”.".to_string()]);
        assert!(texts("").is_empty());
        assert!(texts("<html><body></body></html>").is_empty());
        assert_eq!(texts("<p>Short.</p><p>Also short.</p>"), vec!["Short.".to_string(), "Also short.".to_string()]);
    }

    #[test]
    fn never_panics_on_hostile_markup() {
        let mut cases: Vec<String> = vec![
            "<".into(),
            "</p></div></body></html>".into(),
            "<p><div><p><table><td><li>x".into(),
            "<html><head><title>t</title></head><frameset></frameset></html>".into(),
            "<template><p>in a template</p></template><p>out</p>".into(),
            "<svg><p>inside svg</p></svg><math><mi>x</mi></math>".into(),
            "<p>\u{0}\u{feff}\u{200b}\u{ad}</p><p>&#0;&#xD800;&#x110000;&bogus;</p>".into(),
            "<br><br><br><br><hr><br>".into(),
            "<a href=x><a href=y><p>nested links".into(),
            "<h1></h1><h1>\u{a0}</h1><meta name=description content=''>".into(),
        ];
        cases.push("<div>".repeat(2_000) + "deep text, deep, deep" + &"</div>".repeat(2_000));
        cases.push("<b>".repeat(1_000) + "formatting");
        cases.push("<p>x, ".repeat(2_000));
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        cases.push(String::from_utf8_lossy(&bytes).into_owned());
        for c in &cases {
            let _ = article_from_html(c);
        }
        let deep = texts(&cases[10]);
        assert_eq!(deep, vec!["deep text, deep, deep".to_string()]);
    }

    #[test]
    fn document_order_is_kept() {
        let html = news_page(BODY);
        let t = texts(&html);
        let body = &html[html.find("<body>").unwrap()..];
        let pos: Vec<usize> = t.iter().map(|x| body.find(x.as_str()).unwrap()).collect();
        let mut sorted = pos.clone();
        sorted.sort();
        assert_eq!(pos, sorted);
    }

    mod prop {
        use super::super::article_from_html;
        use proptest::prelude::*;

        fn fragment() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("<p>".to_string()),
                Just("</p>".to_string()),
                Just("<div class=\"article\">".to_string()),
                Just("<div class=\"comment ad\">".to_string()),
                Just("</div>".to_string()),
                Just("<br>".to_string()),
                Just("<h1>".to_string()),
                Just("</h1>".to_string()),
                Just("<li>".to_string()),
                Just("<blockquote>".to_string()),
                Just("<figure><figcaption>".to_string()),
                Just("<a href=\"#\">".to_string()),
                Just("</a>".to_string()),
                Just("<script>".to_string()),
                Just("<nav>".to_string()),
                Just("<title>".to_string()),
                Just("&nbsp;".to_string()),
                Just("\u{ad}".to_string()),
                "[a-zA-Zа-я “”,.!?🙂 \u{a0}]{0,40}",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn any_markup_gives_clean_blocks(parts in proptest::collection::vec(fragment(), 0..60)) {
                let a = article_from_html(&parts.concat());
                for b in &a.blocks {
                    prop_assert!(!b.text.is_empty());
                    prop_assert!(!b.text.contains('\u{ad}'), "soft hyphen in {:?}", b.text);
                    prop_assert!(!b.text.contains("  "));
                    prop_assert_eq!(b.text.trim(), b.text.as_str());
                }
            }
        }
    }
}
