//! Evaluation against annotated news (the JSONL format of `../shared/data`): precision, recall
//! and F1 at 0.3 and 0.8 overlap, speaker accuracy, and per-rule precision. Scored as the
//! Gender Gap Tracker's evaluation (and `shared/tools/score.py`): a prediction matches a gold
//! quote when it covers more than the threshold of the gold quote's characters; greedy, best
//! overlap first, one to one. Offsets are Unicode code points.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct GoldQuote {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_spans: Option<Vec<[usize; 2]>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct PredQuote {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_mentions: Vec<[usize; 2]>,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub confidence: f64,
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "gen",
    "sen",
    "rep",
    "gov",
    "president",
    "premier",
    "minister",
    "prime",
    "chief",
    "the",
    "herr",
    "frau",
];

fn norm_name(s: &str) -> Vec<String> {
    let mut toks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() || c == '_' || c == '\'' || c == '’' || c == '-' {
            cur.push(if c == '’' { '\'' } else { c });
        } else if !cur.is_empty() {
            toks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    let toks: Vec<String> = toks.into_iter().map(|t| t.strip_suffix("'s").map(str::to_string).unwrap_or(t)).collect();
    let mut i = 0;
    while i < toks.len() && TITLES.contains(&toks[i].trim_end_matches('.')) {
        i += 1;
    }
    toks[i..].to_vec()
}

/// Same name: equal after normalising, or one is a token suffix (or a 2+ token prefix) of the other.
pub fn name_match(pred: &str, gold: &str) -> bool {
    let (p, g) = (norm_name(pred), norm_name(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    if p == g {
        return true;
    }
    let (short, long) = if p.len() < g.len() { (&p, &g) } else { (&g, &p) };
    long[long.len() - short.len()..] == short[..] || (long[..short.len()] == short[..] && short.len() >= 2)
}

fn acronym(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let mut cs = w.chars();
        if let Some(c) = cs.next() {
            if c.is_ascii_uppercase() && !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for") {
                out.push(c);
            }
        }
    }
    out
}

/// "DHS" vs "Department of Homeland Security", either way round.
pub fn acronym_match(pred: &str, gold: &str) -> bool {
    let (p, g) = (pred.trim(), gold.trim());
    if p.is_empty() || g.is_empty() {
        return false;
    }
    let is_acr = |s: &str| {
        s.chars().any(|c| c.is_alphabetic())
            && s.chars().all(|c| !c.is_lowercase())
            && (2..=6).contains(&s.chars().count())
    };
    (is_acr(p) && acronym(g).ends_with(p)) || (is_acr(g) && acronym(p).ends_with(g))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn is_direct(kind: &str) -> bool {
    kind == "direct" || kind == "mixed"
}

/// Greedy one-to-one matching, best overlap first. Returns (gold index, pred index) pairs.
pub fn match_quotes(gold: &[&GoldQuote], pred: &[&PredQuote], thr: f64) -> Vec<(usize, usize)> {
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let glen = (g.end.saturating_sub(g.start)).max(1) as f64;
        for (pi, p) in pred.iter().enumerate() {
            let ov = overlap((g.start, g.end), (p.start, p.end)) as f64 / glen;
            if ov > thr {
                cands.push((ov, gi, pi));
            }
        }
    }
    // as Python's sort(reverse=True) on tuples
    cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

fn speaker_ok(g: &GoldQuote, p: &PredQuote, strict: bool) -> bool {
    let gs = g.speaker.as_deref().unwrap_or("");
    let ps = p.speaker.as_deref().unwrap_or("");
    if name_match(ps, gs) || acronym_match(ps, gs) {
        return true;
    }
    if strict {
        return false;
    }
    for gsp in g.speaker_spans.iter().flatten() {
        for psp in &p.speaker_mentions {
            if overlap((gsp[0], gsp[1]), (psp[0], psp[1])) > 0 {
                return true;
            }
        }
    }
    false
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Score {
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    /// Among matched quotes with a gold speaker: right by name or by mention overlap.
    pub speaker_acc: Option<f64>,
    /// Among matched quotes with a gold speaker: right by name alone.
    pub speaker_acc_name: Option<f64>,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct RuleStat {
    pub predicted: usize,
    pub matched: usize,
    pub speaker_right: usize,
}

pub struct Doc {
    pub gold: Vec<GoldQuote>,
    pub pred: Vec<PredQuote>,
}

/// Scores one class ("direct" = direct+mixed, "indirect", or both) at one threshold.
pub fn score(
    docs: &[Doc],
    direct: bool,
    indirect: bool,
    thr: f64,
    rules: Option<&mut BTreeMap<String, RuleStat>>,
) -> Score {
    let mut s = Score::default();
    let (mut spk_total, mut spk_ok, mut spk_ok_strict) = (0usize, 0usize, 0usize);
    let mut rules = rules;
    let want = |k: &str| (direct && is_direct(k)) || (indirect && !is_direct(k));
    for d in docs {
        let gq: Vec<&GoldQuote> = d.gold.iter().filter(|q| want(q.kind.as_deref().unwrap_or("direct"))).collect();
        let pq: Vec<&PredQuote> = d.pred.iter().filter(|q| want(&q.kind)).collect();
        s.gold += gq.len();
        s.pred += pq.len();
        let pairs = match_quotes(&gq, &pq, thr);
        s.tp += pairs.len();
        if let Some(r) = rules.as_deref_mut() {
            for p in &pq {
                r.entry(p.rule.clone()).or_default().predicted += 1;
            }
        }
        for (gi, pi) in pairs {
            let (g, p) = (gq[gi], pq[pi]);
            let has_speaker = g.speaker.as_deref().is_some_and(|x| !x.is_empty());
            let ok = has_speaker && speaker_ok(g, p, false);
            if has_speaker {
                spk_total += 1;
                spk_ok += ok as usize;
                spk_ok_strict += speaker_ok(g, p, true) as usize;
            }
            if let Some(r) = rules.as_deref_mut() {
                let e = r.entry(p.rule.clone()).or_default();
                e.matched += 1;
                e.speaker_right += ok as usize;
            }
        }
    }
    let p = if s.pred > 0 { s.tp as f64 / s.pred as f64 } else { 0.0 };
    let r = if s.gold > 0 { s.tp as f64 / s.gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    s.p = 100.0 * p;
    s.r = 100.0 * r;
    s.f1 = 100.0 * f;
    if spk_total > 0 {
        s.speaker_acc = Some(100.0 * spk_ok as f64 / spk_total as f64);
        s.speaker_acc_name = Some(100.0 * spk_ok_strict as f64 / spk_total as f64);
    }
    s
}

/// Upper bounds of the reliability table's confidence bands (the last band is closed).
pub const RELIABILITY_BANDS: &[f64] = &[0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// One confidence band of the reliability table.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Band {
    pub lo: f64,
    pub hi: f64,
    pub predicted: usize,
    pub matched: usize,
    /// Matched with the right speaker (as speaker accuracy counts it: the name, or a mention
    /// overlapping the gold one) — the share a confidence promises.
    pub right: usize,
}

/// Predictions grouped by confidence band, with how many of each band matched a gold quote
/// (all kinds together, greedy one-to-one at `thr`, as `score`).
pub fn reliability(docs: &[Doc], thr: f64) -> Vec<Band> {
    let mut bands: Vec<Band> = RELIABILITY_BANDS
        .iter()
        .scan(0.0, |lo, &hi| {
            let b = Band { lo: *lo, hi, ..Default::default() };
            *lo = hi;
            Some(b)
        })
        .collect();
    let band_of = |c: f64| RELIABILITY_BANDS.iter().position(|&hi| c < hi).unwrap_or(RELIABILITY_BANDS.len() - 1);
    for d in docs {
        let gq: Vec<&GoldQuote> = d.gold.iter().collect();
        let pq: Vec<&PredQuote> = d.pred.iter().collect();
        let pairs = match_quotes(&gq, &pq, thr);
        for (i, p) in pq.iter().enumerate() {
            let b = &mut bands[band_of(p.confidence)];
            b.predicted += 1;
            if let Some(&(g, _)) = pairs.iter().find(|&&(_, pi)| pi == i) {
                b.matched += 1;
                b.right += speaker_ok(gq[g], p, false) as usize;
            }
        }
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_like_the_reference_scorer() {
        assert!(name_match("Jacque Vaughn", "Vaughn"));
        assert!(name_match("Mr. Vaughn", "Jacque Vaughn"));
        assert!(!name_match("Jacque Vaughn", "Jacque Smith"));
        assert!(acronym_match("DHS", "US Department of Homeland Security"));
        assert!(acronym_match("US Department of Homeland Security", "DHS"));
        assert!(!acronym_match("FBI", "US Department of Homeland Security"));
    }

    #[test]
    fn matching_is_greedy_one_to_one() {
        let g = [
            GoldQuote { start: 0, end: 10, ..Default::default() },
            GoldQuote { start: 20, end: 30, ..Default::default() },
        ];
        let p = [PredQuote { start: 0, end: 30, ..Default::default() }];
        let gr: Vec<&GoldQuote> = g.iter().collect();
        let pr: Vec<&PredQuote> = p.iter().collect();
        assert_eq!(match_quotes(&gr, &pr, 0.3).len(), 1);
        let p2 = [PredQuote { start: 0, end: 2, ..Default::default() }];
        let pr2: Vec<&PredQuote> = p2.iter().collect();
        assert!(match_quotes(&gr, &pr2, 0.3).is_empty(), "20% overlap is not a match at 0.3");
    }
}
