#!/usr/bin/env bash
# What the article finder changes on real pages: `quotelens extract --json` on every
# ../shared/pages/*/source.html at BASE (default: HEAD) and in the work tree. Says "identical" when
# every page's output is byte-identical; otherwise lists, per page that differs, the labels (quotes)
# at BASE → work tree, the blocks, and the quotes found only on one side, then exits 1.
#   scripts/pages-diff.sh [BASE]
# BASE's outputs are cached in target/pages-diff/<commit>/ (BASE is built once, in a temporary
# worktree, sharing target/eval-base with scripts/eval-diff.sh).
# Then `python3 scripts/pages-check.py DIR` checks tests/e2e/pages.json's expectations on either side.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/base-build.sh
source scripts/base-build.sh
export PATH="$HOME/.cargo/bin:$PATH"
pages=../shared/pages
if [ ! -d "$pages" ]; then echo "pages-diff: skipped: $pages is absent"; exit 0; fi
base=$(git rev-parse --verify "${1:-HEAD}^{commit}")
out=target/pages-diff

extract_all() { # BIN DIR
  mkdir -p "$2"
  for d in "$pages"/*/; do
    name=$(basename "$d")
    [ -f "$d/source.html" ] || continue
    "$1" extract --json --html "$d/source.html" > "$2/$name.json"
  done
}

build_base pages-diff "$base" "$out/$base" extract_all

echo "pages-diff: building the work tree"
cargo build --release --quiet --bin quotelens
rm -rf "$out/work"; extract_all target/release/quotelens "$out/work"

if diff -rq -x .complete "$out/$base" "$out/work" >/dev/null; then
  echo "pages-diff: identical ($(ls "$out/work" | wc -l) pages, base ${base:0:7})"
  exit 0
fi
python3 - "$out/$base" "$out/work" <<'PY'
import json, os, sys
a_dir, b_dir = sys.argv[1], sys.argv[2]
def quotes(d):
    names = [s["name"] for s in d["speakers"]]
    return [(q["kind"], q["text"], names[q["speaker_id"]] if q.get("speaker_id") is not None else "") for q in d["quotes"]]
tot = [0, 0, 0]
for f in sorted(os.listdir(b_dir)):
    a = json.load(open(os.path.join(a_dir, f))); b = json.load(open(os.path.join(b_dir, f)))
    if a == b:
        continue
    qa, qb = quotes(a), quotes(b)
    tot[0] += 1
    print(f"pages-diff: {f[:-5]}: labels {len(qa)} -> {len(qb)}, blocks {len(a['blocks'])} -> {len(b['blocks'])}, "
          f"chars {sum(len(x['text']) for x in a['blocks'])} -> {sum(len(x['text']) for x in b['blocks'])}")
    only_a = [q for q in qa if q not in qb]; only_b = [q for q in qb if q not in qa]
    tot[1] += len(only_a); tot[2] += len(only_b)
    for k, t, s in only_a: print(f"    - [{k}] {t[:70]!r} ({s or 'unattributed'})")
    for k, t, s in only_b: print(f"    + [{k}] {t[:70]!r} ({s or 'unattributed'})")
print(f"pages-diff: {tot[0]} pages differ; {tot[1]} labels only at base, {tot[2]} only in the work tree")
PY
exit 1
