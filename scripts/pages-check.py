#!/usr/bin/env python3
"""tests/e2e/pages.json's per-page expectations, checked on `quotelens extract --json` output.

    python3 scripts/pages-check.py DIR      (DIR: target/pages-diff/work or target/pages-diff/<commit>)

Labels are the CLI's quotes (every kind, as the extension labels them by default); a quote matches
`startsWith` after whitespace is collapsed and an opening mark stripped, as tests/e2e/chrome.js does.
Prints one line per page that misses an expectation and a summary; xfail entries are counted apart.
"""
import json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
exp = json.load(open(os.path.join(here, "..", "tests", "e2e", "pages.json")))["pages"]
d = sys.argv[1]
norm = lambda s: re.sub(r"[\s\u00a0]+", " ", s.replace("\u00ad", "")).strip()
stripped = lambda s: re.sub(r'^["“«„‘\'‹]\s?', "", norm(s))
ok = bad = xf = checks = 0
for page, e in sorted(exp.items()):
    path = os.path.join(d, page + ".json")
    if not os.path.exists(path):
        continue
    out = json.load(open(path))
    names = [s["name"] for s in out["speakers"]]
    labels = [(stripped(q["text"]), names[q["speaker_id"]] if q.get("speaker_id") is not None else "") for q in out["quotes"]]
    problems = []
    n = len(labels)
    if "minLabels" in e:
        checks += 1
        if n < e["minLabels"]: problems.append(f"{n} labels < {e['minLabels']}")
    if "maxLabels" in e:
        checks += 1
        if n > e["maxLabels"]: problems.append(f"{n} labels > {e['maxLabels']}")
    for q in e.get("quotes", []):
        l = next((x for x in labels if x[0].startswith(q["startsWith"])), None)
        p = None if l and ("speaker" not in q or l[1] == q["speaker"]) else (
            f"no label {q['startsWith'][:30]!r}" if not l else f"{q['startsWith'][:30]!r}: speaker {l[1]!r}, want {q['speaker']!r}")
        if q.get("xfail"):
            xf += 1
            if p is None: problems.append(f"XPASS {q['startsWith'][:30]!r}")
        else:
            checks += 1
            if p: problems.append(p)
    for q in e.get("notQuotes", []):
        s = q["startsWith"] if isinstance(q, dict) else q
        checks += 1
        if any(x[0].startswith(s) for x in labels): problems.append(f"labelled {s[:30]!r}")
    if problems:
        bad += 1
        print(f"pages-check: {page} ({n} labels): " + "; ".join(problems))
    else:
        ok += 1
print(f"pages-check: {ok} pages meet every expectation, {bad} miss some ({checks} checks, {xf} xfail entries)")
