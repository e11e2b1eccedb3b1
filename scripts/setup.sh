#!/usr/bin/env bash
# Installs what quotelens needs to build (and, with `--test`, to run every test) on a fresh
# Debian machine with rustup, node and npm. Idempotent and quiet when everything is there.
#   scripts/setup.sh          build tools: wasm32 target, wasm-bindgen-cli (= Cargo.lock), npm packages
#   scripts/setup.sh --test   also rustfmt and clippy, Chromium, chromedriver, Firefox ESR (apt) and geckodriver,
#                             Java 17 (apt) and the Python test venv target/venv-test (pytest, PySpark, …)
#   scripts/setup.sh --python only the venv that builds the Python wheel (target/venv-build: maturin)
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
say() { echo "setup: $*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# Python: exact versions, installed into venvs under target/ (never into the system Python)
MATURIN=(maturin==1.16.0)
PY_TEST=(pytest==9.2.0 pyspark==4.3.0 pyarrow==26.0.1 pandas==3.1.1)
apt_install() {
  say "apt-get install $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
# venv DIR PACKAGE==VERSION...: creates DIR (python3 -m venv) and installs the packages, unless its
# stamp already lists exactly these
venv() {
  local dir=$1; shift
  if [ "$(cat "$dir/.ql-packages" 2>/dev/null)" = "$*" ] && [ -x "$dir/bin/python" ]; then return; fi
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  say "creating $dir with $*"
  python3 -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@"
  echo "$*" > "$dir/.ql-packages"
}
if [ "${1:-}" = "--python" ]; then
  venv target/venv-build "${MATURIN[@]}"
  exit 0
fi

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
  # the style suites of scripts/test.sh (a minimal rustup profile has neither)
  for c in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
      say "adding the rustup component $c"
      rustup component add "$c" >/dev/null
    fi
  done
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  # German UI strings of both browsers: the tests run the extension's German interface
  [ -f /usr/lib/chromium/locales/de.pak ] || missing+=(chromium-l10n)
  ls /usr/lib/firefox-esr/browser/extensions/langpack-de@* >/dev/null 2>&1 || missing+=(firefox-esr-l10n-de)
  command -v python3 >/dev/null || missing+=(python3)
  command -v curl >/dev/null || missing+=(curl)
  # PySpark 4 needs Java 17 or later
  jv=$(java -version 2>&1 | awk -F'"' '/version/{split($2,v,"."); print v[1]; exit}')
  [ "${jv:-0}" -ge 17 ] 2>/dev/null || missing+=(openjdk-17-jre-headless)
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
  venv target/venv-build "${MATURIN[@]}"
  # the Python suites: pytest, and PySpark with its pandas/Arrow bridge (the wheel itself is
  # installed into this venv by scripts/test.sh, from target/wheels, as a user would)
  venv target/venv-test "${PY_TEST[@]}"
fi
