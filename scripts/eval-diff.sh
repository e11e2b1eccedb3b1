#!/usr/bin/env bash
# Proof that a change moves code without changing behaviour: the predictions (`quotelens eval --dump`)
# on every file in ../shared/data/dev and the seed article, at BASE (default: HEAD) and in the work
# tree, must be byte-identical.
#   scripts/eval-diff.sh [BASE]      exit 0 when identical, 1 with a summary of what differs
# BASE's dumps are cached in target/eval-diff/<commit>/ (BASE is built once, in a temporary worktree).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/base-build.sh
source scripts/base-build.sh
export PATH="$HOME/.cargo/bin:$PATH"
shared=../shared
if [ ! -d "$shared/data/dev" ]; then echo "eval-diff: skipped: $shared/data/dev is absent"; exit 0; fi
base=$(git rev-parse --verify "${1:-HEAD}^{commit}")
out=target/eval-diff
golds=("$shared"/data/dev/*.jsonl "$shared"/fixtures/seed/gold.json)

dump_all() { # BIN DIR
  mkdir -p "$2"
  for g in "${golds[@]}"; do
    "$1" eval "$g" --dump "$2/$(basename "$g").pred.jsonl" --json >/dev/null
  done
}

build_base eval-diff "$base" "$out/$base" dump_all

echo "eval-diff: building the work tree"
cargo build --release --quiet --bin quotelens
rm -rf "$out/work"; dump_all target/release/quotelens "$out/work"

status=0
for g in "${golds[@]}"; do
  f=$(basename "$g").pred.jsonl
  if cmp -s "$out/$base/$f" "$out/work/$f"; then
    echo "eval-diff: $f identical ($(wc -l < "$out/work/$f") documents)"
  else
    status=1
    n=$(diff <(cat "$out/$base/$f") "$out/work/$f" | grep -c '^>' || true)
    echo "eval-diff: $f DIFFERS in $n documents (diff $out/$base/$f $out/work/$f)"
  fi
done
exit $status
