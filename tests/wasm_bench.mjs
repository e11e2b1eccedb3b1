// Engine throughput in Wasm (node), to compare with `quotelens bench` natively.
// usage: node tests/wasm_bench.mjs FILE.jsonl… [--iterations N]
// Loads target/pkg (the no-modules build the extension ships), splits each article's text into
// blocks the way the CLI does (one block a line), and times `analyze` over the whole corpus.
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let iterations = 3;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--iterations') iterations = Number(args[++i]);
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: node tests/wasm_bench.mjs FILE.jsonl… [--iterations N]');
  process.exit(2);
}
const glue = fs.readFileSync(path.join(root, 'target/pkg/quotelens.js'), 'utf8');
vm.runInThisContext(glue + '\nglobalThis.wasm_bindgen = wasm_bindgen;');
const ctx = globalThis;
const t0 = performance.now();
await ctx.wasm_bindgen({ module_or_path: fs.readFileSync(path.join(root, 'target/pkg/quotelens_bg.wasm')) });
const instMs = performance.now() - t0;

const articles = [];
let bytes = 0;
for (const f of files) {
  for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = JSON.parse(line).text ?? '';
    bytes += Buffer.byteLength(text, 'utf8');
    articles.push(text.split('\n').filter((l) => l.trim()).map((l) => ({ text: l.trimEnd(), kind: 'paragraph' })));
  }
}
for (const a of articles.slice(0, 20)) ctx.wasm_bindgen.analyze(a);
const times = [];
let quotes = 0;
for (let i = 0; i < Math.max(1, iterations); i++) {
  const t = performance.now();
  quotes = 0;
  for (const a of articles) quotes += ctx.wasm_bindgen.analyze(a).quotes.length;
  times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);
const mb = bytes / 1e6;
console.log(`wasm: instantiate ${instMs.toFixed(1)} ms; ${articles.length} articles, ${mb.toFixed(2)} MB, ${quotes} quotes per pass, ${times.length} passes`);
console.log(`best   ${times[0].toFixed(3)} s  ${(mb / times[0]).toFixed(1)} MB/s  ${(1000 * times[0] / articles.length).toFixed(3)} ms/article`);
console.log(`median ${times[times.length >> 1].toFixed(3)} s  ${(mb / times[times.length >> 1]).toFixed(1)} MB/s`);
