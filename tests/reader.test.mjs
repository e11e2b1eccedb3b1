// The reader's shared modules in node: the voices summary (extension/src/voices.js) and the
// citation / JSON / CSV / Markdown exports (extension/src/export.js). Run: node --test tests/reader.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'src');
const ctx = vm.createContext({ Intl, URL });
for (const f of ['voices.js', 'export.js']) vm.runInContext(fs.readFileSync(path.join(src, f), 'utf8'), ctx, { filename: f });
const V = ctx.QuoteLensVoices;
const E = ctx.QuoteLensExport;
const plain = (x) => JSON.parse(JSON.stringify(x));

// short news sentences written for this test
const QUOTES = [
  { speaker: 'Priya Nair', speakerKind: 'person', kind: 'direct', text: '“The cables are older than anyone here,”' }, // 7 words
  { speaker: 'Priya Nair', speakerKind: 'person', kind: 'indirect', text: 'the bridge would close on Monday' }, // 6
  { speaker: 'Harbour Authority', speakerKind: 'organisation', kind: 'direct', text: '“Ferries will run.”' }, // 3
  { speaker: 'a senior official', speakerKind: 'anonymous', kind: 'mixed', text: 'it was “mismanaged from the start”' }, // 6
  { speaker: '', speakerKind: null, kind: 'direct', text: '“Мы не сдадимся 📈,”' }, // 3 (Cyrillic counts, the emoji does not)
  { speaker: 'priya nair', speakerKind: 'person', kind: 'direct', text: '“Sorry for the detours.”' }, // same speaker, 4
];

test('words: letters and digits of any script; marks, emoji and dashes are not words', () => {
  assert.equal(V.countWords('“It’s a 20 % rise — isn’t it?”'), 6);
  assert.equal(V.countWords('“Мы не сдадимся 📈,”'), 3);
  assert.equal(V.countWords('well-known\u00A0fact'), 2);
  assert.equal(V.countWords(''), 0);
});

test('voices: speakers, categories and kinds by quotes and share of quoted words', () => {
  const s = plain(V.summarize(QUOTES));
  assert.equal(s.quotes, 6);
  assert.equal(s.words, 29);
  assert.deepEqual(s.speakers.map((x) => [x.name, x.quotes, x.words]), [
    ['Priya Nair', 3, 17], ['a senior official', 1, 6], ['Harbour Authority', 1, 3], ['', 1, 3],
  ]);
  assert.ok(Math.abs(s.speakers[0].share - 17 / 29) < 1e-9);
  assert.deepEqual(Object.fromEntries(Object.entries(s.categories).map(([k, v]) => [k, [v.quotes, v.words, v.speakers]])), {
    person: [3, 17, 1], organisation: [1, 3, 1], anonymous: [1, 6, 1], unknown: [0, 0, 0], unattributed: [1, 3, 0],
  });
  assert.deepEqual(Object.fromEntries(Object.entries(s.kinds).map(([k, v]) => [k, v.quotes])), { direct: 4, mixed: 1, indirect: 1 });
  const shares = Object.values(s.categories).reduce((n, c) => n + c.share, 0);
  assert.ok(Math.abs(shares - 1) < 1e-9, 'category shares add up to 1');
  assert.equal(V.summarize([]).quotes, 0);
});

test('voices: a speaker kind the engine does not report yet is "unknown", never dropped', () => {
  const s = V.summarize([{ speaker: 'X', speakerKind: 'something-new', kind: 'direct', text: '“a b”' }, { speaker: 'Y', kind: 'weird', text: 'c' }]);
  assert.equal(s.categories.unknown.quotes, 2);
  assert.equal(s.kinds.direct.quotes, 2);
});

test('voices: fromGroups reads the renderer\'s who-said-what groups', () => {
  const q = V.fromGroups([{ speaker: 'A', speakerKind: 'person', quotes: [{ id: 'q1', text: '“x”', kind: 'direct' }] }, { speaker: '', quotes: [{ id: 'q2', text: '“y”', kind: 'direct' }] }]);
  assert.deepEqual(plain(q), [{ speaker: 'A', speakerKind: 'person', kind: 'direct', text: '“x”' }, { speaker: '', speakerKind: null, kind: 'direct', text: '“y”' }]);
});

const META = { headline: 'Harbour bridge to close, city says', site: 'The Test Gazette', date: '2026-03-14T09:30:00Z', url: 'http://127.0.0.1/news/harbour-bridge?a=1&b=2', author: 'Kim Ortega' };
const ITEM = { id: 'q1', speakerName: 'Priya Nair', speakerKind: 'person', role: 'the city’s chief engineer', kind: 'direct', rule: 'trailing-cue', confidence: 0.949999988, text: '“The cables are <old>,”', fullText: '“The cables are <old>,”', engineId: 3, block: 2 };

test('citation: “…” — Speaker, role, in Headline, Site, date, URL; rich text escaped, headline in italics', () => {
  const c = E.citation(E.record(ITEM), META);
  assert.equal(c.text, '“The cables are <old>,” — Priya Nair, the city’s chief engineer, in Harbour bridge to close, city says, The Test Gazette, 2026-03-14, http://127.0.0.1/news/harbour-bridge?a=1&b=2');
  assert.equal(c.html, '<p>“The cables are &lt;old&gt;,” — Priya Nair, the city’s chief engineer, in <i>Harbour bridge to close, city says</i>, The Test Gazette, 2026-03-14, <a href="http://127.0.0.1/news/harbour-bridge?a=1&amp;b=2">http://127.0.0.1/news/harbour-bridge?a=1&amp;b=2</a></p>');
  const para = E.citation(E.record({ ...ITEM, kind: 'indirect', text: 'the bridge would close', fullText: 'the bridge would close' }), {});
  assert.equal(para.text, 'the bridge would close (paraphrase) — Priya Nair, the city’s chief engineer');
  assert.equal(E.citation(E.record({ id: 'q2', kind: 'direct', text: 'bare words' }), {}).text, '“bare words” — unattributed');
});

test('record: the demo export\'s fields, engine offsets when the engine quote is given', () => {
  const r = plain(E.record(ITEM, { block: 2, start: 0, end: 23, rule: 'x', cue: { block: 2, start: 30, end: 34 }, mentions: [] }));
  assert.deepEqual(Object.keys(r), ['id', 'speaker', 'speakerKind', 'role', 'kind', 'rule', 'confidence', 'text', 'block', 'start', 'end', 'cue', 'sentence', 'mentions', 'continues', 'engineId']);
  assert.equal(r.confidence, 0.95);
  assert.equal(r.rule, 'trailing-cue');
  assert.deepEqual([r.block, r.start, r.end], [2, 0, 23]);
});

/** A small RFC 4180 reader, to check that what toCsv writes reads back field for field. */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let f = '';
  let i = 0;
  let q = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\r' && s[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; } else f += c;
  }
  assert.equal(f, '', 'the file ends with CRLF');
  return rows;
}

test('CSV (RFC 4180): CRLF, quotes doubled, commas and newlines quoted, page columns, reads back exactly', () => {
  const nasty = { ...ITEM, id: 'q9', fullText: '“He said, ""no"",\nthen left.”', role: 'a, b' };
  const csv = E.toCsv([E.record(ITEM), E.record(nasty)], META);
  assert.ok(csv.startsWith('\uFEFFquote_id,speaker,'), 'BOM and header');
  assert.ok(!/[^\r]\n/.test(csv.replace(/"[^"]*(?:""[^"]*)*"/g, '')), 'every line break outside quotes is CRLF');
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows[0], [...E.CSV_COLUMNS, ...E.CSV_PAGE_COLUMNS]);
  assert.equal(rows.length, 3);
  assert.equal(rows[2][10], nasty.fullText);
  assert.equal(rows[2][3], 'a, b');
  assert.deepEqual(rows[1].slice(-4), [META.headline, META.site, META.date, META.url]);
  assert.equal(E.csvField('plain'), 'plain');
  assert.equal(E.csvField(' edge'), '" edge"');
});

test('Markdown: headline, source line, a section per speaker, markup in page text escaped', () => {
  const md = E.toMarkdown([E.record(ITEM), E.record({ id: 'q2', kind: 'direct', text: '“*not* a [link](x)”', confidence: 0.4 })], META);
  assert.match(md, /^# Quotes in \*Harbour bridge to close, city says\*\n/);
  assert.match(md, /The Test Gazette · 2026-03-14 · Kim Ortega/);
  assert.match(md, /<http:\/\/127\.0\.0\.1\/news\/harbour-bridge\?a=1&b=2>/);
  assert.match(md, /## Priya Nair \(the city’s chief engineer, person\)\n\n- “The cables are \\<old\\>,” — direct, confidence 0\.95/);
  assert.match(md, /## Unattributed\n\n- “\\\*not\\\* a \\\[link\\\]\\\(x\\\)” — direct, confidence 0\.40/);
  assert.ok(md.indexOf('## Priya Nair') < md.indexOf('## Unattributed'), 'unattributed last');
});

test('JSON: page metadata, offsets note and the quotes', () => {
  const j = JSON.parse(E.toJson([E.record(ITEM)], META, { engineVersion: '1.2.3' }));
  assert.deepEqual(j.page, META);
  assert.equal(j.engineVersion, '1.2.3');
  assert.equal(j.quotes[0].speaker, 'Priya Nair');
  assert.match(j.offsets, /UTF-16/);
  assert.equal(E.fileName(META, 'csv'), 'quotelens-harbour-bridge-to-close-city-says.csv');
});

test('locales: German has every English message with the same placeholders; render.js words are the English messages', () => {
  const read = (l) => JSON.parse(fs.readFileSync(path.join(src, '..', '_locales', l, 'messages.json'), 'utf8'));
  const en = read('en');
  const de = read('de');
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  const marks = (s) => (s.match(/\$\w+\$|\$\d|\{\d\}/g) || []).sort().join(' ');
  for (const k of Object.keys(en)) assert.equal(marks(de[k].message), marks(en[k].message), `placeholders of ${k}`);
  const r = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(src, 'render.js'), 'utf8'), r);
  for (const [k, v] of Object.entries(r.QuoteLensRender.STRINGS)) assert.equal(en['label_' + k] && en['label_' + k].message, v, `label_${k}`);
  for (const [k, v] of Object.entries(r.QuoteLensRender.KIND_TEXT)) assert.equal(en['kindText_' + k] && en['kindText_' + k].message, v, `kindText_${k}`);
  for (const [k, v] of Object.entries(V.EN)) assert.equal(en[k] && en[k].message, v, `voices ${k}`);
});
