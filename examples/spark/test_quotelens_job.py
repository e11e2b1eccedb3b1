"""The Spark job in local mode on a fixture written for this project (sample/articles.jsonl), its
quote rows checked against the CLI's `extract` output for the same articles."""

import json
import os
import pathlib
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = pathlib.Path(os.environ.get("QUOTELENS_REPO", HERE.parents[1]))
CLI = pathlib.Path(os.environ.get("QUOTELENS_BIN", REPO / "target" / "release" / "quotelens"))
ARTICLES = [json.loads(line) for line in (HERE / "sample" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
COLUMNS = ["article_id", "quote_index", "source", "start", "end", "text", "kind", "speaker", "speaker_kind", "rule", "confidence"]


def run_job(inp, out):
    res = subprocess.run(
        [sys.executable, str(HERE / "quotelens_job.py"), str(inp), str(out)],
        capture_output=True, text=True, timeout=400, check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr[-4000:]
    assert "articles/s" in res.stdout, res.stdout
    rows = pq.read_table(out).to_pylist()
    return sorted(rows, key=lambda r: (r["article_id"], r["quote_index"]))


@pytest.fixture(scope="module")
def job_rows(tmp_path_factory):
    d = tmp_path_factory.mktemp("spark")
    from_jsonl = run_job(HERE / "sample" / "articles.jsonl", d / "from_jsonl")
    # the same articles as Parquet input
    table = pa.table({k: [a.get(k) for a in ARTICLES] for k in ("id", "text", "html")})
    pq.write_table(table, d / "articles.parquet")
    from_parquet = run_job(d / "articles.parquet", d / "from_parquet")
    return from_jsonl, from_parquet


def cli_rows():
    """What `quotelens extract --jsonl` says of the articles given as text, as job rows."""
    docs = [{"id": a["id"], "text": a["text"]} for a in ARTICLES if a.get("text")]
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run([str(CLI), "extract", "--jsonl"], input=inp, capture_output=True, text=True, check=True)
    rows = []
    for line in res.stdout.splitlines():
        d = json.loads(line)
        for i, q in enumerate(d["quotes"]):
            rows.append(dict(article_id=d["id"], quote_index=i, source="text", **{k: q[k] for k in COLUMNS[3:]}))
    return rows


def test_rows_equal_the_cli_output(job_rows):
    from_jsonl, _ = job_rows
    assert from_jsonl and set(from_jsonl[0]) == set(COLUMNS)
    text_rows = [r for r in from_jsonl if r["source"] == "text"]
    expected = sorted(cli_rows(), key=lambda r: (r["article_id"], r["quote_index"]))
    assert len(expected) >= 10
    assert text_rows == expected
    # offsets are Python indices into the article text (curly quotes, NBSP, emoji, Cyrillic)
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for r in text_rows:
        assert texts[r["article_id"]][r["start"] : r["end"]] == r["text"]
    kinds = {r["speaker_kind"] for r in text_rows}
    assert {"person", "organisation"} <= kinds


def test_html_article_like_the_cli(job_rows, tmp_path):
    from_jsonl, _ = job_rows
    html_rows = [r for r in from_jsonl if r["source"] == "html"]
    page = next(a for a in ARTICLES if a.get("html"))
    assert {r["article_id"] for r in html_rows} == {page["id"]}
    f = tmp_path / "page.html"
    f.write_text(page["html"], encoding="utf-8")
    out = json.loads(subprocess.run([str(CLI), "extract", "--json", str(f)], capture_output=True, check=True).stdout)
    assert [(r["text"], r["kind"], r["speaker"], r["rule"]) for r in html_rows] == [
        (q["text"], q["kind"], q["speaker"], q["rule"]) for q in out["quotes"]
    ]
    import quotelens

    article = quotelens.extract_html(page["html"])["text"]
    for r in html_rows:
        assert article[r["start"] : r["end"]] == r["text"]


def test_parquet_input_gives_the_same_rows(job_rows):
    from_jsonl, from_parquet = job_rows
    assert {r["source"] for r in from_parquet} == {"text", "html"}
    assert from_parquet == from_jsonl
