#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine (`analyze`) and the CLI's article finder (`html`), with
# libFuzzer through cargo-fuzz. A benchmark-style job, not part of `make test`.
#   make fuzz                                  each target for FUZZ_SECONDS (default 300 s), one round
#   make fuzz FUZZ_SECONDS=60 FUZZ_ROUNDS=3     three rounds of 60 s per target
#   make fuzz FUZZ_TARGETS=html                 one target
#   make fuzz FUZZ_LINEARITY=0                  skip the linearity guard (when running in chunks)
# Runs one libFuzzer process at a time under `nice -n 10` (one core). Corpora grow in fuzz/corpus/
# (not committed; the hand-written seeds are fuzz/seeds/), findings go to fuzz/artifacts/TARGET/,
# every chunk's executions are appended to fuzz/runs.log and totalled at the end. Then the linearity
# guard times every corpus input as it is and repeated 32×. Exit status 1 on a finding.
# Stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz's flags through; no sanitizer (ASan needs
# nightly's -Zbuild-std for a clean run, and the engine's only `unsafe` is a checked UTF-8 view).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_PER_CHUNK=${FUZZ_SECONDS:-300}
ROUNDS=${FUZZ_ROUNDS:-1}
TARGETS=${FUZZ_TARGETS:-analyze_text analyze_pieces html}
# time limits: a unit slower than 2 s is a timeout (a crash for libFuzzer), the norm is ~0.1-1 ms
LIBFUZZER_OPTS=(-timeout=2 -report_slow_units=1 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1)

command -v c++ >/dev/null || { echo "fuzz: libFuzzer needs a C++ compiler: apt-get install g++" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --quiet || exit 2
RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -O --debug-assertions || exit 2
cargo build --release --quiet --manifest-path fuzz/Cargo.toml --features tool --bin fuzz-tool || exit 2
BIN=fuzz/target/x86_64-unknown-linux-gnu/release

found=0
for ((round = 1; round <= ROUNDS; round++)); do
  for t in $TARGETS; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    dict=(); [ "$t" = analyze_text ] && dict=(-dict=fuzz/dicts/analyze_text.dict)
    [ "$t" = html ] && dict=(-dict=fuzz/dicts/html.dict)
    log=$(mktemp)
    nice -n 10 "$BIN/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -artifact_prefix="fuzz/artifacts/$t/" "${dict[@]}" \
      -max_total_time="$SECONDS_PER_CHUNK" "${LIBFUZZER_OPTS[@]}" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    echo "$(date -u +%FT%TZ) $t seconds=$SECONDS_PER_CHUNK execs=${execs:-0} exec_per_s=${rate:-0} rc=$rc" | tee -a fuzz/runs.log
    if [ "$rc" -ne 0 ]; then
      found=1
      echo "fuzz: $t found something (exit $rc):"; grep -E "ERROR|panicked|Test unit written|SUMMARY" "$log" | head -20
      cp "$log" "fuzz/artifacts/$t/last-finding.log"
    fi
    rm -f "$log"
  done
done

echo; echo "executions so far (fuzz/runs.log):"
awk '{for(i=3;i<=NF;i++) if ($i ~ /^execs=/) {split($i,a,"="); n[$2]+=a[2]; all+=a[2]}} END {for (t in n) printf "  %-15s %d\n", t, n[t]; printf "  %-15s %d\n", "total", all}' fuzz/runs.log
ls fuzz/artifacts/*/{crash,timeout,oom,slow-unit,leak}-* 2>/dev/null | sed 's/^/finding: /'

[ "${FUZZ_LINEARITY:-1}" = 0 ] && exit $found
echo; echo "linearity guard (fuzz-tool time: each input as it is and repeated 32×):"
for t in $TARGETS; do
  echo "--- $t"
  nice -n 10 fuzz/target/release/fuzz-tool time "$t" --top 5 "fuzz/corpus/$t" "fuzz/seeds/$t" || found=1
done
exit $found
