"""Shared fixtures: the repository, the CLI binary, the evaluation data (when present)."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(os.environ.get("QUOTELENS_REPO", pathlib.Path(__file__).resolve().parents[2]))
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def cli():
    """The CLI built from the same sources (make build / make cli)."""
    path = pathlib.Path(os.environ.get("QUOTELENS_BIN", REPO / "target" / "release" / "quotelens"))
    if not path.exists():
        pytest.fail(f"{path} is missing: build the CLI first (make cli)")
    return path


def run_cli_jsonl(cli, docs, *args):
    """`quotelens extract --jsonl ARGS` on `docs` ({"id","text"} dicts): the output lines, parsed."""
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run(
        [str(cli), "extract", "--jsonl", *args], input=inp.encode(), capture_output=True, check=False
    )
    assert res.returncode == 0, res.stderr.decode()
    return [json.loads(line) for line in res.stdout.decode().splitlines()]


@pytest.fixture(scope="session")
def dev_docs():
    """Up to 300 documents of each dev file in ../shared (evaluation only: read, never copied)."""
    files = [SHARED / "data" / "dev" / f for f in ("polnear.jsonl", "german_wikinews.jsonl")]
    if not all(f.exists() for f in files):
        pytest.skip(f"{SHARED}/data/dev is absent: the dev-data comparison is skipped")
    docs = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= 300:
                    break
                d = json.loads(line)
                docs.append({"id": d["id"], "text": d["text"]})
    return docs
