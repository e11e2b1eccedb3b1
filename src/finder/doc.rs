//! The page tree as the finder reads it: tags classified, subtrees as index ranges, and the
//! class/id/role tests of Readability.

use super::*;
use crate::tree::{PageTree, TreeError, TreeNode};

pub(super) const NONE: usize = usize::MAX;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tag {
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

pub(super) fn classify(name: &str) -> Tag {
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

pub(super) fn is_block(tag: Tag) -> bool {
    !matches!(tag, Tag::Text | Tag::A | Tag::Br | Tag::Code | Tag::Img | Tag::Inline)
}

pub(super) struct N<'a> {
    pub parent: usize,
    /// End of the subtree (exclusive): descendants are `index + 1 .. end`.
    pub end: usize,
    pub tag: Tag,
    /// Text nodes: the text.
    pub text: &'a str,
    pub src: &'a TreeNode,
}

/// The page tree with each node classified and its subtree's end known, so that a subtree is a
/// contiguous range and nothing below recurses.
pub(super) struct Doc<'a> {
    pub nodes: Vec<N<'a>>,
}

impl<'a> Doc<'a> {
    pub fn new(tree: &'a PageTree) -> Result<Doc<'a>, TreeError> {
        let st = tree.structure()?;
        let nodes = tree
            .nodes
            .iter()
            .enumerate()
            .map(|(i, src)| {
                let (tag, text) = if src.is_text() { (Tag::Text, src.text.as_str()) } else { (classify(&src.tag), "") };
                N { parent: st.parent[i], end: st.end[i], tag, text, src }
            })
            .collect();
        Ok(Doc { nodes })
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.nodes[i].src.attr(name)
    }

    /// The element's local name.
    pub fn name(&self, i: usize) -> &'a str {
        &self.nodes[i].src.tag
    }

    /// `class + " " + id`, lowercased.
    pub fn class_id(&self, i: usize) -> String {
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

    pub fn children(&self, i: usize) -> Children<'_, 'a> {
        Children { doc: self, next: i + 1, end: self.nodes[i].end }
    }

    pub fn contains(&self, anc: usize, i: usize) -> bool {
        anc != NONE && i >= anc && i < self.nodes[anc].end
    }

    pub fn body(&self) -> Option<usize> {
        self.nodes.iter().position(|n| n.tag == Tag::Body)
    }
}

pub(super) struct Children<'d, 'a> {
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

pub(super) fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == ':').filter(|t| !t.is_empty())
}

pub(super) fn matches_any(s: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| s.contains(p))
}

pub(super) fn is_unlikely(class_id: &str) -> bool {
    if class_id.trim().is_empty() {
        return false;
    }
    (matches_any(class_id, UNLIKELY_CANDIDATES) || tokens(class_id).any(|t| AD_TOKENS.contains(&t)))
        && !matches_any(class_id, MAYBE_CANDIDATE)
}

pub(super) fn weight_of(s: &str) -> f32 {
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
pub(super) fn class_weight(doc: &Doc, i: usize) -> f32 {
    doc.attr(i, "class").map_or(0.0, weight_of) + doc.attr(i, "id").map_or(0.0, weight_of)
}

pub(super) fn is_share(class_id: &str) -> bool {
    tokens(class_id).any(|t| t == "share" || t == "sharedaddy" || t == "sharing" || t == "sharetools")
}

/// Not rendered or editable (the tree's builder decides): never read.
pub(super) fn is_hidden(doc: &Doc, i: usize) -> bool {
    let n = doc.nodes[i].src;
    n.hidden || n.editable || is_screen_reader_only(n.class.as_deref().unwrap_or(""))
}

/// Screen-reader-only text (`sr-only`, `visually-hidden`… as a whole class token).
fn is_screen_reader_only(class: &str) -> bool {
    class.split_ascii_whitespace().any(|t| SCREEN_READER_CLASSES.iter().any(|c| t.eq_ignore_ascii_case(c)))
}

pub(super) fn has_unlikely_role(doc: &Doc, i: usize) -> bool {
    doc.attr(i, "role").is_some_and(|r| {
        let r = r.trim().to_ascii_lowercase();
        UNLIKELY_ROLES.contains(&r.as_str())
    })
}
