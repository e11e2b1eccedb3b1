//! The `quotelens` command line: the JSONL contract, malformed lines, text and HTML input.
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

fn run_jsonl(input: &str) -> (Vec<Value>, String, i32) {
    run_jsonl_with(input, &[])
}

fn run_jsonl_with(input: &str, args: &[&str]) -> (Vec<Value>, String, i32) {
    let mut child = bin()
        .args(["extract", "--jsonl"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    (lines, String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap_or(-1))
}

#[test]
fn jsonl_contract_offsets_are_code_points() {
    // emoji (2 UTF-16 units, 4 UTF-8 bytes), NBSP, Cyrillic, curly quotes before the quote
    let text = "Олена 🤖 Kovalenko runs the depot.\n\n“We fixed\u{00a0}the line by noon,” said Olena Kovalenko.";
    let line = serde_json::json!({"id": "a1", "text": text}).to_string();
    let (out, _, code) = run_jsonl(&(line + "\n"));
    assert_eq!(code, 0);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "a1");
    let q = &out[0]["quotes"][0];
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
    let slice: String = chars[s..e].iter().collect();
    assert_eq!(slice, "“We fixed\u{00a0}the line by noon,”");
    assert_eq!(q["text"], slice.as_str());
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["speaker"], "Olena Kovalenko");
    assert_eq!(q["speaker_kind"], "person");
    assert_eq!(q["rule"], "trailing-cue");
    let cue = q["cue"].as_array().unwrap();
    let cue_text: String = chars[cue[0].as_u64().unwrap() as usize..cue[1].as_u64().unwrap() as usize].iter().collect();
    assert_eq!(cue_text, "said");
    let m = q["speaker_mentions"][0].as_array().unwrap();
    let m_text: String = chars[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize].iter().collect();
    assert_eq!(m_text, "Olena Kovalenko");
    assert!(q["confidence"].as_f64().unwrap() > 0.5);
}

/// Every field of the contract, on every quote, with the right JSON type.
#[test]
fn jsonl_contract_has_every_field() {
    let text = "Acme Corp. cut 300 jobs on Monday.\n\n\"We regret it,\" the company said. \"Odd,\" someone wrote.";
    let line = serde_json::json!({"id": 1, "text": text}).to_string();
    let (out, _, code) = run_jsonl(&(line + "\n"));
    assert_eq!(code, 0);
    let quotes = out[0]["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        let o = q.as_object().unwrap();
        for k in
            ["start", "end", "text", "kind", "speaker", "speaker_kind", "speaker_mentions", "cue", "rule", "confidence"]
        {
            assert!(o.contains_key(k), "field {k} in {q}");
        }
        assert!(q["start"].is_u64() && q["end"].is_u64() && q["text"].is_string() && q["rule"].is_string());
        assert!(["direct", "mixed", "indirect"].contains(&q["kind"].as_str().unwrap()));
        assert!(q["speaker_mentions"].is_array() && (q["cue"].is_null() || q["cue"].is_array()));
        assert!(q["confidence"].is_f64());
        // a speaker kind exactly when there is a speaker, in lower case
        assert_eq!(q["speaker"].is_null(), q["speaker_kind"].is_null(), "{q}");
        if let Some(k) = q["speaker_kind"].as_str() {
            assert_eq!(k, k.to_lowercase());
        }
    }
    let company = quotes.iter().find(|q| q["text"] == "\"We regret it,\"").expect("the company's quote");
    assert_eq!(company["speaker_kind"], "organisation", "{company}");
}

/// Many documents on several threads: the same output, in input order, as on one.
#[test]
fn jobs_keep_the_input_order_and_the_output() {
    let mut input = String::new();
    for i in 0..150 {
        let text = match i % 3 {
            0 => format!("\"Shipment {i} left on time,\" said dispatcher Mara Quist."),
            1 => format!("Inspector Tom Bell said that crate {i} was damaged.\n\n\"We will check it,\" he added."),
            _ => format!("Nothing was said about item {i}."),
        };
        input.push_str(&serde_json::json!({"id": format!("d{i}"), "text": text}).to_string());
        input.push('\n');
        if i == 77 {
            input.push_str("{\"id\": \"bad\", \"text\": \n");
        }
    }
    let (one, _, c1) = run_jsonl_with(&input, &["--jobs", "1"]);
    let (four, err, c4) = run_jsonl_with(&input, &["--jobs", "4"]);
    assert_eq!((c1, c4), (1, 1), "the malformed line makes the exit status 1");
    assert_eq!(one.len(), 151);
    assert_eq!(one, four, "the same lines in the same order with 4 jobs");
    assert_eq!(four[78]["id"], "bad");
    assert!(four[78]["error"].as_str().unwrap().starts_with("line 79:"), "{}", four[78]);
    assert!(err.contains("line 79"), "stderr names the line: {err}");
    assert_eq!(four[149]["id"], "d148");
    assert_eq!(four[1]["quotes"][0]["speaker"], "Tom Bell");
    // not a terminal: no progress line on stderr
    assert!(!err.contains("MB/s"), "{err}");
}

#[test]
fn bad_jobs_and_lang_are_clear_errors() {
    let out = bin().args(["extract", "--jsonl", "--jobs", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jobs"));
    let out = bin().args(["extract", "--jsonl", "--lang", "xx"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language 'xx'"));
}

#[test]
fn malformed_lines_are_reported_and_the_rest_processed() {
    let input = [
        r#"{"id": "ok1", "text": "\"The vote is final,\" said Mayor Lena Fischer."}"#,
        r#"{"id": "broken", "text": "unterminated"#,
        r#"{"id": 7}"#,
        r#"not json at all"#,
        r#"{"id": "ok2", "text": "Nothing quoted here."}"#,
    ]
    .join("\n");
    let (out, err, code) = run_jsonl(&input);
    assert_eq!(code, 1, "exit status 1 when a line failed");
    assert_eq!(out.len(), 5, "one output line per input line");
    assert_eq!(out[0]["id"], "ok1");
    assert_eq!(out[0]["quotes"][0]["speaker"], "Lena Fischer");
    assert_eq!(out[1]["id"], "broken", "the id is recovered from a broken line");
    assert!(out[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(out[2]["id"], 7);
    assert!(out[2]["error"].as_str().unwrap().contains("text"));
    assert!(out[3]["id"].is_null());
    assert_eq!(out[4]["id"], "ok2");
    assert_eq!(out[4]["quotes"].as_array().unwrap().len(), 0);
    for n in [2, 3, 4] {
        assert!(err.contains(&format!("line {n}")), "stderr names line {n}: {err}");
    }
}

#[test]
fn extract_plain_text_and_html_files() {
    let dir = std::env::temp_dir().join(format!("quotelens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("a.txt");
    std::fs::write(&txt, "The harbour will close at noon.\n\n\"We have no choice,\" said Captain Ruth Ansah.\n")
        .unwrap();
    let out = bin().args(["extract", txt.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Ruth Ansah") && s.contains("We have no choice"), "{s}");

    let html = dir.join("a.html");
    std::fs::write(
        &html,
        "<!doctype html><html><head><title>Port</title></head><body><nav><p>\"Menu quote should never count,\" said Nobody Here.</p></nav>\
         <article><h1>Port closes</h1><p>The harbour will close at noon, officials said on Monday after the storm.</p>\
         <p>&ldquo;We have <em>no</em> choice,&rdquo; said Captain Ruth Ansah, who runs the port.</p>\
         <p>Boats were moved to the inner basin overnight, and crews stayed on board.</p></article></body></html>",
    )
    .unwrap();
    let out = bin().args(["extract", "--json", html.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["text"] == "“We have no choice,”" && q["speaker"] == "Ruth Ansah"), "{v}");
    assert!(
        !quotes.iter().any(|q| q["text"].as_str().unwrap_or("").contains("Menu quote")),
        "navigation is not the article"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = bin().args(["extract", "/no/such/file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));
}

#[test]
fn help_lists_every_rule_id_and_an_unknown_id_is_refused() {
    let out = bin().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for id in quotelens::sieves::RULE_IDS {
        assert!(help.contains(id), "{id} missing from the help:\n{help}");
    }
    let out = bin().args(["extract", "--sieves", "trailing-cue,nope", "-"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope") && err.contains("indirect-subjunctive"), "{err}");
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    // `quotelens eval gold.jsonl | head -1`: the pipe closes before the report is written
    let dir = std::env::temp_dir().join(format!("quotelens-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "“The harbour will reopen in May,” said Lina Berg, the port director.";
    let doc = serde_json::json!({"id": "t1", "text": text,
        "quotes": [{"start": 0, "end": 32, "kind": "direct", "speaker": "Lina Berg"}]});
    let file = dir.join("gold.jsonl");
    std::fs::write(&file, format!("{doc}\n")).unwrap();
    for args in [vec!["eval"], vec!["eval", "--reliability"], vec!["extract"]] {
        let mut child = bin().args(&args).arg(&file).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take()); // the reader is gone before the first line
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: stderr: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: exit status of a panic");
    }
    std::fs::remove_dir_all(&dir).ok();
}
