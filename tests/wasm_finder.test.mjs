// The Wasm article finder as the extension calls it: findArticle(tree) and analyzePage(tree, options)
// on a page tree (src/tree.rs), offsets in UTF-16 code units. Runs the built target/pkg in node.
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
const { findArticle, analyzePage, analyze } = globalThis.wasm_bindgen;

// A tree from [depth, tag, text?] rows (the parent is the last element one level up).
function tree(rows, extra = {}) {
  const nodes = [];
  const open = [];
  for (const [depth, tag, text] of rows) {
    open.length = depth;
    const node = { tag, parent: depth === 0 ? -1 : open[depth - 1] };
    if (tag === '#text') node.text = text;
    else open.push(nodes.length);
    nodes.push(node);
  }
  return { ...extra, nodes };
}

const page = tree([
  [0, 'html'],
  [1, 'head'],
  [1, 'body'],
  [2, 'nav'], [3, 'a'], [4, '#text', 'Home'],
  [2, 'article'],
  [3, 'h1'], [4, '#text', 'Robots 🤖 reach\u00a0Kharkiv'],
  [3, 'p'], [4, '#text', '  Olena   Kovalenko, the city\u00a0engineer,\n met reporters on Monday in Сумська street. '],
  [3, 'p'], [4, '#text', '“The 🤖 machines '], [4, 'b'], [5, '#text', 'cleared'], [4, '#text', ' Сумська\u00ad street in an hour,” Kovalenko said.'],
  [3, 'p'], [4, '#text', 'She added, at length and with commas,'], [4, 'br'], [4, '#text', '😀 that the work would go on for weeks.'],
], { title: 'Robots 🤖 reach Kharkiv | City News', meta: [['description', 'Robots in the city.']] });

// Every UTF-16 unit of every block comes from the node and offset its piece names.
function assertPiecesMapBack(t, r) {
  for (const b of r.blocks) {
    assert.equal(b.pieces.length % 4, 0);
    let at = 0;
    for (let i = 0; i < b.pieces.length; i += 4) {
      const [pAt, node, offset, len] = b.pieces.slice(i, i + 4);
      assert.equal(pAt, at, `pieces of ${JSON.stringify(b.text)} leave a gap`);
      const got = b.text.slice(pAt, pAt + len);
      const src = t.nodes[node].text;
      assert.equal(typeof src, 'string', `piece points at node ${node}, not a text node`);
      const want = src.slice(offset, offset + len).replace(/[ \t\n\r\f]/g, ' ');
      if (got === ' ' && want !== ' ') assert.ok(offset < src.length, 'a <br> space maps to the next character');
      else assert.equal(got, want, `piece ${[pAt, node, offset, len]} of ${JSON.stringify(b.text)}`);
      at += len;
    }
    assert.equal(at, b.text.length);
  }
}

test('findArticle: blocks, kinds, nodes and UTF-16 pieces across emoji, NBSP, Cyrillic, soft hyphen, <br>', () => {
  const r = findArticle(page);
  assert.deepEqual(r.blocks.map((b) => [b.kind, b.text]), [
    ['heading', 'Robots 🤖 reach\u00a0Kharkiv'],
    ['paragraph', 'Olena Kovalenko, the city\u00a0engineer, met reporters on Monday in Сумська street.'],
    ['paragraph', '“The 🤖 machines cleared Сумська street in an hour,” Kovalenko said.'],
    ['paragraph', 'She added, at length and with commas, 😀 that the work would go on for weeks.'],
  ]);
  assertPiecesMapBack(page, r);
  assert.deepEqual(r.blocks.map((b) => b.node), [7, 9, 11, 16]);
  assert.deepEqual(r.truncated, { blocks: false, chars: false });
  assert.ok(r.roots.includes(6) || r.roots.includes(2), `roots: ${r.roots}`);
  // "cleared" comes from the <b>'s text node; "street" after the soft hyphen from offset 9 of node 15
  const b = r.blocks[2];
  const piece = (at) => { for (let i = 0; i < b.pieces.length; i += 4) if (b.pieces[i] <= at && at < b.pieces[i] + b.pieces[i + 3]) return [b.pieces[i + 1], b.pieces[i + 2] + at - b.pieces[i]]; };
  assert.deepEqual(piece(b.text.indexOf('cleared')), [14, 0]);
  assert.deepEqual(piece(b.text.indexOf('street')), [15, ' Сумська\u00ad '.length]);
  assert.deepEqual(piece(b.text.indexOf('machines')), [12, '“The 🤖 '.length]);
  // the space made by <br> maps to the emoji after it
  const c = r.blocks[3];
  const at = c.text.indexOf('😀') - 1;
  assert.equal(c.text[at], ' ');
  const i = c.pieces.findIndex((x, k) => k % 4 === 0 && x === at);
  assert.deepEqual(c.pieces.slice(i, i + 4), [at, 19, 0, 1]);
});

test('analyzePage: the same blocks plus quotes exactly as analyze() gives them', () => {
  const r = analyzePage(page, { minConfidence: 0 });
  const blocks = r.blocks.map(({ kind, text }) => ({ kind, text }));
  assert.deepEqual(blocks, findArticle(page).blocks.map(({ kind, text }) => ({ kind, text })));
  const a = analyze(blocks);
  assert.deepEqual(r.quotes, a.quotes);
  assert.deepEqual(r.speakers, a.speakers);
  assert.equal(r.version, a.version);
  const q = r.quotes.find((x) => x.kind === 'direct');
  assert.equal(r.blocks[q.block].text.slice(q.start, q.end), '“The 🤖 machines cleared Сумська street in an hour,”');
  assert.equal(q.speakerName, 'Olena Kovalenko');
  assert.equal(analyzePage(page, { indirect: false }).quotes.filter((x) => x.kind === 'indirect').length, 0);
  assert.throws(() => analyzePage(page, { sieves: ['nope'] }), /unknown sieve 'nope'/);
});

test('malformed trees are clear errors, never a crash, and the module keeps working', () => {
  const bad = [
    [{ nodes: [{ tag: 'body', parent: -1 }, { tag: 'p', parent: 5 }] }, /page tree: nodes\[1\]\.parent is 5/],
    [{ nodes: [{ tag: 'body', parent: -1 }, { tag: 'p', parent: 1 }] }, /nodes\[1\]\.parent is 1/], // itself: a cycle
    [{ nodes: [{ tag: 'p', parent: 1 }, { tag: 'body', parent: 0 }] }, /nodes\[0\]\.parent is 1/], // a two-node cycle
    [{ nodes: [{ tag: 'body', parent: -1 }, { tag: 'div', parent: 0 }, { tag: 'div', parent: 0 }, { tag: 'p', parent: 1 }] }, /not an ancestor of nodes\[2\].*pre-order/],
    [{ nodes: [{ tag: 'body', parent: -1 }, { tag: '#text', parent: 0, text: 'x' }, { tag: 'b', parent: 1 }] }, /a text node/],
    [{ nodes: [{ tag: 'body', parent: -7 }] }, /parent is -7/],
    [{ nodes: [{ parent: -1 }] }, /bad page tree.*tag/],
    [{ nodes: 'not an array' }, /bad page tree/],
    ['not a tree', /bad page tree/],
    [{ nodes: [{ tag: 'body', parent: 1.5 }] }, /bad page tree/],
  ];
  for (const [t, re] of bad) {
    assert.throws(() => findArticle(t), re);
    assert.throws(() => analyzePage(t), re);
  }
  assert.deepEqual(findArticle({}).blocks, []);
  assert.deepEqual(findArticle({ nodes: [] }), { blocks: [], roots: [], truncated: { blocks: false, chars: false } });
  assert.equal(findArticle(page).blocks.length, 4);
});
