#!/usr/bin/env bash
# Every test: style (cargo fmt --check, cargo clippy -D warnings), engine (cargo test: unit,
# rules, golden articles, CLI contract, property tests), the Wasm façade in node, packaging
# (web-ext lint, reproducible zips), the extension in Chromium and Firefox, the demo page in
# Chromium, the Python package (pytest, installed from the wheel into target/venv-test) and the
# Spark job in local mode. Run after `make build` and `make python` (make test does all three).
# Each suite prints its own closing line; the last line here counts the suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
passed=0; failed=0; failed_names=()
# suite NAME LIMIT CMD...: a suite that hangs is stopped at LIMIT (SIGTERM to its whole process group,
# so its servers and browsers go too; SIGKILL 30 s later), counted as failed, and the run goes on.
suite() {
  local name=$1 limit=$2; shift 2
  echo; echo "=== $name: $*"
  local rc=0
  timeout -k 30 "$limit" "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then passed=$((passed+1)); else
    [ "$rc" -eq 124 ] && echo "$name: timed out after $limit"
    failed=$((failed+1)); failed_names+=("$name")
  fi
}
[ -d ../shared ] || echo "note: ../shared is absent: tests that need the seed article, dev data or real pages skip"

suite fmt            5m cargo fmt --check
suite clippy        15m cargo clippy --all-targets -- -D warnings
suite engine        30m cargo test --release
suite wasm-api       5m node --test tests/wasm_api.test.mjs
suite wasm-finder    5m node --test tests/wasm_finder.test.mjs
suite reader         5m node --test tests/reader.test.mjs
suite lint           5m web-ext lint --source-dir dist/firefox --no-config-discovery
suite reproducible   5m bash scripts/check-reproducible.sh
suite chromium      15m node tests/e2e/chrome.js
suite firefox       15m python3 tests/e2e/firefox.py
suite demo          10m node tests/www/demo.test.js
suite python        10m bash scripts/pytest.sh python/tests
suite spark         10m bash scripts/pytest.sh examples/spark

echo
[ "$failed" -gt 0 ] && echo "failed suites: ${failed_names[*]}"
echo "test suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
