#!/usr/bin/env node
// QuoteLens end-to-end tests in Chromium (Debian /usr/bin/chromium driven by playwright-core, the
// unpacked extension from dist/chrome loaded into a fresh persistent profile).
//
//   node extension/build.mjs && node tests/e2e/chrome.js [--ext dist/chrome] [--port N] [--only substring[,substring…]]
//
// Starts tests/e2e/serve.py itself. Tests that need ../shared (the seed article, the real pages)
// are skipped with a message when it is absent. Closing line: "e2e chromium: N passed, M failed"
// (", K skipped" when some were skipped); the exit code is non-zero when any test failed.
// Tests assert behaviour, never timing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, SHARED, OUT, arg, get, freePort, startServer, launch, helpers, onSignals } = require('./harness');

const EXT = path.resolve(arg('--ext', path.join(REPO, 'dist', 'chrome')));
const ONLY = arg('--only', '');
let PORT; // --port N, $QUOTELENS_E2E_PORT, or a free port
let BASE;
let HOST;
const HAVE_SEED = fs.existsSync(path.join(SHARED, 'fixtures', 'seed', 'kaspersky-statement.txt'));
const HAVE_PAGES = fs.existsSync(path.join(SHARED, 'pages'));
const OPEN_QUOTES = /^["“«„‘'‹「『]/;
const CLOSE_QUOTES = /["”»“’'›」』][.,!?;:]?$/;

class Skip extends Error {}
// the seed and real-page tests check what the engine finds: no confidence threshold (the default
// hides labels below 0.8; reader_chrome.js tests the thresholds)
const ALL_LABELS = { minConfidence: 0, uncertainBelow: 0 };
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
function assert(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) { if (a !== b) throw new Error(`${msg}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }
const BACKGROUND_CHECKS = fs.readFileSync(path.join(__dirname, 'background-checks.js'), 'utf8');
const norm = (s) => String(s).replace(/[\u00AD]/g, '').replace(/[\s\u00A0]+/g, ' ').trim();

let env; // {ctx, sw, extId, base, ...helpers}
const requests = []; // every request the browser made: {url, page}
const consoleErrors = []; // {text, url}

async function open(urlPath) {
  const page = await env.ctx.newPage();
  page.on('pageerror', (e) => consoleErrors.push({ text: 'pageerror: ' + e.message, url: page.url() }));
  await page.goto(BASE + urlPath, { waitUntil: 'load' });
  return page;
}

function checkLabelPlacement(ls) {
  for (const l of ls) {
    assert(!l.inLink, `label ${l.id} sits inside a link`);
    assert(l.inOverlay, `label ${l.id} is in the page's own DOM, not in the overlay`);
    assert(l.highlighted, `no highlight range for the quote ${JSON.stringify(l.text)}`);
    const g = l.inside;
    if (g && g.quoteEnd) {
      // the label is drawn next to the quote's last line (in the margin or over the line's end)
      assert(Math.abs(g.rect.top - g.quoteEnd.top) < 80, `label for ${JSON.stringify(l.text)} is not next to its quote: ${JSON.stringify(g)}`);
    }
    assert(!l.excludedAncestor, `label for ${JSON.stringify(l.text)} is outside the article, in ${l.excludedAncestor}`);
    if (l.kind === 'direct' && l.text.length < 200) {
      assert(OPEN_QUOTES.test(l.text) && CLOSE_QUOTES.test(l.text), `direct quote does not span its quotation marks: ${JSON.stringify(l.text)}`);
      // the label comes right after the quote's last character
      const last = l.text.slice(-1);
      assert(l.before.endsWith(last) || l.before.endsWith(norm(l.text).slice(-1)), `label for ${JSON.stringify(l.text)} is not right after it (text before: …${JSON.stringify(l.before.slice(-30))})`);
      assert(l.before.endsWith(norm(l.text)), `highlighted text and page text differ: …${JSON.stringify(l.before.slice(-60))} vs ${JSON.stringify(l.text)}`);
    }
  }
  const ids = ls.map((l) => l.id);
  eq(new Set(ids).size, ids.length, 'label ids are unique');
}

// ---------------------------------------------------------------------------------------------

test('fixture: labels land on the exact characters (NBSP, emoji, soft hyphens, entities, <a>/<em>)', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  assert(ls.length >= 1, 'no labels at all');
  eq(await page.getAttribute('html', 'data-quotelens-count'), String(ls.length), 'data-quotelens-count');
  checkLabelPlacement(ls);
  for (const l of ls) {
    assert(!/\u00AD/.test(l.text), 'soft hyphen in data-quotelens-text');
    assert(!/\s\s/.test(l.text) && l.text === l.text.trim(), 'whitespace not collapsed in data-quotelens-text');
    assert(l.ariaLabel && l.ariaLabel.includes(l.speaker || 'unattributed'), `label has no accessible name naming the speaker: ${l.ariaLabel}`);
  }
  const shy = ls.find((l) => l.text.includes('crumbling'));
  if (shy) eq(shy.text, '“The infrastructure is crumbling,”', 'quote with soft hyphens');
  const inline = ls.find((l) => l.text.includes('accept this'));
  if (inline) eq(inline.text, '“We will not accept this proposal.”', 'quote with <em> and <a> inside');
  await page.screenshot({ path: path.join(OUT, 'chromium-unicode.png'), fullPage: true });
  await page.close();
});

test('page tree: editable, hidden and own elements left out, attributes kept; pieces map to exact DOM ranges (Cyrillic, NBSP, emoji, soft hyphen)', async () => {
  const page = await open('/tree.html');
  await page.addScriptTag({ path: path.join(EXT, 'extract.js') });
  const problems = await page.evaluate(`(() => { ${fs.readFileSync(path.join(__dirname, 'tree-checks.js'), 'utf8')} })()`);
  await page.close();
  assert(!problems.length, problems.join('; '));
});

test('fixture: every quote labelled with its speaker (engine)', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  const want = {
    'Prices have risen': 'Maria Petrova',
    'We will not accept': 'Anna Schmidt',
    'The infrastructure is': 'John Carter',
    'historic': 'Lena Müller',
    'Мы не сдадимся': 'Alexei Smirnov',
  };
  const problems = [];
  for (const [start, speaker] of Object.entries(want)) {
    const l = ls.find((x) => x.text.includes(start));
    if (!l) problems.push(`no label for the quote with ${JSON.stringify(start)}`);
    else if (l.speaker !== speaker) problems.push(`${JSON.stringify(start)}: speaker ${JSON.stringify(l.speaker)}, want ${JSON.stringify(speaker)}`);
  }
  for (const l of ls) if (/never be labelled|not part of the article|Footer quote|Top stories/.test(l.text)) problems.push(`labelled outside the article: ${l.text}`);
  assert(!problems.length, problems.join('; '));
  await page.close();
});

test('labels stay out of copied text and the text layout', async () => {
  await env.setStorage({ sites: { [HOST]: 'never' } });
  const page = await open('/unicode.html');
  await env.waitDecided(page);
  const copy = () => page.evaluate(() => {
    const s = getSelection();
    s.selectAllChildren(document.querySelector('article'));
    const t = s.toString();
    s.removeAllRanges();
    return t;
  });
  const before = await copy();
  const innerBefore = await page.evaluate(() => document.querySelector('article').innerText);
  await env.toggle(page, true);
  await env.waitDone(page);
  assert((await env.labels(page)).length > 0, 'no labels');
  eq(await copy(), before, 'selected text with labels on');
  eq(await page.evaluate(() => document.querySelector('article').innerText), innerBefore, 'innerText with labels on');
  // a label is a user-select:none shadow host
  const us = await page.evaluate(() => getComputedStyle(document.querySelector('[data-quotelens-quote]')).userSelect);
  eq(us, 'none', 'user-select of the label host');
  await env.setStorage({});
  await page.close();
});

test('keyboard: Tab reaches a label, its card names the speaker, Escape closes it', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  assert(ls.length > 0, 'no labels');
  let found = null;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.hasAttribute('data-quotelens-quote') ? a.getAttribute('data-quotelens-quote') : null;
    });
  }
  assert(found, 'Tab never focused a label');
  // the card is in a closed shadow root: the content script's 'inspect' reports it
  const card = async () => ((await env.send(page, { type: 'inspect' })).find((x) => x.id === found) || {}).card || null;
  const shown = await card();
  assert(shown, 'focusing a label shows no card');
  eq(shown.role, 'dialog', 'card role');
  const l = ls.find((x) => x.id === found);
  assert(shown.text.includes(l.speaker || 'Unattributed'), `card does not name the speaker: ${shown.text}`);
  assert(/All \d+ (unattributed )?quotes?/.test(shown.text), `card has no "all quotes" list: ${shown.text}`);
  await page.keyboard.press('Escape');
  assert(!(await card()), 'Escape did not close the card');
  // hover shows the card too
  await page.mouse.move(0, 0);
  const rect = (await env.send(page, { type: 'inspect' })).find((x) => x.id === found).rect;
  await page.mouse.move((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
  for (let i = 0; i < 50 && !(await card()); i++) await page.waitForTimeout(100);
  assert(await card(), 'hovering a label shows no card');
  await page.close();
});

test('strict CSP page: labels (engine in the service worker), no CSP violation reported', async () => {
  const before = JSON.parse((await get(`${BASE}/csp-report`)).body).reports;
  const page = await open('/csp/unicode.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  assert(ls.length > 0, 'no labels on the strict-CSP page');
  checkLabelPlacement(ls);
  eq(await page.getAttribute('html', 'data-quotelens-engine'), 'background', 'engine attribute');
  // same labels as without CSP
  const plain = await open('/unicode.html');
  await env.waitDone(plain);
  eq(JSON.stringify((await env.labels(plain)).map((l) => [l.id, l.speaker])), JSON.stringify(ls.map((l) => [l.id, l.speaker])), 'labels with and without CSP');
  const rep = JSON.parse((await get(`${BASE}/csp-report`)).body);
  assert(rep.reports === before, `CSP violation reports sent to the page's server: ${rep.last.join(' | ')}`);
  await page.close();
  await plain.close();
});

test('seed article: all 8 direct quotes labelled with the right speaker', async () => {
  if (!HAVE_SEED) throw new Skip('../shared/fixtures/seed is absent');
  const gold = JSON.parse(fs.readFileSync(path.join(SHARED, 'fixtures', 'seed', 'gold.json'), 'utf8'));
  const direct = gold.quotes.filter((q) => q.kind === 'direct');
  eq(direct.length, 8, 'gold direct quotes');
  await env.setStorage(ALL_LABELS);
  for (const url of ['/news/kaspersky-statement.html', '/csp/kaspersky-statement.html']) {
    const page = await open(url);
    await env.waitDone(page);
    const ls = await env.labels(page);
    checkLabelPlacement(ls);
    const problems = [];
    for (const g of direct) {
      const inner = norm(g.text).replace(/^["“]|["”]$/g, '').slice(0, 40);
      const l = ls.find((x) => norm(x.text).includes(inner));
      if (!l) { problems.push(`missing: ${inner}…`); continue; }
      // a quoted fragment inside reported speech is labelled as part of its mixed clause
      if (l.kind !== 'direct' && l.kind !== 'mixed') problems.push(`${inner}…: kind ${l.kind}`);
      if (l.speaker !== g.speaker) problems.push(`${inner}…: speaker ${JSON.stringify(l.speaker)}, want ${JSON.stringify(g.speaker)}`);
    }
    // and nothing else is labelled as quoted words
    const quoted = ls.filter((l) => l.kind === 'direct' || l.kind === 'mixed');
    const covering = quoted.filter((l) => direct.some((g) => norm(l.text).includes(norm(g.text).replace(/^["“]|["”]$/g, '').slice(0, 40))));
    if (covering.length !== 8) problems.push(`${covering.length} labels cover the 8 gold direct quotes, want 8`);
    if (quoted.length !== covering.length) problems.push(`${quoted.length - covering.length} direct/mixed labels beyond the gold`);
    for (const l of ls) if (/Tech|participate|Заголовок/.test(l.text)) problems.push(`labelled outside the article: ${l.text}`);
    if (url.startsWith('/news')) await page.screenshot({ path: path.join(OUT, 'chromium-seed.png'), fullPage: true });
    await page.close();
    assert(!problems.length, `${url}: ${problems.join('; ')}`);
  }
});

test('dynamic page: paragraphs added after load get labelled, never twice', async () => {
  const page = await open('/dynamic.html');
  // the page adds one batch ~300 ms after load: wait until it is in and labelled
  await page.waitForFunction(() => document.querySelectorAll('#more p').length >= 2);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done' &&
    [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').includes('Nobody asked us')), null, { timeout: 20000 });
  const first = await env.labels(page);
  await page.evaluate(() => { window.addParagraph(); window.addParagraph(); });
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done' &&
    [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').includes('read every page')), null, { timeout: 20000 });
  const ls = await env.labels(page);
  checkLabelPlacement(ls);
  eq(ls.length, first.length + 2, 'labels after two more paragraphs');
  const texts = ls.map((l) => l.text);
  eq(new Set(texts).size, texts.length, 'a quote labelled twice');
  eq(await page.getAttribute('html', 'data-quotelens-count'), String(ls.length), 'data-quotelens-count');
  // stable ids: the quotes that were there keep their ids
  for (const f of first) assert(ls.some((l) => l.id === f.id && l.text === f.text), `id of ${f.text} changed on rescan`);
  await page.close();
});

test('single-page app: a route change relabels the new article, old labels go', async () => {
  const page = await open('/spa.html?story=bridge');
  await env.waitDone(page);
  let ls = await env.labels(page);
  assert(ls.some((l) => l.speaker === 'Helen Moss'), `bridge story: ${JSON.stringify(ls.map((l) => l.speaker))}`);
  await page.click('a[data-route="school"]');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done' &&
    [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').includes('library')), null, { timeout: 20000 });
  ls = await env.labels(page);
  assert(!ls.some((l) => l.speaker === 'Helen Moss' || l.text.includes('lorries')), 'labels of the old route remain');
  assert(ls.some((l) => l.speaker === 'David Okafor'), `school story speakers: ${JSON.stringify(ls.map((l) => l.speaker))}`);
  await page.goBack();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').includes('lorries')), null, { timeout: 20000 });
  ls = await env.labels(page);
  assert(!ls.some((l) => l.text.includes('library')), 'school labels remain after going back');
  checkLabelPlacement(ls);
  await page.close();
});

test('toggle off restores the DOM exactly (twice), toggle on never duplicates', async () => {
  await env.setStorage({ sites: { [HOST]: 'never' } });
  for (const url of ['/unicode.html', HAVE_SEED ? '/news/kaspersky-statement.html' : '/dynamic.html']) {
    const page = await open(url);
    const st = await env.waitDecided(page);
    eq(st.active, false, 'site set to never');
    if (url === '/dynamic.html') await page.waitForFunction(() => document.querySelectorAll('#more p').length >= 2);
    const pristine = await env.snapshot(page);
    for (let round = 0; round < 2; round++) {
      await env.toggle(page, true);
      await env.waitDone(page);
      const ls = await env.labels(page);
      assert(ls.length > 0, `${url}: no labels after toggling on`);
      eq(new Set(ls.map((l) => l.id)).size, ls.length, 'duplicate labels');
      assert((await env.snapshot(page)) !== pristine, 'labels did not change the DOM?');
      await env.toggle(page, false);
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-quotelens-state'));
      const now = await env.snapshot(page);
      if (now !== pristine) {
        const a = pristine.split('\n');
        const b = now.split('\n');
        const i = a.findIndex((x, k) => x !== b[k]);
        throw new Error(`${url} round ${round}: DOM differs after toggling off at line ${i}: ${a[i]} | ${b[i]}`);
      }
    }
    await page.close();
  }
  await env.setStorage({});
});

test('popup: count, who said what, click scrolls to the quote, page toggle, site mode, global switch', async () => {
  await env.setStorage({});
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  const tabId = await env.tabIdOf(page);
  const popup = await env.ctx.newPage();
  await popup.goto(`chrome-extension://${env.extId}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => document.querySelector('#count').textContent.trim() !== '');
  assert((await popup.textContent('#count')).includes(String(ls.length)), 'popup count');
  eq(await popup.isChecked('#page-toggle'), true, 'page toggle');
  eq(await popup.inputValue('#site-mode'), 'automatic', 'site mode');
  const shown = await popup.$$eval('.qlw-quote', (bs) => bs.map((b) => b.dataset.quoteId));
  eq(shown.length, ls.length, 'quotes in the who-said-what list');
  const speakers = await popup.$$eval('.qlw-name', (s) => s.map((x) => x.textContent));
  for (const l of ls) assert(speakers.includes(l.speaker || 'Unattributed'), `speaker ${l.speaker} missing in popup`);
  // click the last quote: the page focuses its label
  const target = shown[shown.length - 1];
  await popup.click(`.qlw-quote[data-quote-id="${target}"]`);
  await page.waitForFunction((id) => document.activeElement && document.activeElement.getAttribute('data-quotelens-quote') === id, target, { timeout: 5000 });
  // page toggle off
  await popup.bringToFront();
  await popup.uncheck('#page-toggle');
  await page.waitForFunction(() => !document.querySelector('[data-quotelens-quote]') && !document.documentElement.hasAttribute('data-quotelens-state'));
  await popup.check('#page-toggle');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done');
  // site mode never: stored, and the page follows
  await popup.selectOption('#site-mode', 'never');
  await page.waitForFunction(() => !document.querySelector('[data-quotelens-quote]'));
  const stored = await env.worker().evaluate(() => chrome.storage.local.get('sites'));
  eq(stored.sites[HOST], 'never', 'stored site mode');
  await popup.selectOption('#site-mode', 'always');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done');
  // global switch off: 'always' for the site still wins? No: the global switch is off everywhere
  await popup.selectOption('#site-mode', 'automatic');
  await popup.uncheck('#global-toggle');
  await page.waitForFunction(() => !document.querySelector('[data-quotelens-quote]'));
  eq((await env.worker().evaluate(() => chrome.storage.local.get('enabled'))).enabled, false, 'stored global switch');
  await popup.check('#global-toggle');
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done');
  // badge shows the count
  const badge = await env.worker().evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  eq(badge, String(ls.length), 'badge text');
  await popup.close();
  await page.close();
  await env.setStorage({});
});

test('options page: site list import/export and settings persist', async () => {
  await env.setStorage({});
  const opts = await env.ctx.newPage();
  await opts.goto(`chrome-extension://${env.extId}/options.html`);
  await opts.fill('#sites-text', '{"quotelens":1,"sites":{"https://www.Example.com/x":"never","news.test":"always","bad host!":"always"}}');
  await opts.click('#import');
  await opts.waitForFunction(() => document.querySelectorAll('#sites tbody tr').length === 2);
  const stored = await env.worker().evaluate(() => chrome.storage.local.get(null));
  eq(JSON.stringify(stored.sites), JSON.stringify({ 'example.com': 'never', 'news.test': 'always' }), 'imported sites');
  await opts.click('#export');
  const exported = JSON.parse(await opts.inputValue('#sites-text'));
  eq(JSON.stringify(exported), JSON.stringify({ quotelens: 1, sites: { 'example.com': 'never', 'news.test': 'always' } }), 'export');
  await opts.uncheck('#indirect');
  await opts.selectOption('#palette', 'colorblind');
  await opts.waitForFunction(() => true);
  const s2 = await env.worker().evaluate(() => chrome.storage.local.get(null));
  eq(s2.indirect, false, 'indirect option');
  eq(s2.palette, 'colorblind', 'palette option');
  await opts.close();
  await env.setStorage({});
});

test('page opt-out: data-quotelens="off" is honoured in automatic mode; the user can still turn labels on', async () => {
  await env.setStorage({});
  const page = await open('/optout.html');
  const st = await env.waitDecided(page);
  eq(st.active, false, 'active on an opted-out page');
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-quote]').length), 0, 'labels on an opted-out page');
  eq(await page.evaluate(() => document.documentElement.hasAttribute('data-quotelens-state')), false, 'state attribute on an opted-out page');
  // the user turns labels on for this page anyway
  await env.toggle(page, true);
  await env.waitDone(page);
  assert((await env.labels(page)).length > 0, 'no labels after the user turned them on');
  await env.toggle(page, false);
  await page.waitForFunction(() => !document.querySelector('[data-quotelens-quote]'));
  // a site set to always is the user's choice too
  await env.setStorage({ sites: { [HOST]: 'always' } });
  await page.reload();
  await env.waitDone(page);
  // a page that opts out later (automatic mode) loses its labels
  await env.setStorage({});
  const other = await open('/unicode.html');
  await env.waitDone(other);
  await other.evaluate(() => document.documentElement.setAttribute('data-quotelens', 'off'));
  await other.waitForFunction(() => !document.querySelector('[data-quotelens-quote]') && !document.documentElement.hasAttribute('data-quotelens-state'));
  await page.close();
  await other.close();
  await env.setStorage({});
});

test('dark page: labels switch to the dark theme', async () => {
  const page = await open('/dark.html');
  await env.waitDone(page);
  const inside = await env.send(page, { type: 'inspect' });
  assert(inside.length > 0 && inside.every((x) => x.dark), 'labels on a dark page are not dark-themed');
  await page.screenshot({ path: path.join(OUT, 'chromium-dark.png') });
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// Never breaking the page (issue 10)

const HIGHLIGHTED = () => [...CSS.highlights.keys()].filter((k) => /^quotelens-/.test(k)).length;
const nothingLeft = () => !document.querySelector('[data-quotelens-overlay], [data-quotelens-quote]') &&
  !document.documentElement.hasAttribute('data-quotelens-state') &&
  ![...CSS.highlights.keys()].some((k) => /^quotelens-/.test(k));

test('editable content is never labelled; an article that becomes editable loses its labels at once', async () => {
  const page = await open('/editor.html');
  await env.waitDone(page);
  let ls = await env.labels(page);
  assert(ls.some((l) => l.text.includes('Two boats a day')), `the published article is not labelled: ${ls.map((l) => l.text)}`);
  for (const l of ls) assert(!/changed nothing|school term|Ask the school|Nobody told us/.test(l.text), `editable content labelled: ${l.text}`);
  checkLabelPlacement(ls);
  // the article becomes editable (an editor opens on it): its labels go before the next task
  const left = await page.evaluate(async () => {
    document.getElementById('story').setAttribute('contenteditable', 'true');
    await new Promise((r) => setTimeout(r, 0));
    return document.querySelectorAll('[data-quotelens-quote]').length;
  });
  eq(left, 0, 'labels left on the article once it is editable');
  await page.waitForTimeout(800);
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-quote]').length), 0, 'labels came back on the editable article');
  // designMode: the whole document is an editor
  await page.evaluate(() => document.getElementById('story').removeAttribute('contenteditable'));
  await page.waitForFunction(() => document.querySelectorAll('[data-quotelens-quote]').length > 0, null, { timeout: 10000 });
  await page.evaluate(() => { document.designMode = 'on'; });
  await page.click('#published');
  await page.waitForFunction(nothingLeft, null, { timeout: 3000 });
  const st = await env.send(page, { type: 'status' });
  eq(st.active, false, 'active in a designMode document');
  await page.close();
});

for (const fw of ['react', 'vue']) {
  test(`framework fixture (${fw}): the framework re-renders a quoted paragraph under labels; no framework error, its text wins, labels follow; off restores outerHTML exactly`, async () => {
    const errorsBefore = consoleErrors.length;
    await env.setStorage({ sites: { [HOST]: 'never' } });
    const page = await open(`/${fw}.html`);
    await page.waitForFunction(() => window.__hydrated === true);
    const pristine = await page.evaluate(() => document.documentElement.outerHTML);
    await env.toggle(page, true);
    await env.waitDone(page);
    let ls = await env.labels(page);
    assert(ls.some((l) => l.text.includes('We have not changed our minds') && l.speaker === 'Maria Keller'), `no Keller label: ${JSON.stringify(ls.map((l) => [l.text, l.speaker]))}`);
    checkLabelPlacement(ls);
    const Q = await page.evaluate(() => QuoteLensFixture.QUOTE);
    await page.evaluate(() => window.__bump());
    await page.waitForFunction((q) => document.getElementById('quoted').textContent === q, Q[1]);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').startsWith('“We have changed our minds')), null, { timeout: 10000 });
    eq(await page.evaluate(() => document.getElementById('quoted').textContent), Q[1], 'paragraph text after the re-render');
    ls = await env.labels(page);
    assert(!ls.some((l) => l.text.includes('not changed')), 'a label for the old text remains');
    checkLabelPlacement(ls);
    const keller = ls.find((l) => l.text.includes('We have changed'));
    assert(keller.inside && keller.inside.quoteEnd && Math.abs(keller.inside.rect.top - keller.inside.quoteEnd.top) < 60, `label is not next to its quote: ${JSON.stringify(keller.inside)}`);
    await page.evaluate(() => window.__bump());
    await page.waitForFunction((q) => document.getElementById('quoted').textContent === q, Q[0]);
    await env.toggle(page, false);
    await page.waitForFunction(nothingLeft);
    eq(await page.evaluate(() => document.documentElement.outerHTML), pristine, 'outerHTML after labels off');
    const fwErrors = await page.evaluate(() => window.__frameworkErrors);
    eq(fwErrors.length, 0, `framework errors: ${fwErrors.join(' | ')}`);
    const pageErrors = consoleErrors.slice(errorsBefore);
    assert(!pageErrors.length, `console errors: ${pageErrors.map((e) => e.text).join(' | ')}`);
    await page.close();
    await env.setStorage({});
  });
}

test('framework fixture (react): hydrateRoot on a page that is already labelled, no hydration error', async () => {
  const errorsBefore = consoleErrors.length;
  const page = await open('/react.html?after-labels');
  await page.waitForFunction(() => window.__hydrated === true, null, { timeout: 20000 });
  await page.evaluate(() => window.__bump());
  await page.waitForFunction(() => [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => e.getAttribute('data-quotelens-text').startsWith('“We have changed our minds')), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  const fwErrors = await page.evaluate(() => window.__frameworkErrors);
  eq(fwErrors.length, 0, `React recoverable errors: ${fwErrors.join(' | ')}`);
  const pageErrors = consoleErrors.slice(errorsBefore);
  assert(!pageErrors.length, `console errors: ${pageErrors.map((e) => e.text).join(' | ')}`);
  await page.close();
});

test('huge page (100,000 paragraphs): labelled within the caps, the popup says so, the page stays responsive', async () => {
  const page = await open('/huge.html?n=100000');
  await env.waitDone(page, 60000);
  const st = await env.send(page, { type: 'status' });
  assert(st.limits && (st.limits.chars || st.limits.blocks), `no limit reported: ${JSON.stringify(st.limits)}`);
  const count = Number(await page.getAttribute('html', 'data-quotelens-count'));
  assert(count > 0 && count <= st.limits.maxLabels, `label count ${count}, cap ${st.limits.maxLabels}`);
  // the first screenful is labelled
  const first = await page.evaluate(() => document.querySelector('[data-quotelens-quote]').getAttribute('data-quotelens-text'));
  assert(first.includes('Item 1 on the agenda'), `first label: ${first}`);
  // a document this big marks its quotes with boxes in the overlay, not CSS highlights (render.js
  // `marks`): the last box ends where the quote's last line ends
  eq(await page.evaluate(HIGHLIGHTED), 0, 'CSS highlights registered on the huge page');
  // the overlay is in the top layer (render.js ensureOverlay), and the page tree went to the
  // background in several messages (content.js TREE_CHUNK_CHARS) that it joined, and the answer came
  // back the same way (background.js RESULT_CHUNK)
  eq(await page.evaluate(() => document.querySelector('[data-quotelens-overlay]').matches(':popover-open')), true, 'overlay in the top layer');
  const stats = await env.send(page, { type: 'stats' });
  assert(stats.last.treeChunks > 1, `page tree sent in ${stats.last.treeChunks} chunks`);
  assert(stats.last.answerChunks > 1, `answer received in ${stats.last.answerChunks} chunks`);
  const inside = await env.send(page, { type: 'inspect' });
  eq(inside.length, count, 'labels the content script knows');
  const marked = inside.filter((x) => x.marks && x.marks.length && x.quoteEnd);
  eq(marked.length, count, 'labels whose quote is marked');
  for (const x of marked.slice(0, 50)) {
    const m = x.marks[x.marks.length - 1];
    assert(Math.abs(m.right - x.quoteEnd.right) <= 1.5 && Math.abs(m.top - x.quoteEnd.top) <= 1.5,
      `mark ${JSON.stringify(m)} is not on the end of its quote ${JSON.stringify(x.quoteEnd)}`);
  }
  const tabId = await env.tabIdOf(page);
  const popup = await env.ctx.newPage();
  await popup.goto(`chrome-extension://${env.extId}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => !document.querySelector('#limits').hidden);
  assert(/very long|first \d+/.test(await popup.textContent('#limits')), 'popup limits notice');
  await popup.close();
  await page.close();
});

test('a page that never stops changing: rescans only for changes inside the article, with backoff', async () => {
  const page = await open('/clock.html');
  await env.waitDone(page);
  const s0 = await env.send(page, { type: 'stats' });
  await page.waitForTimeout(8000);
  const s1 = await env.send(page, { type: 'stats' });
  const ticks = await page.evaluate(() => window.__ticks);
  assert(ticks >= 50, `the clock ticked only ${ticks} times`);
  const scans = s1.scanRuns - s0.scanRuns;
  assert(s1.rescansRequested - s0.rescansRequested >= 50, `changes inside the article not noticed: ${s1.rescansRequested - s0.rescansRequested}`);
  assert(scans <= 8, `${scans} rescans in 8 s for ${ticks} ticks (backoff missing)`);
  // changes outside the article cost nothing
  await page.evaluate(() => { document.getElementById('clock').remove(); window.tickOutside(); });
  await page.waitForTimeout(1500);
  const s2 = await env.send(page, { type: 'stats' });
  await page.waitForTimeout(3000);
  const s3 = await env.send(page, { type: 'stats' });
  eq(s3.rescansRequested - s2.rescansRequested, 0, 'rescans requested for changes outside the article');
  const ls = await env.labels(page);
  assert(ls.length >= 2, 'labels gone');
  await page.close();
});

test('a page whose layout moves every frame: labels follow it, throttled, and are in place once it stops', async () => {
  const page = await open('/banner.html');
  await env.waitDone(page);
  const s0 = await env.send(page, { type: 'stats' });
  const f0 = await page.evaluate(() => window.banner.frames);
  await page.waitForTimeout(3000);
  const s1 = await env.send(page, { type: 'stats' });
  const frames = (await page.evaluate(() => window.banner.frames)) - f0;
  const layouts = s1.layouts - s0.layouts;
  assert(frames >= 60, `the banner moved only ${frames} times`);
  // at most one re-placement per 250 ms once the page keeps moving (about 12 in 3 s), not one per frame
  assert(layouts >= 3 && layouts <= 20, `${layouts} label re-placements for ${frames} frames of movement`);
  await page.evaluate(() => window.banner.stop(137));
  await page.waitForTimeout(700);
  const ls = await env.labels(page);
  eq(ls.length, 3, 'labels');
  checkLabelPlacement(ls);
  await page.close();
});

test('the per-page choice survives hash changes and same-article pushState', async () => {
  await env.setStorage({});
  const page = await open('/unicode.html');
  await env.waitDone(page);
  await env.toggle(page, false);
  await page.waitForFunction(nothingLeft);
  await page.evaluate(() => { location.hash = '#city'; });
  await page.evaluate(() => history.pushState({}, '', location.pathname + location.search + '#section-2'));
  await page.waitForTimeout(1200);
  eq((await env.send(page, { type: 'status' })).active, false, 'labels back on after a hash change');
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-quote]').length), 0, 'labels after a hash change');
  await env.toggle(page, true);
  await env.waitDone(page);
  const n = (await env.labels(page)).length;
  await page.evaluate(() => { location.hash = '#story'; });
  await page.waitForTimeout(1200);
  eq((await env.labels(page)).length, n, 'labels after a hash change with labels on');
  eq((await env.send(page, { type: 'status' })).override, true, 'the per-page choice');
  await page.close();
});

test('background: each message only from its senders, with checked shapes; nothing else is answered', async () => {
  const r = await env.worker().evaluate(`(async () => { const handle = globalThis.handleMessage; const api = chrome; ${BACKGROUND_CHECKS} })()`);
  assert(r.ok.ret === true && r.ok.answered && typeof r.ok.answered.result === 'string' && JSON.parse(r.ok.answered.result).quotes.length === 1, `a valid analyzePage was not answered: ${JSON.stringify(r.ok)}`);
  for (const [k, v] of Object.entries(r)) {
    if (k === 'ok') continue;
    assert(v.ret === false && v.answered === null, `${k} was accepted: ${JSON.stringify(v)}`);
  }
  // and from a real content script (its isolated world), a toggle for another tab gets no answer
  const victim = await open('/unicode.html');
  await env.waitDone(victim);
  const victimId = await env.tabIdOf(victim);
  const n = (await env.labels(victim)).length;
  const page = await open('/dark.html');
  await env.waitDone(page);
  const answer = await inContentScript(page, `chrome.runtime.sendMessage({type: 'toggleTab', tabId: ${victimId}, on: false}).then((v) => JSON.stringify(v === undefined ? 'no answer' : v), (e) => 'error: ' + e.message)`);
  assert(/no answer|error/.test(answer), `a content script got an answer to toggleTab: ${answer}`);
  eq((await env.labels(victim)).length, n, 'the other tab lost its labels');
  await page.close();
  await victim.close();
});

/** Evaluates an expression in the extension's content-script world of a page (CDP). */
async function inContentScript(page, expression) {
  const cdp = await env.ctx.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await page.waitForTimeout(200);
  const ctx = contexts.find((c) => c.auxData && c.auxData.type === 'isolated' && c.origin && c.origin.includes(env.extId)) ||
    contexts.find((c) => c.auxData && c.auxData.type === 'isolated' && /QuoteLens/i.test(c.name));
  if (!ctx) throw new Error(`no content-script world among ${JSON.stringify(contexts.map((c) => [c.name, c.origin, c.auxData]))}`);
  const r = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

test('engine failure: a trap re-instantiates the engine; repeated failures end in an error the popup explains', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const n = (await env.labels(page)).length;
  const h0 = await env.worker().evaluate(() => globalThis.engineHealth());
  await env.worker().evaluate(() => { globalThis.__quotelensFault = { mode: 'trap', times: 1 }; });
  await env.send(page, { type: 'rescan' });
  await env.waitDone(page);
  const h1 = await env.worker().evaluate(() => globalThis.engineHealth());
  assert(h1.restarts === h0.restarts + 1 && h1.instances === h0.instances + 1, `no re-instantiation: ${JSON.stringify([h0, h1])}`);
  eq((await env.labels(page)).length, n, 'labels after the engine was re-instantiated');
  // it keeps failing: retried with backoff, then an error with what happened
  await env.worker().evaluate(() => { globalThis.__quotelensFault = { mode: 'trap', times: 1000 }; });
  env.send(page, { type: 'rescan' }).catch(() => {});
  await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'error', null, { timeout: 20000 });
  const st = await env.send(page, { type: 'status' });
  assert(st.error && /unreachable/.test(st.error.message) && st.error.attempts === 4, `status error: ${JSON.stringify(st.error)}`);
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-quote]').length), 0, 'labels left after the failure');
  const tabId = await env.tabIdOf(page);
  const popup = await env.ctx.newPage();
  await popup.goto(`chrome-extension://${env.extId}/popup.html?tabId=${tabId}`);
  await popup.waitForFunction(() => !document.querySelector('#error').hidden);
  assert(/could not label.*unreachable/.test(await popup.textContent('#error')), `popup error: ${await popup.textContent('#error')}`);
  await popup.close();
  await env.worker().evaluate(() => { globalThis.__quotelensFault = null; });
  await env.send(page, { type: 'rescan' });
  await env.waitDone(page);
  eq((await env.labels(page)).length, n, 'labels after recovery');
  await page.close();
});

test('a service worker killed mid-scan is survived', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const n = (await env.labels(page)).length;
  await env.worker().evaluate(() => { globalThis.__quotelensFault = { mode: 'delay', ms: 4000, times: 1 }; });
  const cdp = await env.ctx.newCDPSession(page);
  env.send(page, { type: 'rescan' }).catch(() => {});
  await page.waitForTimeout(700); // the content script is now waiting for the background
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.waitForTimeout(500);
  await env.waitDone(page, 30000);
  await freshWorker();
  const st = await env.send(page, { type: 'stats' });
  eq((await env.labels(page)).length, n, 'labels after the service worker was killed');
  await page.close();
  return { note: `${st.retries} retries` };
});

test('labels cannot be restyled, rewritten or read by the page; custom colours stay inside closed roots', async () => {
  await env.setStorage({ palette: 'custom', customColors: ['#123456', '#654321'] });
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const seen = await page.evaluate(() => {
    const host = document.querySelector('[data-quotelens-quote]');
    const style = document.createElement('style');
    style.textContent = '[data-quotelens-quote], [data-quotelens-overlay] { display: none !important; opacity: 0 !important; transform: scale(0) !important } ' +
      '[data-quotelens-quote]::part(label) { color: red !important } [data-quotelens-quote]::part(label)::before { content: "FAKE" !important }';
    document.head.append(style);
    host.setAttribute('data-quotelens-speaker', 'Somebody Else');
    const html = document.documentElement.outerHTML;
    return {
      shadowRoot: host.shadowRoot, overlayRoot: document.querySelector('[data-quotelens-overlay]').shadowRoot,
      adopted: document.adoptedStyleSheets.length, id: host.getAttribute('data-quotelens-quote'),
      colourInDom: /123456|654321|rgb\(18, 52, 86\)/i.test(html),
      sheets: [...document.styleSheets].some((s) => { try { return [...s.cssRules].some((r) => /123456|654321/.test(r.cssText)); } catch (_) { return false; } }),
    };
  });
  eq(seen.shadowRoot, null, 'the page can open a label');
  eq(seen.overlayRoot, null, 'the page can open the overlay');
  eq(seen.adopted, 0, 'adopted style sheets on the document');
  eq(seen.colourInDom, false, 'the custom colour is visible in the page');
  eq(seen.sheets, false, 'the custom colour is in the page\'s style sheets');
  const inside = await env.send(page, { type: 'inspect' });
  const me = inside.find((x) => x.id === seen.id);
  eq(me.display, 'block', 'the label host after the page hid it');
  assert(me.rect.right > me.rect.left, 'the label has no size after the page restyled it');
  assert(!/Somebody Else|FAKE/.test(me.label) && !/Somebody Else/.test(me.ariaLabel), `the page rewrote the label: ${me.label}`);
  assert(inside.some((x) => x.color === 'rgb(18, 52, 86)'), `custom colour not used inside the labels: ${inside.map((x) => x.color)}`);
  await page.close();
  await env.setStorage({});
});

test('a page that registers the extension\'s element names as its own custom elements cannot stop or open the labels', async () => {
  const errorsBefore = consoleErrors.length;
  const page = await open('/squatter.html');
  await env.waitDone(page);
  const ls = await env.labels(page);
  const said = ls.map((l) => `${l.speaker}: ${l.text.slice(0, 20)}`).sort();
  eq(JSON.stringify(said), JSON.stringify(['Elsa Nyman: “We cannot wait anot', 'Tomas Berg: “The steel was in wo']), 'labels on the squatted page');
  const seen = await page.evaluate(() => ({
    state: document.documentElement.getAttribute('data-quotelens-state'),
    count: document.documentElement.getAttribute('data-quotelens-count'),
    opened: [...document.querySelectorAll('[data-quotelens-quote], [data-quotelens-overlay]')].filter((e) => e.shadowRoot).length,
    constructed: window.squatted.constructed.length,
    refused: window.squatted.refused.length,
  }));
  eq(seen.state, 'done', 'state');
  eq(seen.count, '2', 'count');
  eq(seen.opened, 0, 'the page attached its own shadow root to a label or the overlay');
  eq(seen.constructed, seen.refused, 'a page constructor ran on a label and kept it');
  const inside = await env.send(page, { type: 'inspect' });
  assert(inside.length === 2 && inside.every((x) => /Berg|Nyman/.test(x.label) && x.rect.right > x.rect.left), `labels as drawn: ${JSON.stringify(inside.map((x) => x.label))}`);
  const ours = consoleErrors.slice(errorsBefore).filter((e) => e.url.startsWith('chrome-extension:') || /quotelens/i.test(e.text));
  eq(ours.length, 0, `extension errors: ${JSON.stringify(ours)}`);
  await page.close();
});

// Real pages from ../shared/pages: one test per page, expectations in tests/e2e/pages.json.
const PAGES = JSON.parse(fs.readFileSync(path.join(__dirname, 'pages.json'), 'utf8'));
const pageNames = HAVE_PAGES ? fs.readdirSync(path.join(SHARED, 'pages')).filter((n) => fs.existsSync(path.join(SHARED, 'pages', n, 'source.html'))).sort() : Object.keys(PAGES.pages).sort();
for (const name of pageNames) {
  test(`real page ${name}: no errors, labels only in the article, expectations hold`, async () => {
    if (!HAVE_PAGES) throw new Skip('../shared/pages is absent');
    const exp = PAGES.pages[name] || {};
    const errorsBefore = consoleErrors.length;
    await env.setStorage(ALL_LABELS);
    const page = await open(`/shared-pages/${name}/source.html`);
    const st = await env.waitDecided(page);
    if (exp.article === false) {
      eq(st.active, false, 'active on a page expected not to look like an article');
      await page.close();
      return;
    }
    assert(st.active, `not treated as an article: ${st.decision}`);
    await env.waitDone(page, 30000);
    const ls = await env.labels(page);
    const problems = [];
    for (const l of ls) if (l.excludedAncestor) problems.push(`label outside the article (${l.excludedAncestor}): ${l.text.slice(0, 60)}`);
    if (ls.some((l) => l.inLink)) problems.push('a label inside a link');
    if (new Set(ls.map((l) => l.id)).size !== ls.length) problems.push('duplicate label ids');
    // errors from the extension (content scripts run in an isolated world: their errors carry the
    // chrome-extension: URL). The offline copy's own failures (its subresources, its inline event
    // handlers whose scripts were stripped) are the page's business, not ours.
    const errs = consoleErrors.slice(errorsBefore).filter((e) => e.url.startsWith('chrome-extension:') || /quotelens/i.test(e.text));
    for (const e of errs) problems.push(`console error: ${e.text}`);
    const engineProblems = [];
    const xfails = []; // [reason, failed?]
    if (typeof exp.minLabels === 'number' && ls.length < exp.minLabels) engineProblems.push(`${ls.length} labels, want at least ${exp.minLabels}`);
    if (typeof exp.maxLabels === 'number' && ls.length > exp.maxLabels) engineProblems.push(`${ls.length} labels, want at most ${exp.maxLabels}`);
    const stripped = (x) => norm(x.text).replace(/^["“«„‘'‹]\s?/, '');
    for (const q of exp.quotes || []) {
      const l = ls.find((x) => stripped(x).startsWith(q.startsWith));
      let problem = null;
      if (!l) problem = `no label on the quote beginning ${JSON.stringify(q.startsWith)}`;
      else if (q.speaker !== undefined && l.speaker !== q.speaker) problem = `${JSON.stringify(q.startsWith)}: speaker ${JSON.stringify(l.speaker)}, want ${JSON.stringify(q.speaker)}`;
      if (q.xfail) xfails.push([q.xfail, problem]); else if (problem) engineProblems.push(problem);
    }
    for (const q of exp.notQuotes || []) {
      const l = ls.find((x) => stripped(x).startsWith(q.startsWith));
      const problem = l ? `labelled as a quote: ${JSON.stringify(l.text)} (speaker ${JSON.stringify(l.speaker)})` : null;
      if (q.xfail) xfails.push([q.xfail, problem]); else if (problem) engineProblems.push(problem);
    }
    await page.close();
    assert(!problems.length, problems.join('; '));
    assert(!engineProblems.length, engineProblems.join('; '));
    // known engine failures: alert as soon as one starts passing
    const xpass = xfails.filter(([, problem]) => !problem).map(([reason]) => reason);
    if (xpass.length) throw new Error(`XPASS: known failure now passes, remove its "xfail" in tests/e2e/pages.json: ${xpass.join('; ')}`);
    if (xfails.length) return { note: `${xfails.length} known engine failure(s): ${xfails.map(([r]) => r).join('; ')}` };
  });
}

// One article finder (issue 8): the extension and the CLI on the same saved page find the same
// quotes (text and speaker), apart from the differences pages.json documents ("cli" markers, which
// fail when no longer needed). The site is set to "always", so pages that do not look like articles
// are compared too.
const parity = require('./cli_parity');
for (const name of pageNames) {
  test(`real page ${name}: the extension finds the quotes the CLI finds`, async () => {
    const why = parity.unavailable();
    if (why) throw new Skip(why);
    await env.setStorage(Object.assign({ sites: { [HOST]: 'always' } }, ALL_LABELS));
    const page = await open(`/shared-pages/${name}/source.html`);
    await env.waitDone(page, 30000);
    const labels = await env.labels(page);
    await page.close();
    await env.setStorage({});
    const r = parity.compare(name, labels, parity.cliQuotes(name));
    assert(!r.problems.length, `${r.extension} labels, ${r.cli} CLI quotes: ${r.problems.join('; ')}`);
    if (r.documented) return { note: `${r.documented} documented difference(s)` };
  });
}

// the reader's features (issue 11, the extension side of issue 9): tests/e2e/reader_chrome.js
require('./reader_chrome').register(test, { env: () => env, open, assert, eq });
/** After the extension restarted: wait for its new service worker and use it. */
async function freshWorker() {
  for (let i = 0; i < 100; i++) {
    for (const w of env.ctx.serviceWorkers().filter((x) => x.url().includes(env.extId)).reverse()) {
      try { if (await w.evaluate(() => typeof globalThis.handleMessage === 'function')) { env.sw = w; return w; } } catch (_) { /* an old one */ }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the extension\'s service worker did not come back');
}

// Run after the real pages: it restarts the extension.
test('clean exit: a newer content-script instance replaces an older one; disabling the extension removes every label and observer from open tabs', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  // a second instance of the content script in the same world (as an update injecting it again)
  const n = (await env.labels(page)).length;
  const src = fs.readFileSync(path.join(EXT, 'content.js'), 'utf8');
  await inContentScript(page, `${src}; 'ok'`);
  await page.waitForTimeout(300);
  await env.waitDone(page);
  await page.waitForTimeout(500);
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-overlay]').length), 1, 'overlays after a second instance started');
  eq((await env.labels(page)).length, n, 'labels after a second instance started (one set)');
  // disable the extension (as the user does in chrome://extensions): the port disconnects
  const mgr = await env.ctx.newPage();
  await mgr.goto('chrome://extensions/');
  await mgr.evaluate((id) => chrome.management.setEnabled(id, false), env.extId);
  await page.waitForFunction(nothingLeft, null, { timeout: 10000 });
  // the orphaned script no longer reacts to the page
  await page.evaluate(() => { const p = document.createElement('p'); p.textContent = '“A new paragraph arrives,” said Maria Petrova, the city’s treasurer, after the meeting.'; document.getElementById('story').append(p); });
  await page.waitForTimeout(1500);
  assert(await page.evaluate(nothingLeft), 'an orphaned content script labelled the page again');
  // enabled again: new pages are labelled by the new instance
  await mgr.evaluate((id) => chrome.management.setEnabled(id, true), env.extId);
  await mgr.close();
  const page3 = await open('/unicode.html');
  await env.waitDone(page3);
  await freshWorker();
  await page3.close();
  await page.close();
});

// Run after the real pages: it restarts the extension.
test('update: chrome.runtime.reload() leaves open tabs clean (no label, no orphan acting); the new instance labels them again', async () => {
  const page = await open('/unicode.html');
  await env.waitDone(page);
  const n = (await env.labels(page)).length;
  assert(n > 0, 'no labels before the update');
  // what an update does to a running extension: the old instance is unloaded, the new one loaded
  await env.worker().evaluate(() => { setTimeout(() => chrome.runtime.reload(), 50); return true; });
  await page.waitForFunction(nothingLeft, null, { timeout: 10000 });
  // the orphaned script no longer reacts to the page: a new quoted paragraph, a hash change
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '“A new paragraph arrives,” said Maria Petrova, the city’s treasurer, after the meeting.';
    document.getElementById('story').append(p);
    location.hash = '#after-update';
  });
  await page.waitForTimeout(1500);
  assert(await page.evaluate(nothingLeft), 'an orphaned content script labelled the page again after the update');
  // Chromium started with --load-extension and --disable-extensions-except (the harness) leaves the
  // reloaded extension disabled (disabledReason 'unknown'; chrome://extensions' own reload does the
  // same); a browser with the extension installed normally enables it at once. Enable it here.
  const mgr = await env.ctx.newPage();
  await mgr.goto('chrome://extensions/');
  const enabled = await mgr.evaluate((id) => new Promise((r) => chrome.management.get(id, (x) => r(x.enabled))), env.extId);
  if (!enabled) await mgr.evaluate((id) => chrome.management.setEnabled(id, true), env.extId);
  await mgr.close();
  // Chromium injects the new instance's content scripts on the tab's next load (re-injecting into
  // open tabs would need the "scripting" permission): then one set of labels, by the new instance
  await page.reload({ waitUntil: 'load' });
  await env.waitDone(page); // its port woke the new service worker
  await freshWorker();
  eq(await page.evaluate(() => document.querySelectorAll('[data-quotelens-overlay]').length), 1, 'overlays after the update');
  eq((await env.labels(page)).length, n, 'labels by the new instance');
  const st = await env.send(page, { type: 'stats' });
  eq(st.scans >= 1 && !st.shutdown, true, 'the new instance is the one answering');
  await page.close();
});

// Run last: everything the browser fetched during the whole run.
test('no network request leaves the browser (pages, content scripts, service worker)', async () => {
  const bad = requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'chrome-extension:' && u.host === env.extId) return false;
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    // chrome://extensions, opened by the clean-exit test to disable the extension: browser-internal
    if (u.protocol === 'chrome:' && (r.page.startsWith('chrome://') || r.page === 'about:blank')) return false;
    if (u.host === HOST) return false;
    // the real pages reference their sites' images, fonts and styles: those are the page's own
    // requests (all refused by --host-resolver-rules); anything else is ours
    if (r.page.includes('/shared-pages/') && ['image', 'stylesheet', 'font', 'media', 'script', 'other', 'fetch', 'xhr', 'document'].includes(r.type) && !r.fromExtension) return false;
    return true;
  });
  assert(requests.length > 0, 'no requests were recorded at all');
  assert(requests.some((r) => r.fromExtension || r.url.startsWith('chrome-extension:')), 'no extension request was recorded (is request tracking working?)');
  assert(!bad.length, `requests to elsewhere: ${bad.slice(0, 5).map((r) => `${r.url} (${r.type}, from ${r.page})`).join(', ')}`);
  const ours = consoleErrors.filter((e) => e.url.startsWith('chrome-extension:') || /quotelens/i.test(e.text));
  assert(!ours.length, `console errors from the extension: ${ours.slice(0, 5).map((e) => e.text).join(' | ')}`);
});

// ---------------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  PORT = Number(arg('--port', process.env.QUOTELENS_E2E_PORT || 0)) || await freePort();
  BASE = `http://127.0.0.1:${PORT}`;
  HOST = `127.0.0.1:${PORT}`;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  onSignals((sig) => console.log(`FAIL interrupted by ${sig}\ne2e chromium: ${passed} passed, ${failed + 1} failed${skipped ? `, ${skipped} skipped` : ''}`));
  const server = await startServer(PORT);
  try {
    const l = await launch(EXT);
    env = Object.assign(l, { base: BASE });
    Object.assign(env, helpers(env));
    env.ctx.on('request', (req) => {
      let pg = '';
      try { pg = req.frame().page().url(); } catch (_) { pg = '(worker)'; }
      requests.push({ url: req.url(), type: req.resourceType(), page: pg, fromExtension: req.url().startsWith('chrome-extension:') || !req.frame || pg === '(worker)' });
    });
    env.ctx.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: (m.location() && m.location().url) || (m.page() ? m.page().url() : '') });
    });
    env.ctx.on('weberror', (e) => consoleErrors.push({ text: 'weberror: ' + e.error().message, url: e.page() ? e.page().url() : '' }));
    for (const t of tests) {
      if (ONLY && !ONLY.split(',').some((o) => o && t.name.includes(o))) continue;
      try {
        const r = await t.fn();
        passed++;
        console.log(`ok   ${t.name}${r && r.note ? `  [${r.note}]` : ''}`);
      } catch (e) {
        if (e instanceof Skip) {
          skipped++;
          console.log(`skip ${t.name}: ${e.message}`);
        } else {
          failed++;
          console.log(`FAIL ${t.name}\n     ${String(e && e.message || e).split('\n').join('\n     ')}`);
        }
      }
      for (const p of env.ctx.pages()) await p.close().catch(() => {});
    }
  } catch (e) {
    failed++;
    console.log(`FAIL setup: ${e && e.stack || e}`);
  } finally {
    if (env && env.cleanup) await env.cleanup();
    server.kill();
  }
  console.log(`e2e chromium: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

main();
