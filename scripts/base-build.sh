# Sourced by scripts/eval-diff.sh and scripts/pages-diff.sh: builds the CLI at a base commit once.
#   build_base NAME BASE OUTDIR RUN   when OUTDIR/.complete is missing: checks BASE out in a temporary
#   worktree, builds its CLI into target/eval-base (kept: the next base build reuses the compiled
#   dependencies), calls `RUN target/eval-base/release/quotelens OUTDIR`, marks OUTDIR complete and
#   removes the worktree. NAME prefixes the progress line.
build_base() {
  local name=$1 base=$2 outdir=$3 run=$4
  [ -f "$outdir/.complete" ] && return 0
  echo "$name: building $base in a temporary worktree"
  local wt
  wt=$(mktemp -d)
  git worktree add -q --detach "$wt" "$base"
  (cd "$wt" && CARGO_TARGET_DIR="$OLDPWD/target/eval-base" cargo build --release --quiet --bin quotelens)
  "$run" target/eval-base/release/quotelens "$outdir"
  touch "$outdir/.complete"
  git worktree remove --force "$wt"
}
