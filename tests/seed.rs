//! The seed article (../shared/fixtures/seed): a real news story with hand-made gold. Read at
//! test time, never copied into the repository; skipped with a message when ../shared is absent.
mod common;
use quotelens::{analyze, Article, Config};
use std::path::PathBuf;

fn seed() -> Option<(String, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/seed");
    let text = std::fs::read_to_string(dir.join("kaspersky-statement.txt")).ok()?;
    let gold = std::fs::read_to_string(dir.join("gold.json")).ok()?;
    Some((text, serde_json::from_str(&gold).expect("gold.json is JSON")))
}

macro_rules! need_seed {
    () => {
        match seed() {
            Some(s) => s,
            None => {
                eprintln!("SKIP: ../shared/fixtures/seed is absent");
                return;
            }
        }
    };
}

/// Code-point overlap share of `g` covered by `p`.
fn cover(p: (usize, usize), g: (usize, usize)) -> f64 {
    let ov = p.1.min(g.1).saturating_sub(p.0.max(g.0));
    ov as f64 / (g.1 - g.0).max(1) as f64
}

fn predictions(text: &str) -> Vec<(usize, usize, &'static str, Option<String>)> {
    let (article, starts) = Article::from_plain_text(text);
    let a = analyze(&article, &Config::default());
    let idx = quotelens::offsets::Utf16Index::new(text);
    a.quotes
        .iter()
        .map(|q| {
            let s = idx.to_code_points(starts[q.span.block] + q.span.start);
            let e = idx.to_code_points(starts[q.span.block] + q.span.end);
            (s, e, q.kind.as_str(), q.speaker.map(|i| a.speakers[i].name.clone()))
        })
        .collect()
}

#[test]
fn all_eight_direct_quotes_found_and_attributed() {
    let (text, gold) = need_seed!();
    let preds = predictions(&text);
    let gold_direct: Vec<&serde_json::Value> =
        gold["quotes"].as_array().unwrap().iter().filter(|q| q["kind"] == "direct").collect();
    assert_eq!(gold_direct.len(), 8);
    for g in gold_direct {
        let gs = (g["start"].as_u64().unwrap() as usize, g["end"].as_u64().unwrap() as usize);
        let hit = preds.iter().filter(|p| p.2 != "indirect").find(|p| cover((p.0, p.1), gs) >= 0.8);
        let hit = hit.unwrap_or_else(|| panic!("direct quote not found: {}", g["text"]));
        let want = g["speaker"].as_str().unwrap();
        assert_eq!(hit.3.as_deref(), Some(want), "speaker of {}", g["text"]);
    }
}

#[test]
fn at_least_six_of_eight_indirect_quotes() {
    let (text, gold) = need_seed!();
    let preds = predictions(&text);
    let found = gold["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["kind"] == "indirect")
        .filter(|g| {
            let gs = (g["start"].as_u64().unwrap() as usize, g["end"].as_u64().unwrap() as usize);
            preds
                .iter()
                .any(|p| p.2 == "indirect" && cover((p.0, p.1), gs) > 0.3 && p.3.as_deref() == g["speaker"].as_str())
        })
        .count();
    assert!(found >= 6, "only {found} of 8 indirect quotes found with the right speaker");
}

#[test]
fn scare_quoted_links_is_not_a_quote_and_dhs_is_one_speaker() {
    let (text, _) = need_seed!();
    let (article, _) = Article::from_plain_text(&text);
    let a = analyze(&article, &Config::default());
    for q in &a.quotes {
        let t = &article.blocks[q.span.block].text[q.span.start..q.span.end];
        assert_ne!(t.trim_matches('\''), "links", "'links' reported as a quote");
        assert!(!(q.kind != quotelens::QuoteKind::Indirect && t.starts_with("'links")), "'links' reported");
    }
    let names: Vec<&str> = a.speakers.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"US Department of Homeland Security"), "{names:?}");
    assert!(!names.contains(&"DHS"), "DHS must resolve to the department: {names:?}");
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("the company")), "{names:?}");
}
