#!/usr/bin/env node
// QuoteLens demo build: node stdlib only.
//
//   node www/build.mjs [--pkg target/pkg]
//
// The demo page (www/index.html) runs the very engine and label renderer the extension ships:
//   target/pkg/quotelens.js, quotelens_bg.wasm  ->  www/pkg/      (wasm-bindgen --target no-modules)
//   extension/src/render.js, extract.js,
//   voices.js, voices.css, export.js, metadata.js ->  www/shared/   (one source, used by both)
// Both output folders are build output (www/.gitignore); nothing here is edited by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const i = args.indexOf('--pkg');
const pkgDir = i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : path.join(repo, 'target', 'pkg');

const ENGINE_FILES = ['quotelens.js', 'quotelens_bg.wasm'];
const SHARED_FILES = ['render.js', 'extract.js', 'voices.js', 'voices.css', 'export.js', 'metadata.js'];

function fail(msg) {
  console.error(`www/build.mjs: ERROR: ${msg}`);
  process.exit(1);
}

function copyInto(dir, srcDir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const f of files) {
    const src = path.join(srcDir, f);
    if (!fs.existsSync(src) || fs.statSync(src).size === 0) return src;
    fs.copyFileSync(src, path.join(dir, f));
    bytes += fs.statSync(src).size;
  }
  return bytes;
}

for (const f of ENGINE_FILES) {
  const p = path.join(pkgDir, f);
  if (!fs.existsSync(p) || fs.statSync(p).size === 0) {
    fail(`the engine's Wasm package is missing: ${p} does not exist.\n  Build it first: make wasm`);
  }
}
const glue = fs.readFileSync(path.join(pkgDir, 'quotelens.js'), 'utf8');
if (!/wasm_bindgen/.test(glue)) fail(`${pkgDir}/quotelens.js is not wasm-bindgen --target no-modules output (no global wasm_bindgen)`);

const pkgBytes = copyInto(path.join(here, 'pkg'), pkgDir, ENGINE_FILES);
const sharedBytes = copyInto(path.join(here, 'shared'), path.join(repo, 'extension', 'src'), SHARED_FILES);
if (typeof sharedBytes === 'string') fail(`shared module missing: ${sharedBytes}`);

const rel = (p) => path.relative(repo, p) || '.';
console.log(`www: ${rel(path.join(here, 'pkg'))}/ (${pkgBytes} bytes) and ${rel(path.join(here, 'shared'))}/ (${SHARED_FILES.join(', ')}) ready; serve with: make demo`);
