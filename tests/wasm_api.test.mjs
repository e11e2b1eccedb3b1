// The wasm façade as the extension and the demo call it: one call per article, offsets in
// UTF-16 code units (JavaScript string indices). Runs the built target/pkg in node.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const glue = fs.readFileSync(path.join(root, 'target/pkg/quotelens.js'), 'utf8');
vm.runInThisContext(glue + '\nglobalThis.wasm_bindgen = wasm_bindgen;');
await globalThis.wasm_bindgen({ module_or_path: fs.readFileSync(path.join(root, 'target/pkg/quotelens_bg.wasm')) });
const { analyze, version } = globalThis.wasm_bindgen;

test('offsets are UTF-16 code units across emoji, NBSP, curly quotes and Cyrillic', () => {
  const blocks = [
    { kind: 'heading', text: 'Robots 🤖 reach Kharkiv' },
    { kind: 'paragraph', text: 'Olena Kovalenko, the city\u00a0engineer, met reporters on Monday.' },
    { kind: 'paragraph', text: '“The 🤖 machines cleared Сумська street in an hour,” Kovalenko said.' },
  ];
  const r = analyze(blocks);
  assert.equal(r.quotes.length, 1);
  const q = r.quotes[0];
  const text = blocks[q.block].text;
  assert.equal(text.slice(q.start, q.end), '“The 🤖 machines cleared Сумська street in an hour,”');
  assert.equal(q.kind, 'direct');
  assert.equal(q.speakerName, 'Olena Kovalenko');
  assert.equal(r.speakers[q.speaker].name, 'Olena Kovalenko');
  const m = q.mentions[0];
  assert.equal(blocks[m.block].text.slice(m.start, m.end), 'Kovalenko');
  assert.equal(blocks[q.cue.block].text.slice(q.cue.start, q.cue.end), 'said');
  assert.equal(q.rule, 'trailing-cue');
});

test('options: indirect speech off, minimum confidence', () => {
  const blocks = [{ text: 'The ministry said the bridge would reopen in March after repairs.' }];
  assert.equal(analyze(blocks).quotes.length, 1);
  assert.equal(analyze(blocks).quotes[0].kind, 'indirect');
  assert.equal(analyze(blocks, { indirect: false }).quotes.length, 0);
  assert.equal(analyze(blocks, { minConfidence: 0.99 }).quotes.length, 0);
});

test('options: the sieves are the CLI\'s rule ids, indirect ones included, in order', () => {
  const blocks = [{ text: '"The harbour will reopen next week," Karin Holm said at the quay.' }];
  assert.equal(analyze(blocks).quotes[0].rule, 'trailing-cue');
  assert.equal(analyze(blocks, { sieves: ['lone-candidate', 'trailing-cue'] }).quotes[0].rule, 'lone-candidate');
  const indirect = [{ text: 'The ministry said the bridge would reopen in March after repairs.' }];
  assert.equal(analyze(indirect, { sieves: ['indirect-verb'] }).quotes[0].rule, 'indirect-verb');
  assert.equal(analyze(indirect, { sieves: ['trailing-cue', 'indirect-inverted'] }).quotes.length, 0);
});

test('bad input is a clear error, not a crash', () => {
  assert.throws(() => analyze('not an array'), /bad blocks/);
  assert.throws(() => analyze([{ text: 'x' }], { sieves: ['no-such-sieve'] }), /unknown sieve 'no-such-sieve'.*trailing-cue.*indirect-subjunctive/);
  // and the module still works afterwards
  assert.equal(analyze([{ text: '' }]).quotes.length, 0);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});
