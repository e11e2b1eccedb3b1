"""The quotelens Python package, as installed from the built wheel."""

import importlib.metadata
import pathlib
import subprocess
import sys
import threading
import time

import pytest
import quotelens
from conftest import REPO, run_cli_jsonl

FIELDS = {"start", "end", "text", "kind", "speaker", "speaker_kind", "speaker_mentions", "cue", "rule", "confidence"}

# short news texts written for these tests: curly quotes, NBSP, emoji, Cyrillic, German, an
# organisation, indirect speech, nothing quoted
TEXTS = [
    "Олена 🤖 Kovalenko runs the tram depot.\n\n“We fixed\u00a0the line by noon,” said Olena Kovalenko.",
    "Norland Foods Inc. cut 300 jobs on Wednesday.\n\n“Demand will recover,” the company said in a statement.",
    "Inspector Tom Bell said that the crates were damaged.\n\n\"We will check every one,\" he added. 👀",
    "Die Werft stellt 200 Mitarbeiter ein.\n\n„Wir haben volle Auftragsbücher“, sagte Geschäftsführerin Jana Brandt.",
    "‘Not this year,’ said Priya Raman, an analyst at Westbank.\u00a0🙂 Она сказала: “Нет”.",
    "Rain is expected on Tuesday.",
    "",
]


def test_installed_from_the_wheel_not_the_source_tree():
    here = pathlib.Path(quotelens.__file__).resolve()
    assert REPO / "python" not in here.parents, f"imported from the source tree: {here}"
    assert "site-packages" in here.parts


def test_version_is_the_wheels():
    assert quotelens.__version__ == importlib.metadata.version("quotelens")
    assert quotelens.LANGUAGES == ["en", "de"]


def test_stubs_and_docstrings_ship():
    pkg = pathlib.Path(quotelens.__file__).parent
    assert (pkg / "__init__.pyi").exists() and (pkg / "py.typed").exists()
    for f in (quotelens.extract, quotelens.extract_html, quotelens.extract_many):
        assert f.__doc__ and "quot" in f.__doc__


@pytest.mark.parametrize("text", TEXTS)
def test_non_ascii_offsets_are_python_indices(text):
    for q in quotelens.extract(text):
        assert set(q) == FIELDS
        assert text[q["start"] : q["end"]] == q["text"]
        for s, e in q["speaker_mentions"]:
            assert 0 <= s < e <= len(text)
        if q["cue"] is not None:
            s, e = q["cue"]
            assert text[s:e].strip() == text[s:e] and text[s:e]


def test_known_quotes_and_speakers():
    q = quotelens.extract(TEXTS[0])[0]
    assert q["text"] == "“We fixed\u00a0the line by noon,”"
    assert (q["speaker"], q["speaker_kind"], q["kind"], q["rule"]) == ("Olena Kovalenko", "person", "direct", "trailing-cue")
    assert TEXTS[0][q["cue"][0] : q["cue"][1]] == "said"
    assert [TEXTS[0][s:e] for s, e in q["speaker_mentions"]] == ["Olena Kovalenko"]
    org = quotelens.extract(TEXTS[1])[0]
    assert (org["speaker_kind"], org["text"]) == ("organisation", "“Demand will recover,”")
    de = quotelens.extract(TEXTS[3])[0]
    assert "Jana Brandt" in de["speaker"] and de["text"] == "„Wir haben volle Auftragsbücher“"


def test_options():
    text = TEXTS[2]
    kinds = {q["kind"] for q in quotelens.extract(text)}
    assert "indirect" in kinds
    assert "indirect" not in {q["kind"] for q in quotelens.extract(text, indirect=False)}
    high = quotelens.extract(text, min_confidence=0.9)
    assert all(q["confidence"] >= 0.9 for q in high)
    assert len(high) < len(quotelens.extract(text))


def test_same_output_as_the_cli(cli):
    docs = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
    cli_out = run_cli_jsonl(cli, docs)
    assert [d["id"] for d in cli_out] == list(range(len(TEXTS)))
    assert [d["quotes"] for d in cli_out] == [quotelens.extract(t) for t in TEXTS]
    # the options map to the CLI's flags
    for kw, flags in [
        (dict(indirect=False), ["--no-indirect"]),
        (dict(min_confidence=0.8), ["--min-confidence", "0.8"]),
        (dict(lang="de"), ["--lang", "de"]),
        (dict(lang="en"), ["--lang", "en"]),
    ]:
        assert [d["quotes"] for d in run_cli_jsonl(cli, docs, *flags)] == [quotelens.extract(t, **kw) for t in TEXTS]


def test_lang_overrides_detection():
    text = TEXTS[3]
    assert quotelens.extract(text, lang="de") == quotelens.extract(text)
    assert quotelens.extract(text, lang="en") != quotelens.extract(text, lang="de")


def test_same_output_as_the_cli_on_dev_data(cli, dev_docs):
    cli_out = run_cli_jsonl(cli, dev_docs, "--jobs", "2")
    assert [d["id"] for d in cli_out] == [d["id"] for d in dev_docs]
    mine = quotelens.extract_many([d["text"] for d in dev_docs])
    assert sum(len(q) for q in mine) > 100
    for d, c, m in zip(dev_docs, cli_out, mine):
        assert c["quotes"] == m, d["id"]
        for q in m:
            assert d["text"][q["start"] : q["end"]] == q["text"]


def test_extract_many_matches_extract_in_order():
    texts = TEXTS * 20
    one_by_one = [quotelens.extract(t) for t in texts]
    for jobs in (None, 1, 2, 7):
        assert quotelens.extract_many(texts, jobs) == one_by_one
    assert quotelens.extract_many(t for t in texts) == one_by_one
    assert quotelens.extract_many([]) == []
    assert quotelens.extract_many(texts[:3], indirect=False) == [quotelens.extract(t, indirect=False) for t in texts[:3]]


def test_extract_many_releases_the_gil():
    # much text for the engine, few quotes to turn into dicts (which needs the GIL)
    para = "The committee met on Tuesday to discuss the harbour budget for the coming year.\n"
    texts = [para * 40 + TEXTS[0]] * 1500
    done = threading.Event()
    t = threading.Thread(target=lambda: (quotelens.extract_many(texts, 1), done.set()))
    stamps = [time.perf_counter()]
    t.start()
    while not done.is_set():
        stamps.append(time.perf_counter())  # runs only while no other thread holds the GIL
    t.join()
    total = stamps[-1] - stamps[0]
    gap = max(b - a for a, b in zip(stamps, stamps[1:]))
    assert total > 0.1, f"the call took {total:.3f} s: too short to tell"
    # holding the GIL through the engine would stop this thread for most of the call
    assert gap < 0.5 * total, f"this thread stood still for {gap:.3f} s of {total:.3f} s: the GIL was held"


def test_extract_html():
    html = (
        "<html><body><nav><p>\"Subscribe,\" said Nobody Here.</p></nav><article><h1>Bridge reopens</h1>"
        "<p>The bridge reopened on Friday after three days of repairs by the city.</p>"
        "<p>&ldquo;Traffic is flowing again,&rdquo; said engineer Tomas Berg.</p></article></body></html>"
    )
    r = quotelens.extract_html(html)
    assert r["text"].startswith("Bridge reopens\n\n")
    assert "Subscribe" not in r["text"]
    q = r["quotes"][0]
    assert set(q) == FIELDS
    assert r["text"][q["start"] : q["end"]] == q["text"] == "“Traffic is flowing again,”"
    assert q["speaker"] == "Tomas Berg"
    assert quotelens.extract_html("") == {"text": "", "quotes": []}


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: quotelens.extract(3), TypeError, "str"),
        (lambda: quotelens.extract(b"bytes"), TypeError, "str"),
        (lambda: quotelens.extract("x", min_confidence=1.5), ValueError, "min_confidence"),
        (lambda: quotelens.extract("x", min_confidence=float("nan")), ValueError, "min_confidence"),
        (lambda: quotelens.extract("x", lang="fr"), ValueError, "unknown language 'fr'"),
        (lambda: quotelens.extract("x", "positional"), TypeError, "positional"),
        (lambda: quotelens.extract("\ud800 lone surrogate"), UnicodeEncodeError, "surrogates"),
        (lambda: quotelens.extract_many("one string"), TypeError, "not one str"),
        (lambda: quotelens.extract_many(["ok", None]), TypeError, "texts[1] is NoneType"),
        (lambda: quotelens.extract_many(5), TypeError, "iterable"),
        (lambda: quotelens.extract_many(["a"], 0), ValueError, "jobs"),
        (lambda: quotelens.extract_html(None), TypeError, "str"),
    ],
)
def test_bad_arguments_are_clear_python_errors(call, exc, words):
    with pytest.raises(exc) as e:
        call()
    assert words in str(e.value)


def test_hostile_text_does_not_crash():
    for text in ["\" “ ‘ ' « „ " * 20_000, "\x00\x01\u2028\u2029" * 1000, "\n" * 10_000, "“" + "a" * 100_000]:
        for q in quotelens.extract(text):
            assert text[q["start"] : q["end"]] == q["text"]


def test_the_wheel_installs_into_a_fresh_venv(tmp_path):
    wheels = sorted((REPO / "target" / "wheels").glob("quotelens-*.whl"))
    if not wheels:
        pytest.fail("no wheel in target/wheels: run make python")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-index", str(wheels[-1])], check=True)
    out = subprocess.run(
        [str(py), "-c", "import quotelens; print(quotelens.extract('\"Yes,\" said Ann Lee.')[0]['speaker'])"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    assert out.stdout.strip() == "Ann Lee"
