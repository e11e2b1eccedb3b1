#!/usr/bin/env node
// The demo page (www/) in a real browser: Debian Chromium driven by playwright-core.
//
//   node tests/www/demo.test.js            (after `make build`, which fills www/pkg and www/shared)
//
// Serves www/ with python3's http.server on a free 127.0.0.1 port, loads the page and checks:
// the default sample is labelled with the right speakers (real engine behaviour on our own samples),
// the other samples, pasting plain text and HTML, hover cards and keyboard access, the who-said-what
// table, the JSON and CSV exports against what the page shows, dark mode, no request other than to
// the local server, no console error. Screenshots go to tests/www/out/. Ends with the line
// `demo: N passed, M failed` and exits non-zero on any failure.
//
// Checks named "engine: …" assert what the engine should find in the sample articles; when one
// fails the demo works but the engine got that quote wrong.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const http = require('node:http');
const { spawn } = require('node:child_process');
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (_) {
  console.error('tests/www: playwright-core is not installed — run: npm ci');
  console.log('demo: 0 passed, 1 failed');
  process.exit(1);
}

const REPO = path.resolve(__dirname, '..', '..');
const WWW = path.join(REPO, 'www');
const OUT = path.join(__dirname, 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail !== undefined ? `\n     ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`);
  }
  return !!ok;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

async function startServer(port) {
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', WWW],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  // however this process ends (a failure, process.exit, a signal), the server goes too
  process.on('exit', () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill(); });
  for (let i = 0; i < 100; i++) {
    try {
      if (await get(`http://127.0.0.1:${port}/index.html`) === 200) return proc;
    } catch (_) { /* not up yet */ }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`python3 -m http.server did not start on port ${port}: ${log.slice(-500)}`);
}

const collapse = (s) => String(s || '').replace(/[\s\u00A0]+/g, ' ').trim();
const firstCodePoints = (s, n) => Array.from(s).slice(0, n).join('');

/** RFC 4180 parser: quoted fields with commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '\n') throw new Error(`bare LF at ${i} (CSV lines must end with CRLF)`);
    if (c === '"') throw new Error(`stray quote at ${i}`);
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Page helpers

async function waitDone(page) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-state') === 'done', null, { timeout: 20000 });
}

/** Every label on the page, with the text that precedes it in its block. */
function labels(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-quotelens-quote]')].map((el) => {
    const block = el.closest('[data-block]');
    let before = '';
    if (block) {
      const r = document.createRange();
      r.setStart(block, 0);
      r.setEndBefore(el);
      before = r.toString();
    }
    const btn = el.shadowRoot && el.shadowRoot.querySelector('button');
    return {
      id: el.getAttribute('data-quotelens-quote'),
      speaker: el.getAttribute('data-quotelens-speaker'),
      kind: el.getAttribute('data-quotelens-kind'),
      text: el.getAttribute('data-quotelens-text'),
      tag: el.localName,
      inArticle: !!el.closest('#article'),
      block: block ? Number(block.dataset.block) : null,
      before,
      ariaLabel: btn ? btn.getAttribute('aria-label') : null,
      labelText: btn ? btn.getAttribute('data-label') : null,
      dark: btn ? btn.classList.contains('dark') : null,
    };
  }));
}

/** The who-said-what table as data. */
function table(page) {
  return page.evaluate(() => [...document.querySelectorAll('#table tbody.speaker-group')].map((tb) => ({
    speaker: tb.getAttribute('data-speaker'),
    name: (tb.querySelector('.speaker-name') || {}).textContent,
    kind: (tb.querySelector('[data-field=kind]') || {}).textContent || null,
    role: (tb.querySelector('[data-field=role]') || {}).textContent || null,
    count: (tb.querySelector('[data-field=count]') || {}).textContent,
    quotes: [...tb.querySelectorAll('tr.quote-row')].map((tr) => ({
      id: tr.getAttribute('data-quote-id'),
      text: tr.querySelector('.quote-link').textContent,
      kind: tr.querySelector('.kind').textContent,
      rule: tr.querySelector('.rule').textContent,
    })),
  })));
}

function findLabel(list, prefix) {
  return list.find((l) => l.text.startsWith(collapse(prefix)));
}

/** "engine: …" check that the quote starting with `prefix` is labelled with `speaker`. */
function expectSpeaker(list, prefix, speaker, kind) {
  const l = findLabel(list, prefix);
  const what = `engine: ${JSON.stringify(prefix.slice(0, 32) + '…')} → ${speaker}${kind ? ` (${kind})` : ''}`;
  const ok = l && l.speaker === speaker && (!kind || (Array.isArray(kind) ? kind.includes(l.kind) : l.kind === kind));
  return check(what, ok, l ? `labelled ${JSON.stringify(l.speaker)} (${l.kind})` : 'no label for this quote');
}

/** Labels sit right after their quote: the block's text before the label ends with the quote. */
function checkPlacement(name, list) {
  const bad = list.filter((l) => !l.inArticle || !l.tag.startsWith('quotelens-label-') ||
    !collapse(l.before).endsWith(collapse(l.text).slice(-Math.min(40, collapse(l.text).length))));
  check(`${name}: every label is in the article, right after its quote`, list.length && !bad.length,
    bad.slice(0, 3).map((l) => ({ text: l.text.slice(-40), before: collapse(l.before).slice(-40) })));
}

async function loadSample(page, id) {
  await page.click(`#sample-buttons button[data-sample="${id}"]`);
  await waitDone(page);
  return labels(page);
}

async function download(page, selector) {
  // Chromium lets a page start one download per user interaction and blocks the next one until it
  // has seen another; the export click's own interaction may reach the download limiter after the
  // download it starts (a race: three exports in a row then fail now and then). A key press first,
  // and a moment for it to register, makes each export a fresh interaction's one download.
  await page.keyboard.press('Shift');
  await page.waitForTimeout(100);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click(selector)]);
  const file = path.join(OUT, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Exports against the page: the same quotes, speakers and offsets as the labels and the table. */
async function checkExports(page, name) {
  const shown = await labels(page);
  const groups = await table(page);
  const json = await download(page, '#export-json');
  let data = null;
  try { data = JSON.parse(json.text); } catch (e) { check(`${name}: JSON export parses`, false, e.message); return; }
  check(`${name}: JSON export parses (${json.name})`, json.name.endsWith('.json'));
  check(`${name}: JSON documents offsets as UTF-16 code units`, /UTF-16 code units/.test(data.offsets || ''), data.offsets);
  const q = data.quotes || [];
  check(`${name}: JSON has one quote per label, in page order`,
    q.length === shown.length && q.every((x, i) => x.id === shown[i].id), { json: q.map((x) => x.id), page: shown.map((l) => l.id) });
  const mism = q.filter((x, i) => !shown[i] || (x.speaker || '') !== shown[i].speaker || x.kind !== shown[i].kind ||
    firstCodePoints(collapse(x.text), 200) !== shown[i].text);
  check(`${name}: JSON speaker, kind and text match the labels`, !mism.length, mism.slice(0, 3));
  const blocks = (data.article && data.article.blocks) || [];
  const badOff = q.filter((x) => !blocks[x.block] || collapse(blocks[x.block].text.slice(x.start, x.end)) !== collapse(x.text));
  check(`${name}: JSON offsets (UTF-16) cut exactly the quote out of its block`, q.length && !badOff.length,
    badOff.slice(0, 3).map((x) => ({ text: x.text, slice: blocks[x.block] && blocks[x.block].text.slice(x.start, x.end) })));
  const sp = (data.speakers || []).map((s) => ({ name: s.name || '', n: s.quoteCount, quotes: s.quotes }));
  const tab = groups.map((g) => ({ name: g.speaker, n: g.quotes.length, quotes: g.quotes.map((x) => x.id) }));
  check(`${name}: JSON speakers match the who-said-what table`, JSON.stringify(sp) === JSON.stringify(tab), { json: sp, table: tab });
  const rulesOk = q.every((x) => {
    const row = groups.flatMap((g) => g.quotes).find((r) => r.id === x.id);
    return row && row.rule === (x.rule || '') && row.kind === x.kind;
  });
  check(`${name}: table rows show each quote's kind and rule as exported`, rulesOk);

  const csv = await download(page, '#export-csv');
  let rows = null;
  try { rows = parseCsv(csv.text.replace(/^\uFEFF/, '')); } catch (e) { check(`${name}: CSV parses (RFC 4180)`, false, e.message); return; }
  const header = rows[0] || [];
  check(`${name}: CSV parses (RFC 4180) with the documented columns (${csv.name})`,
    header.join(',') === 'quote_id,speaker,speaker_kind,speaker_role,kind,rule,confidence,block,start_utf16,end_utf16,text' &&
    rows.every((r) => r.length === header.length), header);
  const recs = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  const csvBad = [];
  if (recs.length !== q.length) csvBad.push({ rows: recs.length, quotes: q.length });
  recs.forEach((r, i) => {
    const x = q[i];
    if (!x || r.quote_id !== x.id || r.speaker !== (x.speaker || '') || r.kind !== x.kind || r.rule !== (x.rule || '') ||
      Number(r.block) !== x.block || Number(r.start_utf16) !== x.start || Number(r.end_utf16) !== x.end || r.text !== x.text ||
      r.speaker_kind !== (x.speakerKind || '') || r.speaker_role !== (x.role || '')) csvBad.push({ csv: r, json: x && x.id });
  });
  check(`${name}: CSV rows equal the JSON quotes field by field`, !csvBad.length, csvBad.slice(0, 2));

  const md = await download(page, '#export-md');
  check(`${name}: Markdown export has the title and a section per speaker (${md.name})`,
    /^# Quotes in \*.+\*\n/.test(md.text) && groups.every((g) => md.text.includes(`## ${(g.speaker || 'Unattributed').replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&')}`)),
    md.text.slice(0, 300));
  await checkVoices(page, name, shown);
  return { data, rows };
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the demo page: no serious or critical violation. */
async function checkAxe(page, name) {
  await page.evaluate(AXE);
  const v = await page.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((x) => ({ id: x.id, impact: x.impact, nodes: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  const bad = v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
  check(`${name}: axe-core finds no serious or critical accessibility violation`, !bad.length, bad);
}

const READER_JS = fs.readFileSync(path.join(REPO, 'extension', 'src', 'reader.js'), 'utf8');

/** axe-core on a hover card as the extension builds it: the same render.js buildCard with the
 * extension's reader.js cardExtras (copy button, uncertainty note). In the extension the card sits
 * in a closed shadow root, where axe cannot look; here it is in an open one, which axe enters. */
async function checkCardAxe(page, name) {
  await page.evaluate(READER_JS); // the extension's file, injected by the test (the demo does not load it)
  const r = await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'card-axe';
    box.innerHTML = '<p>“The ferry will run again in May,” said Ana Lima, the port director.</p>';
    (document.querySelector('main') || document.body).append(box);
    const t = box.querySelector('p').firstChild;
    const range = document.createRange();
    range.setStart(t, 0);
    range.setEnd(t, t.data.indexOf('”') + 1);
    const rr = globalThis.QuoteLensRender.createRenderer({ doc: document, palette: 'default', cardExtras: globalThis.QuoteLensReader.cardExtras });
    globalThis.__cardAxe = rr;
    rr.render([{ id: 'axe1', range, text: range.toString(), kind: 'direct', speakerName: 'Ana Lima', role: 'the port director',
      speakerKind: 'person', confidence: 0.85, uncertain: true, uncertainBelow: 0.9, sentence: t.data }]);
    const sr = document.querySelector('[data-quotelens-quote="axe1"]').shadowRoot;
    sr.querySelector('button').click();
    const card = sr.querySelector('.card');
    return { open: !!card && !card.hidden, role: card && card.getAttribute('role'), copy: !!(card && card.querySelector('.copy')),
      note: !!(card && card.querySelector('.note-uncertain')), focusInCard: !!(card && card.contains(sr.activeElement)) };
  });
  check(`${name}: a card built as in the extension (copy button, uncertainty note) opens as a dialog with focus inside`,
    r.open && r.role === 'dialog' && r.copy && r.note && r.focusInCard, r);
  await checkAxe(page, `${name}, the extension's card open`);
  await page.evaluate(() => { globalThis.__cardAxe.clear(); document.getElementById('card-axe').remove(); delete globalThis.__cardAxe; });
}

/** The voices summary (shared/voices.js, the popup's code) agrees with the labels on the page. */
async function checkVoices(page, name, shown) {
  const v = await page.evaluate(() => ({
    speakers: [...document.querySelectorAll('#voices-body .qlv-speakers tbody tr')].map((tr) => [tr.querySelector('th').textContent, Number(tr.querySelector('.qlv-count').textContent)]),
    cats: [...document.querySelectorAll('#voices-body .qlv-categories tbody tr')].map((tr) => Number(tr.querySelector('.qlv-count').textContent)),
    kinds: [...document.querySelectorAll('#voices-body .qlv-kinds tbody tr')].map((tr) => Number(tr.querySelector('.qlv-count').textContent)),
    bars: [...document.querySelectorAll('#voices-body .qlv-track')].every((t) => t.getAttribute('aria-hidden') === 'true'),
    captions: document.querySelectorAll('#voices-body table caption').length,
  }));
  const per = new Map();
  for (const l of shown) per.set(l.speaker || 'Unattributed', (per.get(l.speaker || 'Unattributed') || 0) + 1);
  const rowsOk = v.speakers.length === per.size && v.speakers.every(([n, c]) => per.get(n) === c);
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  check(`${name}: voices summary counts every speaker's quotes, kinds of source and kinds of quote add up`,
    rowsOk && sum(v.cats) === shown.length && sum(v.kinds) === shown.length && v.bars && v.captions === 3, { v, labels: [...per] });
}

/** Unnamed sources (speaker kind "anonymous", from the engine's attribution work) whatever the engine reports
 * today: the renderer's own style and accessible name, and their own row in the voices summary. */
async function checkAnonymous(page) {
  const r = await page.evaluate(() => {
    const box = document.createElement('div');
    box.innerHTML = '<p id="anon-p">“Nobody saw it coming,” said a senior official.</p>';
    document.body.append(box);
    const t = box.querySelector('p').firstChild;
    const range = document.createRange();
    range.setStart(t, 0);
    range.setEnd(t, 23);
    const R = globalThis.QuoteLensRender;
    const rr = R.createRenderer({ doc: document, palette: 'default', highlight: 'wrap' });
    rr.render([{ id: 'anon1', range, text: '“Nobody saw it coming,”', kind: 'direct', speakerName: 'a senior official', speakerKind: 'anonymous', confidence: 0.95 },
      { id: 'unsure1', range: (() => { const x = document.createRange(); x.setStart(t, 24); x.setEnd(t, 28); return x; })(), text: 'said', kind: 'direct', speakerName: 'B', speakerKind: 'person', confidence: 0.85, uncertain: true }]);
    const b = (id) => document.querySelector(`[data-quotelens-quote="${id}"]`).shadowRoot.querySelector('button');
    const out = { cls: b('anon1').className, aria: b('anon1').getAttribute('aria-label'), border: getComputedStyle(b('anon1')).borderTopStyle,
      ucls: b('unsure1').className, uborder: getComputedStyle(b('unsure1')).borderTopStyle };
    rr.clear();
    const restored = box.innerHTML;
    box.remove();
    const V = globalThis.QuoteLensVoices;
    const el = V.build(document, V.summarize([{ speaker: 'a senior official', speakerKind: 'anonymous', kind: 'direct', text: '“Nobody saw it coming,”' }, { speaker: '', kind: 'indirect', text: 'it was late' }]), {});
    out.rows = [...el.querySelectorAll('.qlv-categories tbody th')].map((th) => th.textContent);
    out.restored = restored === '<p id="anon-p">“Nobody saw it coming,” said a senior official.</p>';
    return out;
  });
  check('unnamed source: a label style of its own (double border) and "unnamed source" in its accessible name',
    / anonymous/.test(r.cls) && r.border === 'double' && /^quote by a senior official, direct, unnamed source/.test(r.aria), r);
  check('uncertain label: a style of its own (dashed) and "uncertain" in the markup', / uncertain/.test(r.ucls) && r.uborder === 'dashed', r);
  check('unnamed sources and unattributed quotes are counted apart in the voices summary',
    JSON.stringify(r.rows) === JSON.stringify(['Unnamed sources', 'Unattributed quotes']) && r.restored, r);
}

// ---------------------------------------------------------------------------------------------

const PASTED_TEXT = `Library to stay open on Sundays

The city council voted on Monday to keep the central library open on Sundays, reversing a decision made last spring.

"This is a victory for every family that depends on the library," said councillor Priya Natarajan, who led the campaign.

The mayor, Karl Svensson, said the longer hours would cost about $400,000 a year.

"We found the money because people asked for it," Svensson said.`;

const PASTED_HTML = `<!doctype html><html lang="en"><head><title>Harbour tunnel | The Coastal Times</title>
<script>window.__pasted = 'script ran'; fetch('http://example.com/track');</script>
<link rel="stylesheet" href="http://example.com/site.css"><base href="http://example.com/">
<style>@import url(http://example.com/more.css); body { background: url(http://example.com/bg.png) }</style></head>
<body onload="window.__pasted='onload ran'">
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article class="story">
<h1>Harbour tunnel opens two years late</h1>
<div class="ad" style="display:none"><p>Advertisement: "Buy now," said nobody at all, on any occasion whatsoever.</p></div>
<p class="standfirst" style="font-weight:bold">The tunnel cost twice its original budget, but engineers say it will last a century.</p>
<figure><img src="http://example.com/tunnel.jpg" onerror="window.__pasted='onerror ran'" alt=""><figcaption>The northern entrance of the tunnel on Friday.</figcaption></figure>
<p>The long-delayed harbour tunnel opened to traffic on Friday morning, two years behind schedule and well over budget, after a decade of planning, digging and arguing.</p>
<p>&ldquo;Nobody will remember the delays in fifty years,&rdquo; said <a href="/people/ines-duarte">Ines Duarte</a>, the project&rsquo;s chief engineer. &ldquo;They will remember that the tunnel is still standing.&rdquo;</p>
<p>Critics were less forgiving. &ldquo;This is a monument to poor planning,&rdquo; said <em>Gareth Bell</em>, a member of the city&rsquo;s audit committee, who has called for an inquiry into the cost overruns.</p>
<p>The transport department said the tunnel would carry around 40,000 vehicles a day and cut journey times across the harbour by a quarter.</p>
</article>
<section class="comments"><h2>Comments</h2><p>&ldquo;Took them long enough,&rdquo; said my neighbour Tom Reader, who drives across the harbour every single day.</p></section>
<footer><p>&copy; The Coastal Times</p></footer>
</body></html>`;

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`tests/www: ${CHROMIUM} is missing — apt-get install chromium (or set CHROMIUM=/path/to/chromium)`);
    console.log('demo: 0 passed, 1 failed');
    process.exit(1);
  }
  for (const f of ['pkg/quotelens.js', 'pkg/quotelens_bg.wasm', 'shared/render.js', 'shared/extract.js', 'shared/voices.js', 'shared/export.js', 'shared/metadata.js']) {
    if (!fs.existsSync(path.join(WWW, f))) {
      console.error(`tests/www: www/${f} is missing — build first: make build (or make wasm && node www/build.mjs)`);
      console.log('demo: 0 passed, 1 failed');
      process.exit(1);
    }
  }
  // a CI or `timeout` limit: report and exit; the 'exit' handlers (the server's above, playwright's
  // for the browser) leave no process behind
  for (const [sig, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]]) {
    process.once(sig, () => {
      console.log(`FAIL interrupted by ${sig}\ndemo: ${passed} passed, ${failed + 1} failed`);
      process.exit(128 + n);
    });
  }
  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}/`;
  let browser = null;
  const requests = [];
  const consoleErrors = [];
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-default-apps', '--no-default-browser-check', '--disable-domain-reliability',
        // belt and braces: any host but 127.0.0.1 fails to resolve (the request is still recorded)
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message));

    // --- the default sample -----------------------------------------------------------------
    await page.goto(base);
    await waitDone(page);
    const status = await page.textContent('#status');
    check('page loads, the engine runs and reports what it found', /\d+ quotes? from \d+ speakers?/.test(status), status);
    const pressed = await page.getAttribute('#sample-buttons button[aria-pressed="true"]', 'data-sample');
    check('a sample article is loaded by default', pressed === 'regulator', pressed);
    const version = await page.textContent('#engine-version');
    check('the engine version is shown', /engine \d+\.\d+/.test(version), version);
    const shared = await page.evaluate(() => ({
      render: typeof QuoteLensRender === 'object' && typeof QuoteLensRender.createRenderer === 'function',
      extract: typeof QuoteLensExtract === 'object' && typeof QuoteLensExtract.resolve === 'function',
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    }));
    check('the page runs the extension\'s own render.js and extract.js (www/shared)', shared.render && shared.extract &&
      shared.scripts.includes('shared/render.js') && shared.scripts.includes('shared/extract.js'), shared);
    const sameFile = ['render.js', 'extract.js'].every((f) =>
      fs.readFileSync(path.join(WWW, 'shared', f), 'utf8') === fs.readFileSync(path.join(REPO, 'extension', 'src', f), 'utf8'));
    check('www/shared is an up-to-date copy of extension/src (rebuild with node www/build.mjs if not)', sameFile);

    let L = await labels(page);
    check('default sample: labels are drawn', L.length >= 6, L.length);
    checkPlacement('default sample', L);
    check('default sample: every label has an accessible name and a visible "— speaker" text',
      L.every((l) => /by .+\. Show details\./.test(l.ariaLabel || '') && /^— /.test(l.labelText || '')), L.map((l) => l.ariaLabel));
    expectSpeaker(L, '“The report relies on incomplete data', 'Northwind Energy', 'direct');
    check('engine: "the company said" is never shown as the speaker "the company"',
      !L.some((l) => /^the company$/i.test(l.speaker)), L.filter((l) => /^the company$/i.test(l.speaker)).map((l) => l.text.slice(0, 40)));
    expectSpeaker(L, '“We stand by every figure in this report', 'Marta Lindqvist', 'direct');
    expectSpeaker(L, '“Northwind had every opportunity', 'Marta Lindqvist', 'direct');
    expectSpeaker(L, '“We are confident that a court', 'Daniel Okafor', 'direct');
    const fesa = L.find((l) => l.text.includes('41 leaks'));
    check('engine: FESA\'s findings are indirect speech by the Federal Energy Safety Authority',
      fesa && /Federal Energy Safety Authority|FESA/.test(fesa.speaker) && ['indirect', 'mixed'].includes(fesa.kind), fesa);
    const okafor = L.find((l) => l.text.includes('€200 million'));
    check('engine: "According to Daniel Okafor, Northwind’s chief executive, …" → Okafor, the quote without the apposition',
      okafor && okafor.speaker === 'Daniel Okafor' && okafor.text.startsWith('the company has spent'), okafor && { speaker: okafor.speaker, text: okafor.text });

    // table
    let T = await table(page);
    check('who-said-what table: one row per label, grouped by speaker',
      T.reduce((n, g) => n + g.quotes.length, 0) === L.length &&
      T.every((g) => g.quotes.every((q) => (L.find((l) => l.id === q.id) || {}).speaker === g.speaker)), T.map((g) => [g.speaker, g.quotes.length]));
    const lind = T.find((g) => g.speaker === 'Marta Lindqvist');
    check('table: a speaker row shows name, kind and quote count', lind && lind.kind === 'person' && /^3 quotes$/.test(lind.count), lind);
    check('engine: the apposition gives Marta Lindqvist her role ("director of enforcement")',
      lind && /director of enforcement/.test(lind.role || ''), lind && lind.role);
    check('table: each quote shows its kind and rule', T.every((g) => g.quotes.every((q) => /^(direct|mixed|indirect)$/.test(q.kind) && /^[a-z-]+$/.test(q.rule))));

    // hover card
    const target = findLabel(L, '“We stand by every figure') || L[0];
    const host = page.locator(`[data-quotelens-quote="${target.id}"]`);
    await page.evaluate(() => document.getElementById('article').scrollIntoView({ block: 'start' }));
    await host.hover();
    await page.waitForFunction((id) => {
      const h = document.querySelector(`[data-quotelens-quote="${id}"]`);
      const c = h && h.shadowRoot.querySelector('.card');
      return c && !c.hidden;
    }, target.id, { timeout: 3000 }).catch(() => {});
    const card = await page.evaluate((id) => {
      const c = document.querySelector(`[data-quotelens-quote="${id}"]`).shadowRoot.querySelector('.card');
      return c && { hidden: c.hidden, title: c.querySelector('h2').textContent, text: c.textContent, role: c.getAttribute('role') };
    }, target.id);
    check('hovering a label opens its card: speaker, attribution sentence, all their quotes',
      card && !card.hidden && card.title === target.speaker && /Attribution/.test(card.text) && /All \d+ quotes? by/.test(card.text), card);
    await page.screenshot({ path: path.join(OUT, 'demo.png'), fullPage: false });
    await page.mouse.move(5, 5);
    await page.waitForTimeout(400);

    // keyboard: Tab from the article reaches the first label; Enter pins its card; Esc closes it
    await page.focus('#article');
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a && a.localName, id: a && a.getAttribute('data-quotelens-quote'), inner: a && a.shadowRoot && a.shadowRoot.activeElement && a.shadowRoot.activeElement.className };
    });
    check('keyboard: Tab from the article focuses the first label', String(kb.tag).startsWith('quotelens-label-') && kb.id === L[0].id, kb);
    const cardOpen = (id) => page.evaluate((i) => {
      const c = document.querySelector(`[data-quotelens-quote="${i}"]`).shadowRoot.querySelector('.card');
      return !!c && !c.hidden;
    }, id);
    check('keyboard: a focused label shows its card', await cardOpen(L[0].id));
    await page.keyboard.press('Escape');
    check('keyboard: Esc closes the card', !(await cardOpen(L[0].id)));

    // table → article
    const last = L[L.length - 1];
    await page.click(`#table button.quote-link[data-quote-id="${last.id}"]`);
    await page.waitForTimeout(300);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-quotelens-quote'));
    check('selecting a quote in the table moves focus to its label in the article', focused === last.id, focused);

    await checkExports(page, 'default sample export');

    // --- the other samples ---------------------------------------------------------------------
    L = await loadSample(page, 'senate');
    check('senate sample: labels are drawn', L.length >= 5, L.length);
    checkPlacement('senate sample', L);
    expectSpeaker(L, '“I have spent twenty years', 'Rebecca Hale', 'direct');
    expectSpeaker(L, '“It raises rents in the short term', 'Rebecca Hale', 'direct');
    expectSpeaker(L, '“Senator Hale is entitled to her opinion', 'Tom Alvarez', 'direct');
    expectSpeaker(L, '“We’ll see,”', 'Rebecca Hale', 'direct');
    check('engine: the scare quote “sweeteners” is not a quote of its own',
      !L.some((l) => l.text === '“sweeteners”'), L.filter((l) => /sweeteners/.test(l.text)).map((l) => [l.text, l.kind]));
    T = await table(page);
    const hale = T.find((g) => g.speaker === 'Rebecca Hale');
    check('senate table: Rebecca Hale, person, role Senator', hale && hale.kind === 'person' && hale.role === 'Senator', hale && { kind: hale.kind, role: hale.role });

    L = await loadSample(page, 'unicode');
    check('unicode sample: labels are drawn', L.length >= 4, L.length);
    checkPlacement('unicode sample (emoji, NBSP, Cyrillic: UTF-16 offsets land on the right characters)', L);
    expectSpeaker(L, '“We built the first prototype', 'Olena Kovalenko', 'direct');
    expectSpeaker(L, '“Now it can map a field of 2\u00A0hectares', 'Olena Kovalenko', 'direct');
    expectSpeaker(L, '“It is not the biggest robot', 'Jean-Luc Martin', 'direct');
    expectSpeaker(L, '“Every square metre we clear', 'Olena Kovalenko', 'direct');
    const emoji = findLabel(L, '“Every square metre');
    check('unicode sample: the quote ending in an emoji keeps the emoji whole',
      emoji && emoji.text === '“Every square metre we clear is a field that can be farmed again 🌻,”', emoji && emoji.text);
    T = await table(page);
    const kov = T.find((g) => g.speaker === 'Olena Kovalenko');
    check('engine: Olena Kovalenko is a person', kov && kov.kind === 'person', kov && kov.kind);
    await checkExports(page, 'unicode sample export');

    L = await loadSample(page, 'bahn');
    check('German sample: labels are drawn', L.length >= 3, L.length);
    checkPlacement('German sample', L);
    const lang = await page.getAttribute('#article', 'lang');
    check('German sample: the article is marked lang="de"', lang === 'de', lang);
    expectSpeaker(L, '„Wir wollen die Fahrzeit', 'Anna Becker', 'direct');
    expectSpeaker(L, '„Das ist ein guter Tag', 'Jan Novák', 'direct');
    expectSpeaker(L, '„Ohne neue Gleise', 'Markus Vogel', 'direct');
    check('engine: the headline "Bahn kündigt … an" is not a quote', !L.some((l) => /Verbindungen nach Prag/.test(l.text)));

    // options: indirect speech off removes indirect labels and re-renders
    const before = L.length;
    await page.uncheck('#opt-indirect');
    await waitDone(page);
    L = await labels(page);
    check('option "Indirect speech" off: no indirect or mixed labels remain', L.length && L.length <= before &&
      L.every((l) => l.kind === 'direct'), L.map((l) => l.kind));
    await page.check('#opt-indirect');
    await waitDone(page);

    // --- pasting ------------------------------------------------------------------------------
    await page.click('#paste > summary');
    await page.fill('#paste-text', PASTED_TEXT);
    await page.click('#paste-form button[type=submit]');
    await waitDone(page);
    L = await labels(page);
    const heading = await page.textContent('#article .headline').catch(() => null);
    check('pasted text: read into paragraphs, first short line as the headline', heading === 'Library to stay open on Sundays', heading);
    check('pasted text: labels appear', L.length >= 2, L.length);
    checkPlacement('pasted text', L);
    expectSpeaker(L, '"This is a victory for every family', 'Priya Natarajan', 'direct');
    expectSpeaker(L, '"We found the money', 'Karl Svensson', 'direct');
    check('pasted text: no sample button stays pressed', !(await page.$('#sample-buttons button[aria-pressed="true"]')));
    await checkExports(page, 'pasted text export');

    await page.fill('#paste-text', PASTED_HTML);
    await page.click('#paste-form button[type=submit]');
    await waitDone(page);
    L = await labels(page);
    const art = await page.evaluate(() => ({
      text: document.getElementById('article').textContent,
      elements: [...document.querySelectorAll('#article *')].map((e) => e.localName).filter((t) => !['h2', 'h3', 'p', 'ul', 'li', 'blockquote'].includes(t) && !t.startsWith('quotelens-label-')),
      imgs: document.querySelectorAll('img').length,
      pasted: window.__pasted || null,
    }));
    check('pasted HTML: only text reaches the page (no pasted element, script or handler runs)',
      !art.elements.length && !art.imgs && art.pasted === null, art);
    check('pasted HTML: the article is found; menus, comments and footer are left out',
      /Harbour tunnel opens two years late/.test(art.text) && /still standing/.test(art.text) &&
      !/Home|Took them long enough|Coastal Times|Buy now/.test(art.text), art.text.slice(0, 300));
    check('pasted HTML: labels appear', L.length >= 2, L.length);
    checkPlacement('pasted HTML', L);
    expectSpeaker(L, '“Nobody will remember the delays', 'Ines Duarte', 'direct');
    expectSpeaker(L, '“They will remember that the tunnel', 'Ines Duarte', 'direct');
    expectSpeaker(L, '“This is a monument to poor planning', 'Gareth Bell', 'direct');
    await checkExports(page, 'pasted HTML export');

    await checkAnonymous(page);
    await checkAxe(page, 'demo (light)');
    await checkCardAxe(page, 'demo (light)');

    // --- dark mode ------------------------------------------------------------------------------
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click('#sample-buttons button[data-sample="regulator"]');
    await waitDone(page);
    await page.waitForTimeout(200);
    L = await labels(page);
    const dark = await page.evaluate(() => ({
      bg: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.getElementById('article')).color,
    }));
    check('dark mode: dark page, light article text, labels drawn in their dark style',
      /rgb\((\d|[1-4]\d),/.test(dark.bg) && L.length && L.every((l) => l.dark), { dark, labels: L.map((l) => l.dark) });
    await page.screenshot({ path: path.join(OUT, 'demo-dark.png'), fullPage: false });
    await checkAxe(page, 'demo (dark)');
    await checkCardAxe(page, 'demo (dark)');

    // --- network and console --------------------------------------------------------------------
    const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'));
    check(`no request leaves the page except to the local server (${requests.length} requests)`, !foreign.length, foreign);
    check('no console error and no uncaught exception', !consoleErrors.length, consoleErrors);
  } catch (e) {
    check('the test ran to the end', false, e && e.stack || String(e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.kill();
  }
  console.log(`demo: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
