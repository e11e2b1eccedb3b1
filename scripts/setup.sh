#!/usr/bin/env bash
# Installs what quotelens needs to build (and, with `--test`, to run every test) on a fresh
# Debian machine with rustup, node and npm. Idempotent and quiet when everything is there.
#   scripts/setup.sh          build tools: wasm32 target, wasm-bindgen-cli (= Cargo.lock), npm packages
#   scripts/setup.sh --test   also Chromium, chromedriver, Firefox ESR (apt) and geckodriver
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
say() { echo "setup: $*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

# wasm-bindgen-cli must be exactly the version in Cargo.lock. No --locked: its lock pins a crate
# the registry no longer has (see ../shared/notes/toolchain.md).
[ -f Cargo.lock ] || cargo generate-lockfile -q
WBG=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  say "installing wasm-bindgen-cli $WBG (about 5 minutes)"
  cargo install -q wasm-bindgen-cli --version "$WBG" --force
fi

# npm: playwright-core (browser tests), web-ext (packaging lint), axe-core (accessibility checks)
if [ ! -x node_modules/.bin/web-ext ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

if [ "$want_test" = 1 ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  # German UI strings of both browsers: the tests run the extension's German interface
  [ -f /usr/lib/chromium/locales/de.pak ] || missing+=(chromium-l10n)
  ls /usr/lib/firefox-esr/browser/extensions/langpack-de@* >/dev/null 2>&1 || missing+=(firefox-esr-l10n-de)
  command -v python3 >/dev/null || missing+=(python3)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! command -v geckodriver >/dev/null; then
    say "installing geckodriver (about 4 minutes)"
    # --locked first (its own tested dependency versions); if that lock pins a crate the registry
    # no longer has (as wasm-bindgen-cli's does), resolve afresh, which is known to work
    cargo install -q --locked geckodriver || { say "retrying geckodriver without --locked"; cargo install -q geckodriver; }
  fi
fi
