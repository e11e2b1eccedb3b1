//! Layout: the page's text as *runs*, the way a browser makes block boxes. Block elements start
//! and end a run, inline elements are joined without adding spaces; HTML whitespace collapses to
//! one space, soft hyphens are dropped, one `<br>` is a space and `BR_CHAIN_BREAK` of them end the
//! run. Every run keeps its [`Piece`]s: where each stretch of its text came from.

use super::doc::{is_block, Doc, Tag, NONE};
use super::*;

#[derive(Debug, Clone)]
pub(super) struct Run {
    /// Innermost block element holding the run (`NONE` when laid out from a text node).
    pub owner: usize,
    /// First node of the run (document order).
    pub first: usize,
    pub text: String,
    pub kind: BlockKind,
    pub len: u32,
    pub link_len: u32,
    pub commas: u32,
    pub in_list: bool,
    pub pieces: Vec<Piece>,
}

pub(super) fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

pub(super) fn is_edge_junk(c: char) -> bool {
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

pub(super) struct Layout<'d, 'a> {
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
    /// Characters laid out so far, and where to stop (see [`Layout::with_budget`]).
    chars: usize,
    budget: usize,
    /// Where the run's text came from.
    pieces: Vec<Piece>,
    /// The first whitespace character of the pending space, (node, byte offset).
    space_from: Option<(usize, usize)>,
}

impl<'d, 'a> Layout<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>) -> Self {
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
            chars: 0,
            budget: usize::MAX,
            pieces: Vec::new(),
            space_from: None,
        }
    }

    /// A layout that stops once it has laid out more than `budget` characters (the caller then
    /// knows the text is longer than it cares for, without laying out the rest).
    pub fn with_budget(doc: &'d Doc<'a>, budget: usize) -> Self {
        Layout { budget, ..Layout::new(doc) }
    }

    /// Did the layout stop at its budget?
    fn over_budget(&self) -> bool {
        self.chars > self.budget
    }

    fn push_text(&mut self, node: usize, s: &str) {
        for (offset, c) in s.char_indices() {
            if is_html_space(c) {
                self.pending_space = true;
                self.space_from.get_or_insert((node, offset));
                continue;
            }
            if c == '\u{ad}' {
                continue;
            }
            self.brs = 0;
            if self.buf.is_empty() {
                self.first = node;
            } else if self.pending_space {
                // the space stands for a whitespace run (its first character) or for a <br>
                // (the character after it)
                let (n, o) = self.space_from.unwrap_or((node, offset));
                self.push_char(' ', n, o);
                if self.a_depth > 0 {
                    self.link_len += 1;
                }
            }
            self.pending_space = false;
            self.space_from = None;
            self.push_char(c, node, offset);
            if self.a_depth > 0 {
                self.link_len += 1;
            }
        }
    }

    /// Appends `c`, which comes from `node`'s text at byte `offset`, growing the last piece when
    /// it continues it.
    fn push_char(&mut self, c: char, node: usize, offset: usize) {
        let at = self.buf.len();
        self.chars += 1;
        self.buf.push(c);
        let len = self.buf.len() - at;
        if let Some(p) = self.pieces.last_mut() {
            if p.node == node && p.at + p.len == at && p.offset + p.len == offset {
                p.len += len;
                return;
            }
        }
        self.pieces.push(Piece { at, node, offset, len });
    }

    fn flush(&mut self) {
        self.pending_space = false;
        self.space_from = None;
        self.brs = 0;
        if self.buf.is_empty() {
            return;
        }
        let raw = std::mem::take(&mut self.buf);
        let pieces = std::mem::take(&mut self.pieces);
        let start = raw.len() - raw.trim_start_matches(is_edge_junk).len();
        let text = raw[start..].trim_end_matches(is_edge_junk);
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
            pieces: clip_pieces(pieces, start, start + text.len()),
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
    pub fn run(self, root: usize, alive: &[bool]) -> Vec<Run> {
        self.run_capped(root, alive).0
    }

    /// [`Layout::run`], and whether it stopped at the budget (the runs are then incomplete).
    pub fn run_capped(mut self, root: usize, alive: &[bool]) -> (Vec<Run>, bool) {
        let (from, to) = if root == NONE { (0, self.doc.len()) } else { (root, self.doc.nodes[root].end) };
        let mut i = from;
        while i < to && !self.over_budget() {
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
        let over = self.over_budget();
        while !self.stack.is_empty() {
            self.close();
        }
        self.flush();
        (self.runs, over)
    }
}

/// Runs whose first node lies in the subtree of `root`.
pub(super) fn runs_in<'r>(doc: &Doc, runs: &'r [Run], root: usize) -> &'r [Run] {
    let end = doc.nodes[root].end;
    let a = runs.partition_point(|r| r.first < root);
    let b = runs.partition_point(|r| r.first < end);
    &runs[a..b.max(a)]
}

/// The pieces inside `[from, to)` of the text they map, shifted to start at `from`.
pub(super) fn clip_pieces(pieces: Vec<Piece>, from: usize, to: usize) -> Vec<Piece> {
    pieces
        .into_iter()
        .filter_map(|p| {
            let a = p.at.max(from);
            let b = (p.at + p.len).min(to);
            (a < b).then(|| Piece { at: a - from, node: p.node, offset: p.offset + (a - p.at), len: b - a })
        })
        .collect()
}

/// The text of several runs joined by spaces, with its pieces. A joining space maps to the first
/// character of the run after it.
pub(super) fn join_runs(runs: &[Run]) -> (String, Vec<Piece>) {
    let mut text = String::new();
    let mut pieces = Vec::new();
    for r in runs {
        if !text.is_empty() {
            if let Some(p) = r.pieces.first() {
                pieces.push(Piece { at: text.len(), node: p.node, offset: p.offset, len: 1 });
            }
            text.push(' ');
        }
        let at = text.len();
        pieces.extend(r.pieces.iter().map(|p| Piece { at: p.at + at, ..*p }));
        text.push_str(&r.text);
    }
    (text, pieces)
}
