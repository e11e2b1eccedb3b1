//! Where the engine's time goes, phase by phase, over JSONL corpora (a profiling aid).
//! cargo run --release --example phases -- FILE.jsonl…
use quotelens::{doc::Doc, entities::Entities, Article, Config};
use std::time::Instant;

fn main() {
    let mut arts = Vec::new();
    let mut bytes = 0;
    for f in std::env::args().skip(1) {
        for l in std::fs::read_to_string(&f).expect("readable file").lines() {
            let v: serde_json::Value = match serde_json::from_str(l) {
                Ok(v) => v,
                Err(_) => continue,
            };
            let t = v["text"].as_str().unwrap_or("");
            bytes += t.len();
            arts.push(Article::from_plain_text(t).0);
        }
    }
    let mb = bytes as f64 / 1e6;
    for pass in 0..2 {
        let t = Instant::now();
        let mut n = 0;
        for a in &arts {
            let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
            n += quotelens::quotes::find_all(&texts).len();
        }
        let q = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for a in &arts {
            for b in &a.blocks {
                n += quotelens::text::tokenize(&b.text).len();
            }
        }
        let tk = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for a in &arts {
            n += Doc::build(a).blocks.len();
        }
        let d = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for a in &arts {
            let doc = Doc::build(a);
            n += Entities::build(&doc).list.len();
        }
        let de = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for a in &arts {
            n += quotelens::analyze(a, &Config::default()).quotes.len();
        }
        let all = t.elapsed().as_secs_f64();
        if pass == 1 {
            println!("{mb:.2} MB: quotes {:.0} ms, tokenize {:.0} ms, doc {:.0} ms, doc+entities {:.0} ms, all {:.0} ms ({:.1} MB/s) [{n}]", q * 1e3, tk * 1e3, d * 1e3, de * 1e3, all * 1e3, mb / all);
        }
    }
}
