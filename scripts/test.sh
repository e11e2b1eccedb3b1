#!/usr/bin/env bash
# Every test: engine (cargo test: unit, rules, golden articles, CLI contract, property tests),
# the Wasm façade in node, packaging (web-ext lint, reproducible zips), the extension in
# Chromium and Firefox, the demo page in Chromium. Run after `make build` (make test does both).
# Each suite prints its own closing line; the last line here counts the suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
passed=0; failed=0; failed_names=()
suite() {
  local name=$1; shift
  echo; echo "=== $name: $*"
  if "$@"; then passed=$((passed+1)); else failed=$((failed+1)); failed_names+=("$name"); fi
}
[ -d ../shared ] || echo "note: ../shared is absent: tests that need the seed article, dev data or real pages skip"

suite engine        cargo test --release
suite wasm-api      node --test tests/wasm_api.test.mjs
suite lint          web-ext lint --source-dir dist/firefox --no-config-discovery
suite reproducible  bash scripts/check-reproducible.sh
suite chromium      node tests/e2e/chrome.js
suite firefox       python3 tests/e2e/firefox.py
suite demo          node tests/www/demo.test.js

echo
[ "$failed" -gt 0 ] && echo "failed suites: ${failed_names[*]}"
echo "test suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
