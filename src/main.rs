//! The `quotelens` command line: extract quotes from text, HTML or JSONL; evaluate against
//! annotated news; benchmark the engine.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // `quotelens eval … | head`: a reader that stops reading is no error. Rust ignores SIGPIPE, so
    // `println!` to the closed pipe panics; end quietly instead, with the status a SIGPIPE gives.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg =
            payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if msg.is_some_and(|m| m.starts_with("failed printing to stdout") && m.contains("Broken pipe")) {
            std::process::exit(EXIT_BROKEN_PIPE);
        }
        default_hook(info);
    }));
    std::process::exit(cli::run());
}

/// 128 + SIGPIPE: what a shell reports for a writer whose reader went away.
#[cfg(not(target_arch = "wasm32"))]
const EXIT_BROKEN_PIPE: i32 = 141;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::builder::PossibleValuesParser;
    use clap::{Parser, Subcommand};
    use quotelens::eval::{self, GoldQuote, PredQuote, RuleStat};
    use quotelens::export::{self, QuoteRecord};
    use quotelens::offsets::Utf16Index;
    use quotelens::{analyze, Analysis, Article, Config};
    use serde_json::{json, Value};
    use std::collections::BTreeMap;
    use std::io::{BufRead, IsTerminal, Read, Write};
    use std::sync::{mpsc, Arc, Mutex};
    use std::time::{Duration, Instant};

    #[derive(Parser)]
    #[command(
        name = "quotelens",
        version,
        about = "Who said what: every quotation in a news article, with its speaker resolved"
    )]
    struct Cli {
        #[command(subcommand)]
        cmd: Cmd,
    }

    #[derive(clap::Args, Clone)]
    struct EngineOpts {
        /// Drop quotes below this confidence (0..1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f32,
        /// Do not look for indirect (or mixed) speech: the indirect rules do not run.
        #[arg(long)]
        no_indirect: bool,
        /// The rules that run, in order: comma-separated rule ids; a rule left out does not run
        /// (default: every rule, in the order listed below).
        #[arg(long, value_delimiter = ',', value_parser = PossibleValuesParser::new(quotelens::sieves::RULE_IDS))]
        sieves: Option<Vec<String>>,
        /// The articles' language (en, de); default: detected from each article's text.
        #[arg(long)]
        lang: Option<String>,
    }

    impl EngineOpts {
        fn config(&self) -> Result<Config, String> {
            let mut c =
                Config { min_confidence: self.min_confidence, indirect: !self.no_indirect, ..Config::default() };
            if let Some(s) = &self.sieves {
                c.set_sieve_order(s)?;
            }
            c.set_language(self.lang.as_deref())?;
            Ok(c)
        }
    }

    #[derive(Subcommand)]
    enum Cmd {
        /// Find every quotation and its speaker in FILE (plain text or HTML; `-` for stdin), or
        /// in each line of a JSONL stream (`--jsonl`: stdin → stdout).
        Extract {
            /// Input file (text or HTML). Omit with --jsonl.
            file: Option<String>,
            /// JSON output instead of the readable listing.
            #[arg(long)]
            json: bool,
            /// Read `{"id","text"}` lines on stdin, write one result line each on stdout.
            #[arg(long)]
            jsonl: bool,
            /// Treat the input as HTML (default: guessed from the content).
            #[arg(long)]
            html: bool,
            /// With --jsonl: documents analysed at once, one thread each (default: all cores).
            /// The output keeps the input order.
            #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..))]
            jobs: Option<u32>,
            #[command(flatten)]
            opts: EngineOpts,
        },
        /// Score the engine against annotated JSONL (P/R/F1 at 0.3 and 0.8, speaker accuracy,
        /// per-rule precision).
        Eval {
            gold: String,
            /// Only documents whose meta.split is this (e.g. dev).
            #[arg(long)]
            split: Option<String>,
            /// Write the predictions (the `extract --jsonl` contract) to this file.
            #[arg(long)]
            dump: Option<String>,
            /// Print the scores as one JSON object.
            #[arg(long)]
            json: bool,
            /// Also print the reliability table: confidence band → measured precision.
            #[arg(long)]
            reliability: bool,
            #[command(flatten)]
            opts: EngineOpts,
        },
        /// Measure engine throughput (MB/s of article text, one core) over JSONL corpora.
        Bench {
            files: Vec<String>,
            /// Passes over the corpus.
            #[arg(long, default_value_t = 3)]
            iterations: usize,
            /// Also time three hostile 1 MB inputs (10⁵ unbalanced marks, one 1 MB paragraph,
            /// 10⁵ tiny paragraphs).
            #[arg(long)]
            hostile: bool,
        },
    }

    pub fn run() -> i32 {
        let cli = Cli::parse();
        let res = match cli.cmd {
            Cmd::Extract { file, json, jsonl, html, jobs, opts } => match opts.config() {
                Err(e) => Err(e),
                Ok(cfg) => {
                    if jsonl {
                        if file.is_some() {
                            Err("--jsonl reads stdin; give no FILE".into())
                        } else {
                            let all = std::thread::available_parallelism().map_or(1, |n| n.get());
                            extract_jsonl(&cfg, jobs.map_or(all, |j| j as usize))
                        }
                    } else {
                        match file {
                            None => Err("give a FILE (or - for stdin), or --jsonl".into()),
                            Some(f) => extract_file(&f, json, html, &cfg).map(|_| 0),
                        }
                    }
                }
            },
            Cmd::Eval { gold, split, dump, json, reliability, opts } => opts
                .config()
                .and_then(|cfg| run_eval(&gold, split.as_deref(), dump.as_deref(), json, &cfg))
                .map(|scored| {
                    if reliability {
                        print_reliability(&scored);
                    }
                    0
                }),
            Cmd::Bench { files, iterations, hostile } => {
                if hostile {
                    run_hostile();
                }
                if files.is_empty() && hostile {
                    Ok(0)
                } else {
                    run_bench(&files, iterations).map(|_| 0)
                }
            }
        };
        match res {
            Ok(code) => code,
            Err(e) => {
                eprintln!("quotelens: {e}");
                2
            }
        }
    }

    fn read_input(path: &str) -> Result<String, String> {
        let mut buf = Vec::new();
        if path == "-" {
            std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("stdin: {e}"))?;
        } else {
            buf = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        }
        Ok(String::from_utf8_lossy(&buf).into_owned())
    }

    fn looks_like_html(s: &str) -> bool {
        let head: String = s.chars().take(2000).collect::<String>().to_ascii_lowercase();
        head.contains("<html")
            || head.contains("<!doctype html")
            || head.contains("<body")
            || head.contains("<p>")
            || head.contains("<p ")
    }

    fn safe_analyze(article: &Article, cfg: &Config) -> Result<Analysis, String> {
        std::panic::catch_unwind(|| analyze(article, cfg))
            .map_err(|_| "internal error in the engine (please report this input)".to_string())
    }

    fn extract_file(path: &str, json: bool, html: bool, cfg: &Config) -> Result<(), String> {
        let input = read_input(path)?;
        let article = if html || looks_like_html(&input) {
            quotelens::html::article_from_html(&input)
        } else {
            Article::from_plain_text(&input).0
        };
        let a = safe_analyze(&article, cfg)?;
        let out = std::io::stdout();
        let mut out = out.lock();
        if json {
            let v = analysis_json(&article, &a);
            writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default()).map_err(|e| e.to_string())?;
            return Ok(());
        }
        print_listing(&mut out, &article, &a).map_err(|e| e.to_string())
    }

    /// JSON for one article: offsets in code points into each block's text.
    fn analysis_json(article: &Article, a: &Analysis) -> Value {
        let idx: Vec<Utf16Index> = article.blocks.iter().map(|b| Utf16Index::new(&b.text)).collect();
        let sp = |s: &quotelens::Span| json!({"block": s.block, "start": idx[s.block].to_code_points(s.start), "end": idx[s.block].to_code_points(s.end)});
        json!({
            "offsets": "unicode code points into blocks[block].text, end-exclusive",
            "blocks": article.blocks.iter().map(|b| json!({"kind": b.kind, "text": b.text})).collect::<Vec<_>>(),
            "quotes": a.quotes.iter().map(|q| json!({
                "block": q.span.block,
                "start": idx[q.span.block].to_code_points(q.span.start),
                "end": idx[q.span.block].to_code_points(q.span.end),
                "text": &article.blocks[q.span.block].text[q.span.start..q.span.end],
                "kind": q.kind.as_str(),
                "speaker": q.speaker.map(|s| a.speakers[s].name.clone()),
                "speaker_id": q.speaker,
                "speaker_mentions": q.speaker_mentions.iter().map(sp).collect::<Vec<_>>(),
                "cue": q.cue.as_ref().map(sp),
                "sentence": sp(&q.sentence),
                "rule": q.rule,
                "confidence": q.confidence,
                "continues": q.continues,
            })).collect::<Vec<_>>(),
            "speakers": a.speakers.iter().map(|s| json!({
                "name": s.name, "kind": s.kind, "role": s.role,
                "mentions": s.mentions.iter().map(sp).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }

    fn clip(s: &str, n: usize) -> String {
        let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= n {
            s
        } else {
            let mut t: String = s.chars().take(n - 1).collect();
            t.push('…');
            t
        }
    }

    fn print_listing(out: &mut impl Write, article: &Article, a: &Analysis) -> std::io::Result<()> {
        if a.quotes.is_empty() {
            writeln!(out, "No quotations found ({} blocks read).", article.blocks.len())?;
            return Ok(());
        }
        writeln!(out, "{} quotations, {} speakers\n", a.quotes.len(), a.speakers.len())?;
        for q in &a.quotes {
            let who = q.speaker.map(|s| a.speakers[s].name.as_str()).unwrap_or("(unattributed)");
            let text = &article.blocks[q.span.block].text[q.span.start..q.span.end];
            writeln!(out, "{who:<28} {:<8} {}", q.kind.as_str(), clip(text, 100))?;
            writeln!(out, "{:<28} {:<8} [{} {:.2}]", "", "", q.rule, q.confidence)?;
        }
        writeln!(out, "\nBy speaker:")?;
        for (i, s) in a.speakers.iter().enumerate() {
            let n = a.quotes.iter().filter(|q| q.speaker == Some(i)).count();
            let kind = format!("{:?}", s.kind).to_lowercase();
            match &s.role {
                Some(r) => writeln!(out, "  {} ({kind}; {}): {n}", s.name, clip(r, 60))?,
                None => writeln!(out, "  {} ({kind}): {n}", s.name)?,
            }
        }
        let un = a.quotes.iter().filter(|q| q.speaker.is_none()).count();
        if un > 0 {
            writeln!(out, "  (unattributed): {un}")?;
        }
        Ok(())
    }

    /// The JSONL contract (`quotelens::export`): offsets in code points into `text`.
    pub fn predict(text: &str, cfg: &Config) -> Result<Vec<QuoteRecord>, String> {
        std::panic::catch_unwind(|| export::quote_records(text, cfg))
            .map_err(|_| "internal error in the engine (please report this input)".to_string())
    }

    /// One output line of `extract --jsonl`: fields in alphabetical order, as always.
    #[derive(serde::Serialize)]
    struct ResultLine<'a> {
        id: &'a Value,
        quotes: &'a [QuoteRecord],
    }

    /// One input line of `extract --jsonl`.
    #[derive(serde::Deserialize)]
    struct InputLine<'a> {
        #[serde(default)]
        id: Value,
        #[serde(borrow, default)]
        text: Option<std::borrow::Cow<'a, str>>,
    }

    /// Lines per batch handed to a worker: small enough to balance two cores at the end of a
    /// run, large enough that the channel costs nothing next to the engine.
    const BATCH_LINES: usize = 32;
    /// A batch also closes once it holds this many bytes of input.
    const BATCH_BYTES: usize = 256 * 1024;
    /// The progress line is redrawn at most this often.
    const PROGRESS_EVERY: Duration = Duration::from_millis(250);

    /// Input lines with their 1-based numbers.
    type Batch = Vec<(usize, Vec<u8>)>;

    /// What a batch gave: the output lines, the messages for stderr, failures, bytes read.
    #[derive(Default)]
    struct Done {
        out: Vec<u8>,
        errors: Vec<String>,
        failed: usize,
        docs: usize,
        bytes: usize,
    }

    /// Answers one input line (appending its output line to `d`).
    fn answer_line(lineno: usize, raw: &[u8], cfg: &Config, d: &mut Done) {
        d.bytes += raw.len() + 1;
        let fail = |d: &mut Done, id: Value, msg: String| {
            d.errors.push(format!("quotelens: line {lineno}: {msg}"));
            d.failed += 1;
            let _ = writeln!(d.out, "{}", json!({"id": id, "error": format!("line {lineno}: {msg}")}));
        };
        let line = match std::str::from_utf8(raw) {
            Ok(l) => l,
            Err(e) => return fail(d, Value::Null, format!("unreadable input: not UTF-8 ({e})")),
        };
        if line.trim().is_empty() {
            return;
        }
        d.docs += 1;
        // the usual line parsed straight into its two fields (other fields skipped unbuilt);
        // anything else through a JSON value, for a precise message
        let (id, text) = match serde_json::from_str::<InputLine>(line) {
            Ok(InputLine { id, text: Some(text) }) => (id, text),
            _ => {
                let v: Value = match serde_json::from_str(line) {
                    Ok(v) => v,
                    Err(e) => return fail(d, recover_id(line), format!("not JSON: {e}")),
                };
                let id = v.get("id").cloned().unwrap_or(Value::Null);
                return fail(d, id, "no string field \"text\"".to_string());
            }
        };
        match predict(&text, cfg) {
            Ok(quotes) => {
                let _ = serde_json::to_writer(&mut d.out, &ResultLine { id: &id, quotes: &quotes });
                d.out.push(b'\n');
            }
            Err(e) => fail(d, id, e),
        }
    }

    fn answer_batch(batch: &Batch, cfg: &Config) -> Done {
        let mut d = Done::default();
        for (lineno, raw) in batch {
            answer_line(*lineno, raw, cfg, &mut d);
        }
        d
    }

    /// Reads stdin in batches of lines; `send` returns false when nobody listens any more.
    fn read_batches(mut send: impl FnMut(Batch) -> bool) -> Result<(), String> {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let (mut batch, mut bytes, mut lineno) = (Vec::new(), 0usize, 0usize);
        loop {
            let mut raw = Vec::new();
            let n = input.read_until(b'\n', &mut raw).map_err(|e| format!("stdin: {e}"))?;
            if n == 0 {
                break;
            }
            lineno += 1;
            while raw.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                raw.pop();
            }
            bytes += raw.len();
            batch.push((lineno, raw));
            if batch.len() >= BATCH_LINES || bytes >= BATCH_BYTES {
                if !send(std::mem::take(&mut batch)) {
                    return Ok(());
                }
                bytes = 0;
            }
        }
        if !batch.is_empty() {
            send(batch);
        }
        Ok(())
    }

    /// Documents, MB/s and (when stdin is a file of known size) ETA on one redrawn stderr line,
    /// only when stderr is a terminal.
    struct Progress {
        on: bool,
        total: Option<u64>,
        start: Instant,
        last: Instant,
        docs: usize,
        bytes: usize,
    }

    impl Progress {
        fn new() -> Self {
            let on = std::io::stderr().is_terminal();
            let total = std::fs::metadata("/dev/stdin").ok().filter(|m| m.is_file()).map(|m| m.len());
            let now = Instant::now();
            Progress { on, total, start: now, last: now, docs: 0, bytes: 0 }
        }

        fn add(&mut self, d: &Done) {
            self.docs += d.docs;
            self.bytes += d.bytes;
            if self.on && self.last.elapsed() >= PROGRESS_EVERY {
                self.last = Instant::now();
                self.draw(false);
            }
        }

        /// Messages for stderr, written above the progress line.
        fn say(&self, msgs: &[String]) {
            let mut err = std::io::stderr().lock();
            for m in msgs {
                let _ = writeln!(err, "{}{m}", if self.on { "\r\x1b[K" } else { "" });
            }
        }

        fn draw(&self, last: bool) {
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            let rate = self.bytes as f64 / secs;
            let eta = match self.total {
                Some(t) if !last && rate > 0.0 => {
                    format!(", ETA {:.0} s", (t as f64 - self.bytes as f64).max(0.0) / rate)
                }
                _ => String::new(),
            };
            let _ = write!(
                std::io::stderr().lock(),
                "\r\x1b[Kquotelens: {} documents, {:.1} MB, {:.1} MB/s{eta}{}",
                self.docs,
                self.bytes as f64 / 1e6,
                rate / 1e6,
                if last { "\n" } else { "" }
            );
        }
    }

    /// `extract --jsonl`: stdin → stdout on `jobs` threads, output in input order.
    fn extract_jsonl(cfg: &Config, jobs: usize) -> Result<i32, String> {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut progress = Progress::new();
        let mut failed = 0usize;
        let mut emit = |d: Done, progress: &mut Progress| -> Result<(), String> {
            progress.say(&d.errors);
            failed += d.failed;
            out.write_all(&d.out).map_err(|e| format!("stdout: {e}"))?;
            progress.add(&d);
            Ok(())
        };
        if jobs <= 1 {
            let mut res = Ok(());
            read_batches(|b| {
                res = emit(answer_batch(&b, cfg), &mut progress);
                res.is_ok()
            })?;
            res?;
        } else {
            // reader → workers → this thread, which puts the batches back in input order
            let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Batch)>(2 * jobs);
            let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Done)>(2 * jobs);
            // when this thread stops listening (stdout closed), the workers stop, and with the last
            // of them the work queue goes, which stops the reader
            let work_rx = Arc::new(Mutex::new(work_rx));
            std::thread::scope(|s| -> Result<(), String> {
                for _ in 0..jobs {
                    let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
                    s.spawn(move || loop {
                        let next = work_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok((seq, batch))) = next else { break };
                        if done_tx.send((seq, answer_batch(&batch, cfg))).is_err() {
                            break;
                        }
                    });
                }
                drop((done_tx, work_rx));
                let reader = s.spawn(move || {
                    let mut seq = 0;
                    read_batches(|b| {
                        seq += 1;
                        work_tx.send((seq - 1, b)).is_ok()
                    })
                });
                let (mut next, mut pending) = (0usize, BTreeMap::new());
                let mut res = Ok(());
                for (seq, d) in done_rx.iter() {
                    pending.insert(seq, d);
                    while let Some(d) = pending.remove(&next) {
                        next += 1;
                        if res.is_ok() {
                            res = emit(d, &mut progress);
                        }
                    }
                    if res.is_err() {
                        break; // dropping the receiver stops the workers, then the reader
                    }
                }
                drop(done_rx);
                let read = reader.join().unwrap_or_else(|_| Err("stdin reader failed".into()));
                res.and(read)
            })?;
        }
        out.flush().map_err(|e| format!("stdout: {e}"))?;
        if progress.on {
            progress.draw(true);
        }
        if failed > 0 {
            eprintln!("quotelens: {failed} line(s) failed; the others were processed");
            Ok(1)
        } else {
            Ok(0)
        }
    }

    /// The id of a line that is not valid JSON, when a `"id": "…"` or `"id": 123` can still be read.
    fn recover_id(line: &str) -> Value {
        let Some(p) = line.find("\"id\"") else { return Value::Null };
        let rest = line[p + 4..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else { return Value::Null };
        let rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix('"') {
            if let Some(end) = r.find('"') {
                return Value::String(r[..end].to_string());
            }
        }
        let num: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        num.parse::<u64>().map(Value::from).unwrap_or(Value::Null)
    }

    /// Documents from a JSONL file, or from a JSON file holding one document or an array.
    fn load_jsonl(path: &str) -> Result<Vec<Value>, String> {
        if path.ends_with(".json") {
            let s = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            return match serde_json::from_str::<Value>(&s).map_err(|e| format!("{path}: not JSON ({e})"))? {
                Value::Array(v) => Ok(v),
                v => Ok(vec![v]),
            };
        }
        let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        let mut out = Vec::new();
        for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line = line.map_err(|e| format!("{path}:{}: {e}", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(&line) {
                Ok(v) => out.push(v),
                Err(e) => eprintln!("quotelens: {path}:{}: skipped, not JSON ({e})", n + 1),
            }
        }
        Ok(out)
    }

    fn run_eval(
        path: &str,
        split: Option<&str>,
        dump: Option<&str>,
        as_json: bool,
        cfg: &Config,
    ) -> Result<Vec<eval::Doc>, String> {
        let docs = load_jsonl(path)?;
        let mut scored = Vec::new();
        let mut dump_out = match dump {
            Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?)),
            None => None,
        };
        for d in &docs {
            if let Some(s) = split {
                if d.pointer("/meta/split").and_then(Value::as_str) != Some(s) {
                    continue;
                }
            }
            let text = d.get("text").and_then(Value::as_str).unwrap_or("");
            let gold: Vec<GoldQuote> =
                d.get("quotes").cloned().map(|q| serde_json::from_value(q).unwrap_or_default()).unwrap_or_default();
            let recs = predict(text, cfg)?;
            if let Some(w) = dump_out.as_mut() {
                let id = d.get("id").unwrap_or(&Value::Null);
                let _ = serde_json::to_writer(&mut *w, &ResultLine { id, quotes: &recs });
                let _ = writeln!(w);
            }
            let pred: Vec<PredQuote> = recs
                .into_iter()
                .map(|r| PredQuote {
                    start: r.start,
                    end: r.end,
                    kind: r.kind.to_string(),
                    speaker: r.speaker,
                    speaker_mentions: r.speaker_mentions,
                    rule: r.rule.to_string(),
                    confidence: r.confidence,
                })
                .collect();
            scored.push(eval::Doc { gold, pred });
        }
        if scored.is_empty() {
            return Err(format!(
                "{path}: no documents{}",
                split.map(|s| format!(" in split '{s}'")).unwrap_or_default()
            ));
        }
        let mut rules: BTreeMap<String, RuleStat> = BTreeMap::new();
        let mut table = Vec::new();
        for (label, dir, ind) in [("direct+mixed", true, false), ("indirect", false, true), ("all", true, true)] {
            for thr in [0.3, 0.8] {
                let r = if label == "all" && thr == 0.3 { Some(&mut rules) } else { None };
                table.push((label, thr, eval::score(&scored, dir, ind, thr, r)));
            }
        }
        if as_json {
            let v = json!({
                "file": path, "docs": scored.len(),
                "scores": table.iter().map(|(l, t, s)| json!({"class": l, "overlap": t, "score": s})).collect::<Vec<_>>(),
                "rules": rules,
            });
            println!("{v}");
            return Ok(scored);
        }
        println!("{path}: {} documents{}", scored.len(), split.map(|s| format!(" (split {s})")).unwrap_or_default());
        println!(
            "{:<14} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9}",
            "class", "overlap", "gold", "pred", "P", "R", "F1", "spk acc", "spk name"
        );
        for (l, t, s) in &table {
            let f = |x: Option<f64>| x.map(|v| format!("{v:.1}")).unwrap_or_else(|| "-".into());
            println!(
                "{:<14} {:>7} {:>6} {:>6} {:>6.1} {:>6.1} {:>6.1} {:>9} {:>9}",
                l,
                t,
                s.gold,
                s.pred,
                s.p,
                s.r,
                s.f1,
                f(s.speaker_acc),
                f(s.speaker_acc_name)
            );
        }
        println!("\nper rule (all classes, overlap 0.3): precision = matched / predicted; speaker = right / matched");
        println!("{:<24} {:>9} {:>9} {:>9} {:>9}", "rule", "predicted", "matched", "precision", "speaker");
        for (r, s) in &rules {
            let prec = if s.predicted > 0 { 100.0 * s.matched as f64 / s.predicted as f64 } else { 0.0 };
            let spk = if s.matched > 0 {
                format!("{:.1}", 100.0 * s.speaker_right as f64 / s.matched as f64)
            } else {
                "-".into()
            };
            println!("{:<24} {:>9} {:>9} {:>9.1} {:>9}", r, s.predicted, s.matched, prec, spk);
        }
        Ok(scored)
    }

    /// Confidence band → measured precision (all kinds, overlap 0.3), over the scored documents.
    fn print_reliability(scored: &[eval::Doc]) {
        println!("\nreliability (all kinds, overlap 0.3): confidence band → measured precision");
        println!("(precision: matched / predicted; right: matched with the right speaker / predicted)");
        println!("{:<12} {:>9} {:>9} {:>9} {:>9}", "confidence", "predicted", "matched", "precision", "right");
        let pct = |n: usize, d: usize| if d > 0 { format!("{:.1}", 100.0 * n as f64 / d as f64) } else { "-".into() };
        for b in eval::reliability(scored, 0.3) {
            let band = format!("{:.2}–{:.2}", b.lo, b.hi);
            let (prec, right) = (pct(b.matched, b.predicted), pct(b.right, b.predicted));
            println!("{:<12} {:>9} {:>9} {:>9} {:>9}", band, b.predicted, b.matched, prec, right);
        }
    }

    fn run_hostile() {
        use quotelens::Block;
        let cases: Vec<(&str, Article)> = vec![
            (
                "10^5 unbalanced marks (1 block)",
                Article::new(vec![Block::paragraph("\" “ ‘ ' « „ ".repeat(100_000 / 6 + 1))]),
            ),
            (
                "one 1 MB paragraph of quotes and cues",
                Article::new(vec![Block::paragraph(
                    "\"It is fine,\" said Mr. Smith. The company said it was not. ".repeat(1_000_000 / 58),
                )]),
            ),
            (
                "5*10^4 distinct names",
                Article::new(vec![Block::paragraph(
                    (0..50_000).map(|i| format!("Zed{i} Qux{} met Ab{i}. ", i * 7)).collect::<String>(),
                )]),
            ),
            (
                "10^5 tiny paragraphs",
                Article::new(
                    (0..100_000)
                        .map(|i| Block::paragraph(if i % 3 == 0 { "\"Yes,\" he said." } else { "“No" }))
                        .collect(),
                ),
            ),
        ];
        for (name, a) in &cases {
            let bytes: usize = a.blocks.iter().map(|b| b.text.len()).sum();
            let t = Instant::now();
            let n = analyze(a, &Config::default()).quotes.len();
            println!(
                "hostile: {name}: {:.2} MB in {:.1} ms ({n} quotes)",
                bytes as f64 / 1e6,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn run_bench(files: &[String], iterations: usize) -> Result<(), String> {
        if files.is_empty() {
            return Err("give one or more JSONL files (e.g. ../shared/data/dev/*.jsonl)".into());
        }
        // articles are built line by line (the JSON of a line is dropped at once), so the corpus
        // sits in memory as the engine would see it, not interleaved with parsed JSON
        let mut articles = Vec::new();
        let mut bytes = 0usize;
        for f in files {
            let file = std::fs::File::open(f).map_err(|e| format!("{f}: {e}"))?;
            for line in std::io::BufReader::new(file).lines() {
                let line = line.map_err(|e| format!("{f}: {e}"))?;
                let Ok(d) = serde_json::from_str::<Value>(&line) else { continue };
                if let Some(t) = d.get("text").and_then(Value::as_str) {
                    bytes += t.len();
                    articles.push(Article::from_plain_text(t).0);
                }
            }
        }
        let cfg = Config::default();
        let mut quotes = 0usize;
        // warm-up (lexicons, allocator)
        for a in articles.iter().take(20) {
            quotes += analyze(a, &cfg).quotes.len();
        }
        let mut times = Vec::new();
        for _ in 0..iterations.max(1) {
            let t = Instant::now();
            quotes = 0;
            for a in &articles {
                quotes += analyze(a, &cfg).quotes.len();
            }
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let best = times[0];
        let median = times[times.len() / 2];
        let mb = bytes as f64 / 1e6;
        println!(
            "{} articles, {:.2} MB of text, {} quotes per pass, {} passes",
            articles.len(),
            mb,
            quotes,
            times.len()
        );
        println!(
            "best   {:.3} s  {:.1} MB/s  {:.3} ms/article",
            best,
            mb / best,
            1000.0 * best / articles.len() as f64
        );
        println!("median {:.3} s  {:.1} MB/s", median, mb / median);
        Ok(())
    }
}
