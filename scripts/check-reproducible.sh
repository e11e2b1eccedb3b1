#!/usr/bin/env bash
# The release archives are reproducible: building again from the same sources gives
# byte-identical zips.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
node extension/build.mjs --out "$tmp/a" >/dev/null
sleep 1
node extension/build.mjs --out "$tmp/b" >/dev/null
ok=1
for z in quotelens-chrome.zip quotelens-firefox.zip; do
  if cmp -s "$tmp/a/$z" "$tmp/b/$z"; then echo "reproducible: $z ($(wc -c < "$tmp/a/$z") bytes)"; else echo "NOT reproducible: $z"; ok=0; fi
done
[ $ok = 1 ] && echo "reproducible: 2 passed, 0 failed" || { echo "reproducible: 0 passed, 2 failed"; exit 1; }
