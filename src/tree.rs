//! The page tree: the small node tree the article finder ([`crate::finder`]) runs on.
//!
//! The CLI builds it from an HTML file (`html.rs`, html5ever via `scraper`); the extension's content
//! script builds it from the live DOM and sends it, as JSON-like data, to the Wasm engine
//! (`findArticle`, `analyzePage`). Nothing here knows HTML parsing: the shape is plain data.
//!
//! ```json
//! {"title": "Ferry service resumes", "meta": [["description", "Crossings restart on Monday."]],
//!  "nodes": [{"tag": "body", "parent": -1},
//!            {"tag": "p", "parent": 0, "class": "lede"},
//!            {"tag": "#text", "parent": 1, "text": "“We are ready,”  said Solberg."}]}
//! ```
//! Nodes come in document pre-order; `parent` is the index of an earlier element that is still
//! open (the previous node or one of its ancestors), -1 for a root. [`PageTree::check`] verifies
//! that and says what is wrong instead of failing later.

use serde::{Deserialize, Serialize};

/// The tag of a text node.
pub const TEXT_TAG: &str = "#text";

/// A page as the article finder sees it. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageTree {
    /// `document.title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `<meta>` elements as (property | name | itemprop, content), document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub meta: Vec<(String, String)>,
    /// Elements and text nodes in document pre-order.
    #[serde(deserialize_with = "nodes_reserved")]
    pub nodes: Vec<TreeNode>,
}

/// The most nodes whose room [`nodes_reserved`] takes at once from a length hint (about 100 MB on
/// 64-bit): beyond it the vector grows as usual.
const MAX_RESERVED_NODES: usize = 1_000_000;

/// `nodes`, with room for all of them reserved once when the input says how many there are (the Wasm
/// engine's JS arrays do): serde's own `Vec` reserves at most 1 MiB from a hint and then doubles, which
/// on a 200,000-node page copied the vector five times and left it a third empty (measured in
/// tests/wasm_bench_finder.mjs).
fn nodes_reserved<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<TreeNode>, D::Error> {
    struct Nodes;
    impl<'de> serde::de::Visitor<'de> for Nodes {
        type Value = Vec<TreeNode>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of nodes")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut nodes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED_NODES));
            while let Some(node) = seq.next_element()? {
                nodes.push(node);
            }
            Ok(nodes)
        }
    }
    d.deserialize_seq(Nodes)
}

/// One element or text node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeNode {
    /// Lower-case local name (`div`, `p`…), or `#text`.
    pub tag: String,
    /// Index of the parent element, -1 for a root.
    #[serde(default = "no_parent")]
    pub parent: i64,
    /// A text node's data, as in the DOM (whitespace not collapsed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub itemprop: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub itemtype: Option<String>,
    /// Not rendered (the `hidden` attribute, `aria-hidden="true"`, `display:none`…): never read.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Editable (contenteditable host, `role=textbox`, form field): never read.
    #[serde(default, skip_serializing_if = "is_false")]
    pub editable: bool,
    /// Other attributes the finder reads (`summary`, `datatable`, `data-testid`…; a `<meta>`'s
    /// `name`/`property`/`content`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
}

fn no_parent() -> i64 {
    -1
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl TreeNode {
    /// An element with no attributes.
    pub fn element(tag: &str, parent: i64) -> Self {
        TreeNode {
            tag: tag.to_string(),
            parent,
            text: String::new(),
            id: None,
            class: None,
            role: None,
            itemprop: None,
            itemtype: None,
            hidden: false,
            editable: false,
            attrs: Vec::new(),
        }
    }

    /// A text node.
    pub fn text(parent: i64, text: &str) -> Self {
        TreeNode { text: text.to_string(), ..TreeNode::element(TEXT_TAG, parent) }
    }

    pub fn is_text(&self) -> bool {
        self.tag == TEXT_TAG
    }

    /// An attribute by name: the named fields first, then `attrs`. Text nodes have none.
    pub fn attr(&self, name: &str) -> Option<&str> {
        if self.is_text() {
            return None;
        }
        let field = match name {
            "id" => &self.id,
            "class" => &self.class,
            "role" => &self.role,
            "itemprop" => &self.itemprop,
            "itemtype" => &self.itemtype,
            _ => return self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
        };
        field.as_deref()
    }
}

/// What is wrong with a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeError {
    /// `parent` is not -1 and not the index of an earlier node.
    BadParent { node: usize, parent: i64 },
    /// The parent is a text node.
    TextParent { node: usize, parent: usize },
    /// The parent was closed already: the nodes are not in document pre-order.
    OutOfOrder { node: usize, parent: usize },
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TreeError::BadParent { node, parent } => {
                write!(f, "page tree: nodes[{node}].parent is {parent}: it must be -1 or the index of an earlier node")
            }
            TreeError::TextParent { node, parent } => {
                write!(f, "page tree: nodes[{node}].parent is {parent}, a text node")
            }
            TreeError::OutOfOrder { node, parent } => write!(
                f,
                "page tree: nodes[{node}].parent is {parent}, which is not an ancestor of nodes[{}]: \
                 nodes must come in document pre-order",
                node - 1
            ),
        }
    }
}

impl std::error::Error for TreeError {}

/// A checked tree's structure: parents as indices and where each subtree ends.
pub(crate) struct Structure {
    /// Parent index, `usize::MAX` for a root.
    pub parent: Vec<usize>,
    /// End of each subtree (exclusive): the descendants of `i` are `i + 1 .. end[i]`.
    pub end: Vec<usize>,
}

impl PageTree {
    /// Checks that the nodes are a well-formed pre-order forest (in O(n)).
    pub fn check(&self) -> Result<(), TreeError> {
        self.structure().map(|_| ())
    }

    pub(crate) fn structure(&self) -> Result<Structure, TreeError> {
        let n = self.nodes.len();
        let mut parent = vec![usize::MAX; n];
        let mut end: Vec<usize> = (1..=n).collect();
        // the open elements, innermost last
        let mut open: Vec<usize> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if node.parent < 0 {
                if node.parent != -1 {
                    return Err(TreeError::BadParent { node: i, parent: node.parent });
                }
                close_all(&mut open, &mut end, i);
            } else {
                let p = node.parent as usize;
                if p >= i {
                    return Err(TreeError::BadParent { node: i, parent: node.parent });
                }
                if self.nodes[p].is_text() {
                    return Err(TreeError::TextParent { node: i, parent: p });
                }
                while let Some(&top) = open.last() {
                    if top == p {
                        break;
                    }
                    end[top] = i;
                    open.pop();
                }
                if open.is_empty() {
                    return Err(TreeError::OutOfOrder { node: i, parent: p });
                }
                parent[i] = p;
            }
            if !node.is_text() {
                open.push(i);
            }
        }
        close_all(&mut open, &mut end, n);
        Ok(Structure { parent, end })
    }
}

fn close_all(open: &mut Vec<usize>, end: &mut [usize], at: usize) {
    for e in open.drain(..) {
        end[e] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(parents: &[(&str, i64)]) -> PageTree {
        PageTree {
            nodes: parents
                .iter()
                .map(|&(t, p)| if t == TEXT_TAG { TreeNode::text(p, "x") } else { TreeNode::element(t, p) })
                .collect(),
            ..PageTree::default()
        }
    }

    #[test]
    fn subtree_ends_follow_the_parents() {
        let t = tree(&[("body", -1), ("div", 0), ("p", 1), (TEXT_TAG, 2), ("p", 1), ("div", 0), (TEXT_TAG, 5)]);
        let s = t.structure().unwrap();
        assert_eq!(s.end, vec![7, 5, 4, 4, 5, 7, 7]);
        assert_eq!(s.parent[4], 1);
        assert_eq!(s.parent[0], usize::MAX);
    }

    #[test]
    fn malformed_trees_are_errors_that_say_where() {
        let e = tree(&[("body", -1), ("p", 5)]).check().unwrap_err();
        assert_eq!(e, TreeError::BadParent { node: 1, parent: 5 });
        assert!(e.to_string().contains("nodes[1].parent is 5"), "{e}");
        assert_eq!(tree(&[("body", -1), ("p", 1)]).check(), Err(TreeError::BadParent { node: 1, parent: 1 }));
        assert_eq!(tree(&[("body", -2)]).check(), Err(TreeError::BadParent { node: 0, parent: -2 }));
        assert_eq!(
            tree(&[("body", -1), (TEXT_TAG, 0), ("p", 1)]).check(),
            Err(TreeError::TextParent { node: 2, parent: 1 })
        );
        // node 3 claims node 1 as parent, but node 2 (a sibling of 1) came in between
        let e = tree(&[("body", -1), ("div", 0), ("div", 0), ("p", 1)]).check().unwrap_err();
        assert_eq!(e, TreeError::OutOfOrder { node: 3, parent: 1 });
        // a second root closes the first
        assert!(tree(&[("body", -1), ("div", -1), ("p", 0)]).check().is_err());
        assert!(PageTree::default().check().is_ok());
    }

    #[test]
    fn reads_the_json_shape() {
        let json = r##"{"title": "T", "meta": [["description", "D"]], "nodes": [
            {"tag": "body", "parent": -1},
            {"tag": "div", "parent": 0, "id": "m", "class": "story", "hidden": true, "attrs": [["summary", "s"]]},
            {"tag": "#text", "parent": 1, "text": " a\u00a0b "},
            {"tag": "span"}]}"##;
        let t: PageTree = serde_json::from_str(json).unwrap();
        assert_eq!(t.title.as_deref(), Some("T"));
        assert_eq!(t.meta, vec![("description".to_string(), "D".to_string())]);
        assert_eq!(t.nodes[1].attr("class"), Some("story"));
        assert_eq!(t.nodes[1].attr("summary"), Some("s"));
        assert_eq!(t.nodes[1].attr("role"), None);
        assert!(t.nodes[1].hidden && !t.nodes[1].editable);
        assert_eq!(t.nodes[2].text, " a\u{a0}b ");
        assert_eq!(t.nodes[3].parent, -1);
        let back: PageTree = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }
}
