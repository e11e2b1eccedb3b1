//! The page's headline (the `h1` that matches the page title) and its standfirst (the "dek"
//! under the headline, found by class/id or by the page's meta description).

use super::doc::*;
use super::layout::{join_runs, runs_in, Layout, Run};
use super::*;
use crate::tree::PageTree;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

fn norm(s: &str) -> String {
    words(s).join(" ")
}

pub(super) struct PageMeta {
    titles: Vec<String>,
    site_names: Vec<String>,
    descriptions: Vec<String>,
}

/// Titles, site names and descriptions from `<title>` and `<meta>` nodes in the tree and from
/// the tree's own `title` and `meta`.
pub(super) fn page_meta(doc: &Doc, tree: &PageTree) -> PageMeta {
    let mut m = PageMeta { titles: Vec::new(), site_names: Vec::new(), descriptions: Vec::new() };
    for i in 0..doc.len() {
        match doc.nodes[i].tag {
            Tag::Meta => {
                let key = doc.attr(i, "property").or_else(|| doc.attr(i, "name")).or_else(|| doc.attr(i, "itemprop"));
                if let Some(content) = doc.attr(i, "content") {
                    m.add(key.unwrap_or(""), content);
                }
            }
            Tag::Title => {
                let t: String =
                    doc.children(i).filter(|&c| doc.nodes[c].tag == Tag::Text).map(|c| doc.nodes[c].text).collect();
                m.titles.push(t);
            }
            _ => {}
        }
    }
    m.titles.extend(tree.title.iter().cloned());
    for (key, content) in &tree.meta {
        m.add(key, content);
    }
    m
}

impl PageMeta {
    fn add(&mut self, key: &str, content: &str) {
        match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" | "dc.title" | "headline" => self.titles.push(content.to_string()),
            "og:site_name" | "application-name" => self.site_names.push(content.to_string()),
            "description" | "og:description" | "twitter:description" | "dc.description" => {
                self.descriptions.push(content.to_string())
            }
            _ => {}
        }
    }
}

/// The text of `i`'s subtree, its runs joined by spaces, with its pieces.
pub(super) fn text_of(doc: &Doc, i: usize, alive: &[bool]) -> (String, Vec<Piece>) {
    join_runs(&Layout::new(doc).run(i, alive))
}

/// The text of `i`'s subtree when it is at most `max_chars` long (None: longer). Laying out stops
/// there, so that looking at every heading of a page of nested headings stays linear.
fn short_text_of(doc: &Doc, i: usize, alive: &[bool], max_chars: usize) -> Option<String> {
    let (runs, over) = Layout::with_budget(doc, max_chars).run_capped(i, alive);
    (!over).then(|| join_runs(&runs).0)
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
pub(super) fn find_headline(doc: &Doc, loose: &[bool], meta: &PageMeta) -> Option<usize> {
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
        let Some(text) = short_text_of(doc, i, loose, HEADLINE_MAX_CHARS) else {
            continue; // far too long for a headline
        };
        let w = words(&text);
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
pub(super) fn find_standfirst(
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
            // longer than STANDFIRST_LAYOUT_CHARS laid out: longer than any standfirst
            short_text_of(doc, i, loose, STANDFIRST_LAYOUT_CHARS).unwrap_or_default()
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
