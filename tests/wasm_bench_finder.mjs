// The Wasm article finder on a huge page tree in node: the first call and warm calls.
// usage: node tests/wasm_bench_finder.mjs [--n 100000] [--iterations 3] [--pregrow MB]
// Builds a tree like tests/e2e/hostile.js's page (html > body > article > N × p > #text), sends it
// through JSON text as the extension does (content script → background), and times, in this fresh
// process: JSON.parse of the tree, the FIRST findArticle (what a service worker that just started
// pays), then warm calls.
// Prints numbers; asserts nothing. Run each measurement in a new process (the first call matters).
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const n = Number(arg('--n', 100000));
const iterations = Number(arg('--iterations', 3));

const glue = fs.readFileSync(path.join(root, 'target/pkg/quotelens.js'), 'utf8');
// the instance's exports, to report the Wasm memory size (the glue keeps them in a closure)
vm.runInThisContext(glue.replace('wasm = instance.exports;', 'wasm = instance.exports; globalThis.qlExports = wasm;') +
  '\nglobalThis.wasm_bindgen = wasm_bindgen;');
const t0 = performance.now();
await globalThis.wasm_bindgen({ module_or_path: fs.readFileSync(path.join(root, 'target/pkg/quotelens_bg.wasm')) });
const instMs = performance.now() - t0;
const { findArticle } = globalThis.wasm_bindgen;
const memoryMb = () => (globalThis.qlExports?.memory?.buffer.byteLength ?? NaN) / 1048576;
const mem0 = memoryMb();
// --pregrow MB: grow the Wasm memory by MB before the first call (an experiment: is growth the cost?)
if (args.includes('--pregrow')) globalThis.qlExports.memory.grow(Number(arg('--pregrow', 0)) * 16);
const nodes = [{ tag: 'html', parent: -1 }, { tag: 'body', parent: 0 }, { tag: 'article', parent: 1 }];
nodes.push({ tag: 'h1', parent: 2 }, { tag: '#text', parent: 3, text: 'Huge page' });
for (let i = 0; i < n; i++) {
  nodes.push({ tag: 'p', parent: 2 });
  nodes.push({ tag: '#text', parent: nodes.length - 1, text: `Paragraph ${i}: “We will keep going,” said the mayor of the town, Anna Berg, on Monday.` });
}
const json = JSON.stringify({ title: 'Huge page', nodes });

const t1 = performance.now();
const input = JSON.parse(json);
const parseMs = performance.now() - t1;

const time = () => {
  const t = performance.now();
  const r = findArticle(input);
  return [performance.now() - t, r];
};
const [firstMs, r] = time();
const mem1 = memoryMb();
const warm = [];
for (let i = 0; i < iterations; i++) warm.push(time()[0]);
warm.sort((a, b) => a - b);
console.log(`findArticle, ${n} paragraphs (${nodes.length} nodes, ${(json.length / 1e6).toFixed(1)} MB JSON): ` +
  `instantiate ${instMs.toFixed(0)} ms, JSON.parse ${parseMs.toFixed(0)} ms, first call ${firstMs.toFixed(0)} ms, ` +
  `warm median ${warm.length ? warm[warm.length >> 1].toFixed(0) : '-'} ms (${iterations} calls); ` +
  `${r.blocks.length} blocks, truncated ${JSON.stringify(r.truncated)}; Wasm memory ${mem0.toFixed(0)} MB before, ${mem1.toFixed(0)} MB after the first call`);
