//! The HTML extractor (`quotelens::html`) on real news pages.
//!
//! The pages live in `../shared/pages/*/` (`source.html` as the server sent it and
//! `metadata.json` with, among others, the article's `excerpt`). They are licensed for
//! evaluation only and are never copied into this repository; without them this test
//! prints why and passes.
//!
//! For every page: extraction does not panic, yields at least 3 blocks, and — when the
//! excerpt is really part of the page's visible text (often it is only a `<meta>`
//! description) — a good part of it appears in one of the first non-caption blocks.
//! No per-page answers are written here; pages that legitimately fail are listed in
//! `KNOWN_FAILURES`, and the test fails when one of them starts passing so that the list
//! stays honest.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::time::Instant;

use quotelens::api::{Article, BlockKind};
use quotelens::html::article_from_html;

/// Pages that are expected to fail, with the reason.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    // The excerpt is the page's meta description, a rewording of the review's opening
    // ("…is the ultimate video game system…"); its first eight words happen to open the
    // verdict paragraph further down, so the check takes it for a misplaced first
    // paragraph. The extraction itself is right.
    ("engadget", "meta description reworded; its opening words recur in a later paragraph"),
];

/// The excerpt must show up before this many paragraph blocks.
const EXCERPT_WITHIN_PARAGRAPHS: usize = 3;
/// A "good part" of the excerpt: this share of its words in a row…
const GOOD_PART_SHARE: f64 = 0.4;
/// …but at least / at most this many words.
const GOOD_PART_MIN_WORDS: usize = 4;
const GOOD_PART_MAX_WORDS: usize = 8;

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages")
}

/// Lowercased words; typographic quotes and apostrophes fold to ASCII, so "Parry’s" and
/// "Parry's" compare equal; each Chinese or Japanese character counts as a word.
/// `&nbsp;` left as text in a meta tag is dropped.
fn words(s: &str) -> Vec<String> {
    let s = s.replace("&nbsp;", " ");
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => folded.push('\''),
            '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
                folded.push(' ');
                folded.push(c);
                folded.push(' ');
            }
            c => folded.push(c),
        }
    }
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Length of the longest run of consecutive words shared by `a` and `b`.
fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// The page's visible text, roughly: every text node of the body outside script, style,
/// noscript and template.
fn visible_words(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut text = String::new();
    for node in doc.tree.nodes() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "template" | "head" | "title"))
        });
        if !hidden {
            text.push_str(t);
            text.push(' ');
        }
    }
    words(&text)
}

enum Outcome {
    Pass(String),
    Fail(String),
}

fn check_page(dir: &Path) -> Outcome {
    let html = match std::fs::read(dir.join("source.html")) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return Outcome::Fail(format!("cannot read source.html: {e}")),
    };
    let meta: serde_json::Value = match std::fs::read_to_string(dir.join("metadata.json"))
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return Outcome::Fail(format!("bad metadata.json: {e}")),
    };

    let t = Instant::now();
    let article: Article = match std::panic::catch_unwind(|| article_from_html(&html)) {
        Ok(a) => a,
        Err(_) => return Outcome::Fail("article_from_html panicked".into()),
    };
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let n = article.blocks.len();
    if n < 3 {
        return Outcome::Fail(format!("only {n} blocks"));
    }
    if let Some(b) =
        article.blocks.iter().find(|b| b.text.is_empty() || b.text.trim() != b.text || b.text.contains('\u{ad}'))
    {
        return Outcome::Fail(format!("badly normalised block {:?}", b.text));
    }

    let excerpt = words(meta["excerpt"].as_str().unwrap_or(""));
    if excerpt.len() < GOOD_PART_MIN_WORDS {
        return Outcome::Pass(format!("{n} blocks, {ms:.1} ms; excerpt too short to check"));
    }
    let need = ((excerpt.len() as f64 * GOOD_PART_SHARE).ceil() as usize)
        .clamp(GOOD_PART_MIN_WORDS, GOOD_PART_MAX_WORDS)
        .min(excerpt.len());
    if longest_common_run(&excerpt, &visible_words(&html)) < need {
        return Outcome::Pass(format!(
            "{n} blocks, {ms:.1} ms; excerpt is not in the page text (meta only): not checked"
        ));
    }
    // Where it should be: among the first paragraphs (headings, captions and list items
    // before them do not count).
    let opening = &excerpt[..need];
    let mut paragraphs = 0;
    let mut best: Option<(usize, usize)> = None; // (run, block) among the first paragraphs
    for (i, b) in article.blocks.iter().enumerate() {
        let w = words(&b.text);
        let run = longest_common_run(&excerpt, &w);
        if paragraphs < EXCERPT_WITHIN_PARAGRAPHS {
            if run >= need && best.is_none_or(|(r, _)| run > r) {
                best = Some((run, i));
            }
        } else if let Some((run, i)) = best {
            let kind = article.blocks[i].kind;
            if !matches!(kind, BlockKind::Paragraph | BlockKind::Heading) {
                return Outcome::Fail(format!("excerpt found in block {i}, but as {kind:?}"));
            }
            return Outcome::Pass(format!(
                "{n} blocks, {ms:.1} ms; excerpt in block {i} ({run}/{} words)",
                excerpt.len()
            ));
        } else if run >= need {
            if longest_common_run(opening, &w) < need {
                // Only the excerpt's later words occur, further down: the excerpt is a
                // summary written for the page's metadata, not its first paragraph.
                return Outcome::Pass(format!(
                    "{n} blocks, {ms:.1} ms; excerpt paraphrases block {i} ({run}/{} words), not the opening",
                    excerpt.len()
                ));
            }
            return Outcome::Fail(format!(
                "the excerpt's opening is in block {i}, after {paragraphs} paragraphs (expected within {EXCERPT_WITHIN_PARAGRAPHS})"
            ));
        }
        if b.kind == BlockKind::Paragraph {
            paragraphs += 1;
        }
    }
    if let Some((run, i)) = best {
        return Outcome::Pass(format!("{n} blocks, {ms:.1} ms; excerpt in block {i} ({run}/{} words)", excerpt.len()));
    }
    let first: Vec<String> = article.blocks.iter().take(6).map(|b| format!("{:?}: {:.60}", b.kind, b.text)).collect();
    Outcome::Fail(format!(
        "the page's excerpt {:?} is in its text but not in the extracted blocks, which start {first:#?}",
        meta["excerpt"].as_str().unwrap_or("")
    ))
}

#[test]
fn real_pages() {
    let root = pages_dir();
    let Ok(entries) = std::fs::read_dir(&root) else {
        println!("SKIP html_pages: {} is absent (the shared evaluation pages are not available here)", root.display());
        return;
    };
    let mut dirs: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("source.html").is_file()).collect();
    dirs.sort();
    if dirs.is_empty() {
        println!("SKIP html_pages: no */source.html under {}", root.display());
        return;
    }

    let mut problems = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let known = KNOWN_FAILURES.iter().find(|(n, _)| *n == name);
        match (check_page(dir), known) {
            (Outcome::Pass(msg), None) => println!("ok    {name}: {msg}"),
            (Outcome::Fail(msg), Some((_, why))) => {
                println!("known {name}: {msg} (known failure: {why})")
            }
            (Outcome::Fail(msg), None) => {
                println!("FAIL  {name}: {msg}");
                problems.push(format!("{name}: {msg}"));
            }
            (Outcome::Pass(msg), Some(_)) => {
                println!("FIXED {name}: {msg}");
                problems.push(format!("{name} now passes: remove it from KNOWN_FAILURES"));
            }
        }
    }
    assert!(problems.is_empty(), "{} page(s) failed:\n{}", problems.len(), problems.join("\n"));
}
