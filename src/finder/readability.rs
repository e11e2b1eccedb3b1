//! Readability's core: pruning, scoring paragraphs into their ancestors, choosing the top
//! candidate and its siblings, and conditional cleaning.

use super::doc::*;
use super::layout::{runs_in, Layout, Run};
use super::*;

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
pub(super) struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

/// Why each node is dropped before scoring (independent of the attempt).
pub(super) struct Pruning {
    /// Boilerplate tags, hidden elements, unlikely roles.
    pub base: Vec<bool>,
    /// `<header>` elements (dropped from the article, searched for the headline).
    pub header: Vec<bool>,
    /// Page furniture by class/id tokens (dropped from the article, searched for the headline and
    /// standfirst).
    pub furniture: Vec<bool>,
    /// Unlikely class/id (first attempt only).
    pub unlikely: Vec<bool>,
}

pub(super) fn pruning(doc: &Doc) -> Pruning {
    let n = doc.len();
    let mut base = vec![false; n];
    let mut header = vec![false; n];
    let mut unlikely = vec![false; n];
    let mut in_table_or_code = vec![false; n];
    let page_furniture = Furniture::new(doc);
    let mut furniture = vec![false; n];
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
                } else {
                    furniture[i] = page_furniture.is_furniture(doc, i);
                    if !matches!(tag, Tag::Body | Tag::A) && !inherited {
                        unlikely[i] = is_unlikely(&doc.class_id(i));
                    }
                }
            }
        }
    }
    Pruning { base, header, furniture, unlikely }
}

/// Page furniture by class/id tokens (the extension's rule): a strong token ("comments",
/// "related", "newsletter"…) marks it unless it holds a large share of the page's paragraph text;
/// a weak one ("sidebar", "meta", "tools"…) unless a positive token is there too or it holds
/// real paragraphs.
struct Furniture {
    /// Text (chars) of the `<p>` elements in each subtree.
    p_text: Vec<u32>,
    big_text: u32,
}

impl Furniture {
    fn new(doc: &Doc) -> Self {
        let n = doc.len();
        let mut in_p = vec![false; n];
        let mut p_text = vec![0u32; n];
        for i in 0..n {
            let p = doc.nodes[i].parent;
            in_p[i] = doc.nodes[i].tag == Tag::P || (p != NONE && in_p[p]);
            if doc.nodes[i].tag == Tag::Text && in_p[i] {
                p_text[i] = doc.nodes[i].text.chars().count() as u32;
            }
        }
        for i in (0..n).rev() {
            let p = doc.nodes[i].parent;
            if p != NONE {
                p_text[p] = p_text[p].saturating_add(p_text[i]);
            }
        }
        let page: u32 = (0..n).filter(|&i| doc.nodes[i].parent == NONE).map(|i| p_text[i]).sum();
        let big_text = FURNITURE_BIG_TEXT_MIN.max((page as f32 * FURNITURE_BIG_TEXT_SHARE) as u32);
        Furniture { p_text, big_text }
    }

    fn is_furniture(&self, doc: &Doc, i: usize) -> bool {
        let tag = doc.nodes[i].tag;
        if !is_block(tag) || matches!(tag, Tag::H(_)) {
            // inline elements (a linked name, a styled word) and headings ("post-title-breadcrumb")
            // are never furniture
            return false;
        }
        let (class, id) = (doc.attr(i, "class").unwrap_or(""), doc.attr(i, "id").unwrap_or(""));
        if class.is_empty() && id.is_empty() {
            return false;
        }
        let (mut strong, mut weak, mut positive) = (false, false, false);
        for t in furniture_tokens(class, id) {
            strong |= STRONG_FURNITURE.contains(&t.as_str());
            weak |= WEAK_FURNITURE.contains(&t.as_str());
            positive |= FURNITURE_POSITIVE.contains(&t.as_str());
        }
        if !(strong || (weak && !positive)) {
            return false;
        }
        self.p_text[i] <= if strong { self.big_text } else { FURNITURE_WEAK_MAX_TEXT }
    }
}

/// The extension's class/id tokens: camelCase split, lower-cased, split on anything but letters
/// and digits, plus each pair of neighbours joined ("related-stories" → "relatedstories").
fn furniture_tokens(class: &str, id: &str) -> Vec<String> {
    let mut raw = String::new();
    let mut prev_lower = false;
    for c in class.chars().chain(std::iter::once(' ')).chain(id.chars()) {
        if prev_lower && c.is_ascii_uppercase() {
            raw.push(' ');
        }
        prev_lower = c.is_ascii_lowercase();
        raw.push(c.to_ascii_lowercase());
    }
    let words: Vec<&str> =
        raw.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit())).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out.extend(words.windows(2).map(|w| format!("{}{}", w[0], w[1])));
    out
}

/// `alive[i]`: neither `i` nor an ancestor is dropped by `dropped`.
pub(super) fn alive_from(doc: &Doc, dropped: impl Fn(usize) -> bool) -> Vec<bool> {
    let n = doc.len();
    let mut alive = vec![false; n];
    for i in 0..n {
        let p = doc.nodes[i].parent;
        alive[i] = (p == NONE || alive[p]) && !dropped(i);
    }
    alive
}

pub(super) struct Extraction {
    /// Chosen containers, in document order.
    pub containers: Vec<usize>,
    /// Runs of the containers after cleaning.
    pub runs: Vec<Run>,
    pub text_len: usize,
    /// What is left of the page after pruning and cleaning.
    pub alive: Vec<bool>,
}

fn init_score(doc: &Doc, i: usize, flags: Flags) -> f32 {
    let base = match doc.nodes[i].tag {
        Tag::Div => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Ol | Tag::Ul | Tag::Li | Tag::Form => -3.0,
        Tag::H(_) | Tag::Th => -5.0,
        Tag::Block => match doc.name(i) {
            "address" | "dl" | "dd" | "dt" => -3.0,
            _ => 0.0,
        },
        _ => 0.0,
    };
    base + if flags.weight_classes { class_weight(doc, i) } else { 0.0 }
}

pub(super) fn extract(doc: &Doc, pr: &Pruning, flags: Flags) -> Extraction {
    let n = doc.len();
    let mut dropped: Vec<bool> = (0..n)
        .map(|i| pr.base[i] || pr.header[i] || pr.furniture[i] || (flags.strip_unlikely && pr.unlikely[i]))
        .collect();
    let alive = alive_from(doc, |i| dropped[i]);
    let runs = Layout::new(doc).run(NONE, &alive);
    let agg = aggregates(doc, &runs, &alive);
    let has_block = has_block_descendants(doc, &alive);
    let body = doc.body().unwrap_or(0);

    let mut sc = score_paragraphs(doc, &runs, &has_block, flags);
    let containers = match top_candidate(doc, &mut sc, &agg, body, &alive, flags) {
        None => vec![body],
        Some(t) => with_siblings(doc, t, &sc, &agg, &runs, &alive, &has_block),
    };
    let cx = Cleaning { agg: &agg, runs: &runs, alive: &alive, flags };
    for &c in &containers {
        clean(doc, c, &cx, &mut dropped);
    }

    let alive = alive_from(doc, |i| dropped[i]);
    let mut out = Vec::new();
    for &c in &containers {
        out.extend(Layout::new(doc).run(c, &alive));
    }
    let text_len = out.iter().map(|r| r.len as usize).sum();
    Extraction { containers, runs: out, text_len, alive }
}

/// Does an element hold block-level descendants? (Readability turns a div without any into a
/// paragraph.)
fn has_block_descendants(doc: &Doc, alive: &[bool]) -> Vec<bool> {
    let n = doc.len();
    let mut has_block = vec![false; n];
    for i in (0..n).rev() {
        let p = doc.nodes[i].parent;
        if p != NONE && alive[i] && (has_block[i] || is_block(doc.nodes[i].tag)) {
            has_block[p] = true;
        }
    }
    has_block
}

/// Candidate containers and their scores.
struct Scores {
    score: Vec<f32>,
    scored: Vec<bool>,
    candidates: Vec<usize>,
}

impl Scores {
    /// Gives `i` its initial score the first time it is seen.
    fn init(&mut self, doc: &Doc, i: usize, flags: Flags) -> bool {
        if self.scored[i] {
            return false;
        }
        self.scored[i] = true;
        self.score[i] = init_score(doc, i, flags);
        true
    }
}

/// Each run of paragraph text scores its container's ancestors (by length and commas).
fn score_paragraphs(doc: &Doc, runs: &[Run], has_block: &[bool], flags: Flags) -> Scores {
    let n = doc.len();
    let mut sc = Scores { score: vec![0.0; n], scored: vec![false; n], candidates: Vec::new() };
    for r in runs {
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
            if sc.init(doc, a, flags) {
                sc.candidates.push(a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            sc.score[a] += s / div;
            a = doc.nodes[a].parent;
            level += 1;
        }
    }
    sc
}

/// The best container (None: the body): the top-scoring candidate after link density, moved up
/// to a common ancestor of near-best candidates, to a better-scoring parent, and from an only
/// child to its parent.
fn top_candidate(doc: &Doc, sc: &mut Scores, agg: &[Agg], body: usize, alive: &[bool], flags: Flags) -> Option<usize> {
    for &c in &sc.candidates {
        sc.score[c] *= 1.0 - agg[c].link_density();
    }
    let score = &sc.score;
    let mut top: Vec<usize> = sc.candidates.clone();
    top.sort_by(|&a, &b| score[b].partial_cmp(&score[a]).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b)));
    top.truncate(N_TOP_CANDIDATES);
    let mut t = top.first().copied().filter(|&t| t != body && doc.contains(body, t))?;

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
    sc.init(doc, t, flags);
    // Climb while the parent scores better.
    let mut last = sc.score[t];
    let threshold = last / 3.0;
    let mut p = doc.nodes[t].parent;
    while p != NONE && p != body {
        if !sc.scored[p] {
            p = doc.nodes[p].parent;
            continue;
        }
        if sc.score[p] < threshold {
            break;
        }
        if sc.score[p] > last {
            t = p;
            break;
        }
        last = sc.score[p];
        p = doc.nodes[p].parent;
    }
    // An only child stands for its parent.
    let mut p = doc.nodes[t].parent;
    while p != NONE && p != body && doc.children(p).filter(|&c| alive[c] && doc.nodes[c].tag != Tag::Text).count() == 1
    {
        t = p;
        p = doc.nodes[p].parent;
    }
    sc.init(doc, t, flags);
    Some(t)
}

/// The top candidate with the siblings that belong to the article, in document order.
fn with_siblings(
    doc: &Doc,
    t: usize,
    sc: &Scores,
    agg: &[Agg],
    runs: &[Run],
    alive: &[bool],
    has_block: &[bool],
) -> Vec<usize> {
    let mut containers = Vec::new();
    let parent = doc.nodes[t].parent;
    if parent == NONE {
        return vec![t];
    }
    let score = &sc.score;
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
        if sc.scored[s] && score[s] + bonus >= threshold {
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
                    runs_in(doc, runs, s).iter().any(|r| r.text.contains(". ") || r.text.ends_with('.'));
                if ends_sentence {
                    containers.push(s);
                }
            }
        }
    }
    containers
}

/// Cleans container `c`: innermost elements first, so that an element is judged without the junk
/// already dropped inside it. What is dropped inside a subtree is subtracted lazily (`gone`), which
/// keeps this linear at any depth.
struct Cleaning<'x> {
    agg: &'x [Agg],
    runs: &'x [Run],
    alive: &'x [bool],
    flags: Flags,
}

fn clean(doc: &Doc, c: usize, cx: &Cleaning, dropped: &mut [bool]) {
    let Cleaning { agg, runs, alive, flags } = *cx;
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
                        && should_clean(doc, &cur, runs, dropped, i, in_figure[k], flags));
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

/// Readability retries with fewer heuristics while the article is too short. When no attempt is
/// long enough, the earliest (strictest) one wins unless a later one found much more text.
pub(super) fn best_extraction(doc: &Doc, pr: &Pruning) -> Option<Extraction> {
    let attempts = [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ];
    let mut tries: Vec<Extraction> = Vec::new();
    for flags in attempts {
        let ex = extract(doc, pr, flags);
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
    tries.into_iter().nth(pick)
}
