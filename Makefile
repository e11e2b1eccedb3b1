# quotelens: engine (Rust) → Wasm → extension builds (dist/chrome, dist/firefox) and the demo.
#   make build   build the CLI, the Wasm and both extension builds (+ release zips)
#   make demo    build, then serve the demo on http://127.0.0.1:8080
#   make test    install test tools, build, run every test (engine, browsers, packaging lint, Python, Spark)
#   make python  build the Python wheel (target/wheels/quotelens-*.whl, abi3: CPython >= 3.9)
#   make fuzz    coverage-guided fuzzing of the engine and the article finder (FUZZ_SECONDS per target)
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PKG := target/pkg
WASM_RAW := target/wasm32-unknown-unknown/wasm/quotelens.wasm
PORT ?= 8080

.PHONY: all setup setup-test cli wasm python build demo test test-engine test-e2e lint bench eval clean eval-diff pages-diff fuzz
all: build

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

cli:
	cargo build --release --quiet

# no-modules glue (content scripts cannot be ES modules in Chrome MV3), name section removed.
# No wasm-opt: measured here, `wasm-opt -O3` saved 2 % of the gzipped size but made the engine
# 15 % slower (9.7 vs 11.3 MB/s in node); and Debian's wasm-opt breaks wasm-bindgen output.
wasm: setup
	cargo build --lib --no-default-features --target wasm32-unknown-unknown --profile wasm --quiet
	rm -rf $(PKG) && wasm-bindgen --target no-modules --no-typescript --remove-name-section --remove-producers-section --out-dir $(PKG) $(WASM_RAW)
	@gzip -9 -c $(PKG)/quotelens_bg.wasm | wc -c | xargs -I{} echo "wasm: $$(wc -c < $(PKG)/quotelens_bg.wasm) bytes, {} gzipped"

# the Python package (python/): PyO3 + maturin, built in a venv under target/ (scripts/setup.sh --python)
python:
	@bash scripts/setup.sh --python
	rm -f target/wheels/quotelens-*.whl
	target/venv-build/bin/maturin build --release --quiet -m python/Cargo.toml --out target/wheels
	@ls target/wheels/quotelens-*.whl

build: cli wasm
	node extension/build.mjs
	node www/build.mjs

demo: build
	@echo
	@echo "Load the extension:"
	@echo "  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → $(CURDIR)/dist/chrome"
	@echo "  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → $(CURDIR)/dist/firefox/manifest.json"
	@echo
	@echo "Demo: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

test: setup-test build python
	bash scripts/test.sh

# speed: native engine, the same Wasm in node, hostile inputs, per-page scans in Chromium
bench: cli wasm
	./target/release/quotelens bench ../shared/data/dev/polnear.jsonl ../shared/data/dev/german_wikinews.jsonl --iterations 5
	node tests/wasm_bench.mjs ../shared/data/dev/polnear.jsonl ../shared/data/dev/german_wikinews.jsonl --iterations 5
	./target/release/quotelens bench --hostile

# accuracy on the dev data (needs ../shared)
eval: cli
	./target/release/quotelens eval ../shared/fixtures/seed/gold.json
	./target/release/quotelens eval ../shared/data/dev/ggt.jsonl --reliability
	./target/release/quotelens eval ../shared/data/dev/polnear.jsonl --split dev
	./target/release/quotelens eval ../shared/data/dev/german_wikinews.jsonl --split dev
	./target/release/quotelens eval ../shared/data/dev/parc3_sample.jsonl

clean:
	rm -rf target/pkg dist www/pkg

# behaviour-preserving changes: predictions on every dev file and the seed, BASE (default HEAD) vs work tree
eval-diff:
	bash scripts/eval-diff.sh $(BASE)

# article-finder changes: `extract --json` on every ../shared/pages page, BASE (default HEAD) vs work
# tree ("identical", or the labels per page that changed); then the pages.json expectations on both
pages-diff:
	@s=0; bash scripts/pages-diff.sh $(BASE) || s=$$?; \
	  if [ -d target/pages-diff/work ]; then \
	    echo "base:"; python3 scripts/pages-check.py target/pages-diff/$$(git rev-parse --verify "$(or $(BASE),HEAD)^{commit}"); \
	    echo "work tree:"; python3 scripts/pages-check.py target/pages-diff/work; fi; exit $$s

# fuzzing (libFuzzer via cargo-fuzz on the stable toolchain; not part of `make test`): each target for
# FUZZ_SECONDS (default 300) × FUZZ_ROUNDS (default 1), then the linearity guard. See scripts/fuzz.sh.
fuzz:
	bash scripts/fuzz.sh
