//! `quotelens._quotelens`: the Python face of the engine (see `python/quotelens/__init__.py`).
//!
//! Every function returns the records of the `extract --jsonl` contract
//! (`quotelens::export::QuoteRecord`) as dicts, with offsets in **code points** (Python `str`
//! indices). The engine runs with the GIL released; bad arguments raise `TypeError` /
//! `ValueError`, and an engine failure (which should never happen) `RuntimeError`, never a crash.

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use quotelens::export::{self, QuoteRecord};
use quotelens::Config;

/// Texts handed to one thread at a time by `extract_many`: small enough to balance the cores at
/// the end of a run.
const CHUNK: usize = 16;

fn config(indirect: bool, min_confidence: f64, lang: Option<&str>) -> PyResult<Config> {
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(PyValueError::new_err(format!("min_confidence must be between 0 and 1, got {min_confidence}")));
    }
    let mut c = Config { indirect, min_confidence: min_confidence as f32, ..Config::default() };
    c.set_language(lang).map_err(PyValueError::new_err)?;
    Ok(c)
}

/// Runs `f` and turns a panic (the engine is written never to panic) into a message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| "quotelens: internal error in the engine (please report this input)".to_string())
}

fn pair(py: Python<'_>, p: [usize; 2]) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, p)
}

/// One record as a dict: the same keys, in the same order, as the JSONL line (the key strings
/// made once per interpreter, not once per quote).
fn record_dict<'py>(py: Python<'py>, r: &QuoteRecord) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "confidence"), r.confidence)?;
    d.set_item(intern!(py, "cue"), r.cue.map(|c| pair(py, c)).transpose()?)?;
    d.set_item(intern!(py, "end"), r.end)?;
    d.set_item(intern!(py, "kind"), r.kind)?;
    d.set_item(intern!(py, "rule"), r.rule)?;
    d.set_item(intern!(py, "speaker"), r.speaker.as_deref())?;
    d.set_item(intern!(py, "speaker_kind"), r.speaker_kind.as_deref())?;
    let mentions = r.speaker_mentions.iter().map(|&m| pair(py, m)).collect::<PyResult<Vec<_>>>()?;
    d.set_item(intern!(py, "speaker_mentions"), PyList::new(py, mentions)?)?;
    d.set_item(intern!(py, "start"), r.start)?;
    d.set_item(intern!(py, "text"), r.text.as_str())?;
    Ok(d)
}

fn records_list<'py>(py: Python<'py>, recs: &[QuoteRecord]) -> PyResult<Bound<'py, PyList>> {
    let dicts = recs.iter().map(|r| record_dict(py, r)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// Every quotation in `text` and who said it.
///
/// `text` is plain text, one paragraph per line (blank lines between paragraphs are fine).
/// Returns one dict per quote, in text order, with the keys of `quotelens extract --jsonl`:
/// `start`, `end` (code-point offsets: `text[start:end]` is the quote; direct quotes include
/// their marks), `text`, `kind` (`direct`, `mixed`, `indirect`), `speaker` (the most complete
/// name in the article, or None), `speaker_kind` (`person`, `organisation`, `unknown`, …, or
/// None), `speaker_mentions` (`[start, end]` of each mention the attribution used), `cue`
/// (`[start, end]` of the speech verb, or None), `rule` (the rule that attributed it) and
/// `confidence` (0..1).
///
/// `indirect=False` leaves out reported speech; `min_confidence` drops quotes below it;
/// `lang` (`"en"`, `"de"`) overrides the language detected from the text.
#[pyfunction]
#[pyo3(signature = (text, *, indirect = true, min_confidence = 0.0, lang = None))]
fn extract<'py>(
    py: Python<'py>,
    text: &str,
    indirect: bool,
    min_confidence: f64,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let cfg = config(indirect, min_confidence, lang)?;
    let text = text.to_owned();
    let recs = py.detach(move || guarded(|| export::quote_records(&text, &cfg))).map_err(PyRuntimeError::new_err)?;
    records_list(py, &recs)
}

/// Every quotation in a saved web page (HTML), and who said it.
///
/// The article is found in the page as the `quotelens` CLI finds it (navigation, asides and
/// comments are left out). Returns a dict `{"text": article_text, "quotes": [...]}`: the
/// article's blocks (headline, paragraphs, …) joined by blank lines, and the quotes as
/// `extract` gives them, with offsets into that `text`.
#[pyfunction]
#[pyo3(signature = (html, *, indirect = true, min_confidence = 0.0, lang = None))]
fn extract_html<'py>(
    py: Python<'py>,
    html: &str,
    indirect: bool,
    min_confidence: f64,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let cfg = config(indirect, min_confidence, lang)?;
    let html = html.to_owned();
    let (text, recs) = py
        .detach(move || {
            guarded(|| {
                let article = quotelens::html::article_from_html(&html);
                let (text, starts) = export::joined_text(&article);
                let recs = export::article_records(&article, &starts, &text, &cfg);
                (text, recs)
            })
        })
        .map_err(PyRuntimeError::new_err)?;
    let d = PyDict::new(py);
    d.set_item("text", text)?;
    d.set_item("quotes", records_list(py, &recs)?)?;
    Ok(d)
}

/// `extract` on many texts at once, on `jobs` threads (default: every core), with the GIL
/// released. Returns one list of quote dicts per text, in the order of `texts`.
///
/// `texts` is any iterable of `str` (a list, a pandas Series, a generator).
#[pyfunction]
#[pyo3(signature = (texts, jobs = None, *, indirect = true, min_confidence = 0.0, lang = None))]
fn extract_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    jobs: Option<i64>,
    indirect: bool,
    min_confidence: f64,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let cfg = config(indirect, min_confidence, lang)?;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("extract_many takes an iterable of texts, not one str (use extract)"));
    }
    let jobs = match jobs {
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        Some(j) if j >= 1 => j as usize,
        Some(j) => return Err(PyValueError::new_err(format!("jobs must be at least 1, got {j}"))),
    };
    let mut owned = Vec::new();
    for (i, t) in texts.try_iter().map_err(|_| PyTypeError::new_err("texts must be an iterable of str"))?.enumerate() {
        let t = t?;
        let s = t.cast::<PyString>().map_err(|_| {
            let ty = t.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            PyTypeError::new_err(format!("texts[{i}] is {ty}, not str"))
        })?;
        owned.push(s.to_cow()?.into_owned());
    }
    let results = py.detach(move || guarded(|| run_many(&owned, &cfg, jobs))).map_err(PyRuntimeError::new_err)?;
    let lists = results.iter().map(|r| records_list(py, r)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, lists)
}

/// The records of every text, on `jobs` threads taking chunks of texts in turn.
fn run_many(texts: &[String], cfg: &Config, jobs: usize) -> Vec<Vec<QuoteRecord>> {
    let chunks: Vec<&[String]> = texts.chunks(CHUNK).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<Vec<QuoteRecord>>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs.min(chunks.len()).max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        mine.push((i, chunk.iter().map(|t| export::quote_records(t, cfg)).collect()));
                    }
                    mine
                })
            })
            .collect();
        // a worker that panicked (it should never) re-raises here, caught by `guarded`
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().flat_map(|(_, v)| v).collect()
}

#[pymodule]
fn _quotelens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", quotelens::VERSION)?;
    m.add("LANGUAGES", quotelens::lexicon::language_codes())?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_html, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    Ok(())
}
