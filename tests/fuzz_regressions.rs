//! Inputs the fuzzer (`make fuzz`, `fuzz/`) found crashing, slow or otherwise notable, replayed on
//! every test run: the engine must not panic on them and its output must be sane (spans inside their
//! blocks, on char boundaries, output bounded by the input: `tests/invariants`).
//!
//! `tests/fuzz_regressions/NAME.json`: an article and the config it was fuzzed with, as written by
//! `fuzz-tool save analyze_text|analyze_pieces INPUT NAME`. `NAME.html`: a page for the CLI's
//! article finder (`fuzz-tool save html INPUT NAME`), whose blocks then go to `analyze`.
use std::path::Path;

use quotelens::{analyze, Article, Config};
use serde::Deserialize;

mod invariants;

#[derive(Deserialize)]
struct Case {
    #[serde(flatten)]
    article: Article,
    indirect: bool,
    min_confidence: f32,
    sieves: Vec<String>,
}

fn cases(ext: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    v.sort();
    v
}

fn check(name: &str, article: &Article, cfg: &Config) {
    let a =
        std::panic::catch_unwind(|| analyze(article, cfg)).unwrap_or_else(|_| panic!("{name}: the engine panicked"));
    invariants::check_analysis(article, &a);
}

#[test]
fn fuzzed_articles_analyze_sanely() {
    let cases = cases("json");
    assert!(!cases.is_empty(), "no tests/fuzz_regressions/*.json");
    for (name, json) in cases {
        let case: Case = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut cfg = Config { indirect: case.indirect, min_confidence: case.min_confidence, ..Config::default() };
        cfg.set_sieve_order(&case.sieves).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&name, &case.article, &cfg);
    }
}

#[test]
fn fuzzed_pages_extract_and_analyze_sanely() {
    let cases = cases("html");
    assert!(!cases.is_empty(), "no tests/fuzz_regressions/*.html");
    for (name, html) in cases {
        let article = std::panic::catch_unwind(|| quotelens::html::article_from_html(&html))
            .unwrap_or_else(|_| panic!("{name}: the article finder panicked"));
        check(&name, &article, &Config::default());
    }
}
