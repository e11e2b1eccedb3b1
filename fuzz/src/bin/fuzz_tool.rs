//! Helpers around the fuzz targets (plain stable build, no fuzzing runtime needed):
//!
//! fuzz-tool time TARGET [--scale N] [--top K] [--max-growth G] DIR_OR_FILE...
//!     The linearity guard. Times every input once as it is and once repeated N times (default 32),
//!     decoding included, and prints the inputs with the highest time per byte and the highest growth
//!     of time per byte from 1× to N× (1 = linear; a quadratic step shows as ≈ N). An input whose growth
//!     is above G (default 4) is timed again, longer; exits 1 when one still is.
//! fuzz-tool save TARGET INPUT NAME
//!     Turns a fuzz input (a crash, a timeout, a slow unit) into a regression case for
//!     tests/fuzz_regressions.rs: tests/fuzz_regressions/NAME.json (the decoded blocks and config) or,
//!     for the html target, NAME.html.
//! fuzz-tool run TARGET INPUT...
//!     Runs inputs through a target's check once each, outside libFuzzer (for a stack trace).

use std::path::{Path, PathBuf};
use std::time::Instant;

use quotelens_fuzz::{decoder, run, Decode, HEADER};

fn usage() -> ! {
    eprintln!("usage: fuzz-tool time TARGET [--scale N] [--top K] [--max-growth G] DIR_OR_FILE...");
    eprintln!("       fuzz-tool save TARGET INPUT NAME");
    eprintln!("       fuzz-tool run TARGET INPUT...");
    eprintln!("targets: analyze_text, analyze_pieces, html");
    std::process::exit(2)
}

fn inputs(paths: &[String]) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for p in paths {
        let p = Path::new(p);
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                v.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
            }
        } else if p.is_file() {
            v.push(p.to_path_buf());
        } else {
            eprintln!("fuzz-tool: {} does not exist, skipped", p.display());
        }
    }
    v.sort();
    v
}

/// The input repeated `n` times (a config header once, at the start).
fn scaled(data: &[u8], n: usize) -> Vec<u8> {
    let (head, body) = match data {
        [HEADER, _, ..] => data.split_at(2),
        _ => data.split_at(0),
    };
    let mut v = head.to_vec();
    for _ in 0..n {
        v.extend_from_slice(body);
    }
    v
}

/// Nanoseconds per run: the best of `rounds` rounds, each repeating the run for at least `micros` µs.
fn time_ns(decode: Decode, data: &[u8], rounds: usize, micros: u128) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let t0 = Instant::now();
        let mut reps = 0u32;
        while reps == 0 || t0.elapsed().as_micros() < micros {
            std::hint::black_box(run(decode, std::hint::black_box(data)));
            reps += 1;
        }
        best = best.min(t0.elapsed().as_nanos() as f64 / reps as f64);
    }
    best
}

struct Timing {
    path: PathBuf,
    bytes: usize,
    ns_per_byte: f64,
    scaled_bytes: usize,
    scaled_ns_per_byte: f64,
    growth: f64,
}

fn time_cmd(decode: Decode, args: &[String]) -> i32 {
    let (mut scale, mut top, mut max_growth) = (32usize, 10usize, 4.0f64);
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = |what: &str| -> f64 {
            it.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("fuzz-tool: {what} needs a number");
                usage()
            })
        };
        match a.as_str() {
            "--scale" => scale = num("--scale").max(2.0) as usize,
            "--top" => top = num("--top") as usize,
            "--max-growth" => max_growth = num("--max-growth"),
            _ => paths.push(a.clone()),
        }
    }
    let files = inputs(&paths);
    if files.is_empty() {
        eprintln!("fuzz-tool: no inputs");
        return 2;
    }
    let mut rows: Vec<Timing> = Vec::new();
    for path in files {
        let Ok(data) = std::fs::read(&path) else { continue };
        if data.is_empty() {
            continue;
        }
        let big = scaled(&data, scale);
        let (b1, bn) = (data.len(), big.len());
        let growth = |rounds, micros| {
            let (r1, rn) =
                (time_ns(decode, &data, rounds, micros) / b1 as f64, time_ns(decode, &big, rounds, micros) / bn as f64);
            (r1, rn, rn / r1)
        };
        let (mut r1, mut rn, mut g) = growth(1, 1000);
        if g > max_growth {
            // a quick first look (1 ms per size); the machine is shared, so a flagged input is timed
            // again, best of 10 rounds of 10 ms, before it counts
            (r1, rn, g) = growth(10, 10_000);
        }
        rows.push(Timing { path, bytes: b1, ns_per_byte: r1, scaled_bytes: bn, scaled_ns_per_byte: rn, growth: g });
    }
    let n = rows.len();
    let median = |f: fn(&Timing) -> f64| {
        let mut v: Vec<f64> = rows.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{n} inputs; median ns/byte: {:.1} as they are, {:.1} repeated {scale}×; median growth {:.2}",
        median(|t| t.ns_per_byte),
        median(|t| t.scaled_ns_per_byte),
        median(|t| t.growth)
    );
    let show = |title: &str, rows: &mut Vec<Timing>, key: fn(&Timing) -> f64| {
        rows.sort_by(|a, b| key(b).total_cmp(&key(a)));
        println!("{title}");
        println!("  {:>8} {:>10} {:>10} {:>12} {:>8}  input", "bytes", "ns/byte", "bytes×N", "ns/byte×N", "growth");
        for t in rows.iter().take(top) {
            println!(
                "  {:>8} {:>10.1} {:>10} {:>12.1} {:>8.2}  {}",
                t.bytes,
                t.ns_per_byte,
                t.scaled_bytes,
                t.scaled_ns_per_byte,
                t.growth,
                t.path.display()
            );
        }
    };
    show(&format!("slowest per byte, repeated {scale}×:"), &mut rows, |t| t.scaled_ns_per_byte);
    show(&format!("largest growth of ns/byte from 1× to {scale}× (1 = linear):"), &mut rows, |t| t.growth);
    let bad: Vec<&Timing> = rows.iter().filter(|t| t.growth > max_growth).collect();
    if bad.is_empty() {
        println!("linearity: no input's time per byte grows more than {max_growth}× when repeated {scale}×");
        0
    } else {
        println!("linearity: {} input(s) grow more than {max_growth}× (see above)", bad.len());
        1
    }
}

fn save_cmd(target: &str, decode: Decode, input: &str, name: &str) -> i32 {
    let data = match std::fs::read(input) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fuzz-tool: {input}: {e}");
            return 2;
        }
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz_regressions");
    let _ = std::fs::create_dir_all(&dir);
    let (path, body) = if target == "html" {
        (dir.join(format!("{name}.html")), String::from_utf8_lossy(&data).into_owned())
    } else {
        let (article, cfg) = decode(&data);
        let blocks: Vec<String> = article
            .blocks
            .iter()
            .map(|b| {
                format!(
                    "{{\"kind\":{},\"text\":{}}}",
                    json_str(&format!("{:?}", b.kind).to_lowercase()),
                    json_str(&b.text)
                )
            })
            .collect();
        let sieves: Vec<String> = cfg.sieves.iter().map(|s| json_str(s.id())).collect();
        let body = format!(
            "{{\"target\":{},\"indirect\":{},\"min_confidence\":{},\"sieves\":[{}],\"blocks\":[\n{}\n]}}\n",
            json_str(target),
            cfg.indirect,
            cfg.min_confidence,
            sieves.join(","),
            blocks.join(",\n")
        );
        (dir.join(format!("{name}.json")), body)
    };
    if let Err(e) = std::fs::write(&path, body) {
        eprintln!("fuzz-tool: {}: {e}", path.display());
        return 2;
    }
    println!("wrote {}", path.display());
    0
}

/// A JSON string literal with control, space-like and invisible characters escaped, so the file shows
/// them plainly (letters of any script and emoji stay as they are).
fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            ' ' => o.push(c),
            c if !(c.is_control()
                || c.is_whitespace()
                || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}')
                || matches!(c, '\u{FEFF}' | '\u{FFF0}'..='\u{FFFF}')) =>
            {
                o.push(c)
            }
            _ => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    o.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    o.push('"');
    o
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        usage();
    }
    let Some(decode) = decoder(&args[1]) else { usage() };
    let code = match args[0].as_str() {
        "time" => time_cmd(decode, &args[2..]),
        "save" if args.len() == 4 => save_cmd(&args[1], decode, &args[2], &args[3]),
        "run" => {
            for f in inputs(&args[2..]) {
                let data = std::fs::read(&f).unwrap_or_default();
                run(decode, &data);
                println!("ok {}", f.display());
            }
            0
        }
        _ => usage(),
    };
    std::process::exit(code);
}
