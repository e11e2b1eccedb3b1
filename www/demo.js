/* QuoteLens demo page.
 *
 * Loaded after pkg/quotelens.js (the engine: global `wasm_bindgen`), shared/extract.js and
 * shared/render.js (copied from extension/src by www/build.mjs: the very modules the extension runs)
 * and samples.js. No framework, no network: the only requests are for this page's own files.
 *
 * Pipeline, for a sample, pasted text or pasted HTML alike:
 *   blocks [{kind, text}]  ->  the article DOM (one Text node per block, via textContent)
 *   -> wasm_bindgen.analyze(blocks, options)  (one call per article; UTF-16 offsets)
 *   -> QuoteLensExtract.resolve(...)  -> QuoteLensRender renderer: highlights, labels, hover cards
 *   -> the "who said what" table and the JSON / CSV exports, all from the same items.
 * Pasted HTML is parsed with DOMParser into an inert document, read into a page tree by
 * QuoteLensExtract.buildTree, and the engine's article finder (wasm_bindgen.findArticle, the one
 * the extension and the CLI use) picks the article's blocks out of it; only the text of its blocks
 * ever reaches this page's DOM (textContent), never its markup.
 *
 * For tests (tests/www/demo.test.js): <html data-demo-state="loading|done|error" data-demo-count="N">;
 * labels carry the extension's contract (data-quotelens-quote/-speaker/-kind/-text); the table's
 * tbody.speaker-group[data-speaker] rows carry data-quote-id.
 */
(function () {
  'use strict';

  const X = globalThis.QuoteLensExtract;
  const R = globalThis.QuoteLensRender;
  const V = globalThis.QuoteLensVoices;
  const E = globalThis.QuoteLensExport;
  const SAMPLES = globalThis.QuoteLensSamples || [];
  const $ = (id) => document.getElementById(id);

  const OFFSETS_NOTE = 'start/end are offsets in UTF-16 code units (JavaScript string indices) into article.blocks[block].text; end is exclusive';
  const KIND_SHORT = { direct: 'direct', mixed: 'mixed', indirect: 'indirect' };
  const RULE_TEXT = {
    'trailing-cue': 'quote, then “X said”',
    'leading-cue': '“X said:”, then the quote',
    'colon-intro': 'introduced by a colon',
    'according-to': '“according to X”',
    'continuation': 'continues an attributed quote',
    'adjacent-quote': 'next to an attributed quote',
    'sentence-subject': 'the subject of its sentence',
    'lone-candidate': 'the only candidate nearby',
    'indirect-verb': 'X said that …',
    'indirect-according-to': 'according to X, …',
  };

  const state = {
    engine: null,          // the wasm_bindgen namespace once instantiated
    version: '',
    article: null,         // {title, source, lang, blocks: [{kind, text}]}
    analysis: null,        // the engine's result
    items: [],             // render items (QuoteLensExtract.resolve), in article order
    renderer: null,
    seq: 0,
  };

  // -------------------------------------------------------------------------------------------
  // Status line

  function setStatus(text, kind) {
    const el = $('status');
    el.textContent = text;
    el.dataset.state = kind || 'ok';
  }

  // -------------------------------------------------------------------------------------------
  // Articles: samples, pasted text, pasted HTML -> blocks

  const DROP = /[\u00AD\u200B\u2060\uFEFF]/g;

  function cleanText(s) {
    // what the extension's reader does to page text: drop soft hyphens and zero-width characters,
    // collapse runs of ordinary whitespace; a no-break space stays what it is
    return String(s).replace(DROP, '').replace(/[ \t\r\n\f\v]+/g, ' ').trim();
  }

  function looksLikeHtml(s) {
    return /<\s*(html|body|article|main|section|div|p|h[1-6]|br|blockquote|figure|figcaption|ul|ol|li|span|a|em|strong|b|i|table|header)\b[^<>]*>/i.test(s);
  }

  function blocksFromText(s) {
    const paras = String(s).replace(/\r\n?/g, '\n').split(/\n[ \t\u00A0]*\n+/).map(cleanText).filter(Boolean);
    return paras.map((text, i) => {
      // a short first line without a full stop at the end reads as a headline
      const heading = i === 0 && paras.length > 1 && text.length <= 160 && !/[.!?…:;,"“”»«„]$/.test(text);
      return { kind: heading ? 'heading' : 'paragraph', text };
    });
  }

  const SIMPLE_BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, caption, pre, td, th, dd, dt';
  const SIMPLE_KIND = { h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading', li: 'listitem', blockquote: 'blockquote', figcaption: 'caption', caption: 'caption' };

  function blocksFromHtml(s) {
    const doc = new DOMParser().parseFromString(s, 'text/html');
    // an inert document has no layout: the tree says what is hidden from the markup alone
    let blocks = [];
    let how = 'article finder';
    try {
      const read = state.engine ? X.buildTree(doc) : null;
      const art = read ? state.engine.findArticle(read.tree) : null;
      if (art) blocks = art.blocks.map((b) => ({ kind: b.kind, text: b.text }));
    } catch (e) {
      console.warn('quotelens demo: the article reader failed on the pasted HTML, reading it plainly:', e);
    }
    if (!blocks.length) {
      // a fragment too small for the article reader: every innermost text block, in order
      how = 'every text block';
      const skip = 'script, style, noscript, template, nav, aside, footer, form, button, select, textarea, svg';
      for (const el of doc.body ? doc.body.querySelectorAll(SIMPLE_BLOCKS) : []) {
        if (el.closest(skip) || el.querySelector(SIMPLE_BLOCKS)) continue;
        const text = cleanText(el.textContent);
        if (text) blocks.push({ kind: SIMPLE_KIND[el.localName] || (el.closest('blockquote') ? 'blockquote' : 'paragraph'), text });
      }
      if (!blocks.length && doc.body) blocks = blocksFromText(doc.body.innerText || doc.body.textContent || '');
    }
    const lang = (doc.documentElement.getAttribute('lang') || '').trim();
    const titleEl = doc.querySelector('title');
    // the pasted page's own metadata (og:, JSON-LD, <time>, canonical link) for the Markdown export
    const meta = globalThis.QuoteLensMetadata ? globalThis.QuoteLensMetadata.read(doc, 'about:blank') : {};
    return { blocks, lang, how, meta, title: titleEl ? cleanText(titleEl.textContent) : '' };
  }

  function guessLang(blocks) {
    const text = blocks.map((b) => b.text).join(' ').slice(0, 4000);
    if (/[„]/.test(text) || (text.match(/\b(der|die|das|und|nicht|sagte|ist)\b/g) || []).length > 8) return 'de';
    return 'en';
  }

  // -------------------------------------------------------------------------------------------
  // The article DOM: one Text node per block, so engine offsets map straight onto it

  function buildArticle(blocks, lang) {
    const art = $('article');
    if (state.renderer) state.renderer.clear();
    art.replaceChildren();
    art.lang = lang || 'en';
    const dom = []; // the page tree's view of this article: [p, its text, p, its text, …]
    const out = [];
    let list = null;
    blocks.forEach((b, i) => {
      let el;
      let parent = art;
      if (b.kind === 'listitem') {
        if (!list) { list = document.createElement('ul'); art.append(list); }
        parent = list;
        el = document.createElement('li');
      } else {
        list = null;
        if (b.kind === 'heading') {
          el = document.createElement(i === 0 ? 'h2' : 'h3');
          if (i === 0) el.className = 'headline';
        } else if (b.kind === 'blockquote') {
          el = document.createElement('blockquote');
        } else if (b.kind === 'caption') {
          el = document.createElement('p');
          el.className = 'caption';
        } else {
          el = document.createElement('p');
          if (b.standfirst) el.className = 'standfirst';
        }
      }
      const node = document.createTextNode(b.text);
      el.append(node);
      el.dataset.block = String(i);
      parent.append(el);
      dom.push(el, node);
      // the whole block text comes from its one text node: one piece
      out.push({ text: b.text, kind: b.kind, node: dom.length - 2, pieces: [0, dom.length - 1, 0, b.text.length] });
    });
    return { dom, blocks: out };
  }

  // -------------------------------------------------------------------------------------------
  // Engine + renderer

  function options() {
    return { minConfidence: Number($('opt-conf').value) || 0, indirect: $('opt-indirect').checked };
  }

  function getRenderer() {
    // pageStyles: the ::highlight() colours come from render.js itself (a constructable sheet)
    if (!state.renderer) state.renderer = R.createRenderer({ doc: document, palette: 'default', pageStyles: true });
    return state.renderer;
  }

  function analyse() {
    const a = state.article;
    if (!a) return;
    const seq = ++state.seq;
    const dom = buildArticle(a.blocks, a.lang);
    if (!state.engine) return; // drawn without labels; analysed once the engine is ready
    const blocks = a.blocks.map((b) => ({ text: b.text, kind: b.kind }));
    const t0 = performance.now();
    let analysis;
    try {
      analysis = blocks.length ? state.engine.analyze(blocks, options()) : { quotes: [], speakers: [], version: state.version };
    } catch (e) {
      console.warn('quotelens demo: the engine failed:', e);
      setStatus('The engine could not analyse this article: ' + (e && e.message || e), 'error');
      return;
    }
    const ms = performance.now() - t0;
    if (seq !== state.seq) return;
    state.analysis = analysis;
    state.items = X.resolve(document, dom, Object.assign({}, analysis, { blocks: dom.blocks }));
    const byEngineId = new Map(analysis.quotes.map((q) => [q.id, q]));
    for (const it of state.items) it.quote = byEngineId.get(it.engineId);
    // the page's own colour scheme decides the labels' style (the renderer would otherwise judge
    // it from the first quote's text colour, which in a muted standfirst is neither here nor there)
    const dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    const count = getRenderer().render(state.items, { theme: dark ? 'dark' : 'light' });
    const speakers = new Set(state.items.filter((it) => it.speakerName).map((it) => it.speakerName.toLowerCase())).size;
    const unattributed = state.items.filter((it) => !it.speakerName).length;
    document.documentElement.setAttribute('data-demo-count', String(count));
    drawTable();
    drawVoices();
    $('export-json').disabled = $('export-csv').disabled = $('export-md').disabled = !count;
    const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
    setStatus((count ? `${plural(count, 'quote')} from ${plural(speakers, 'speaker')}` : 'No quotes found') +
      (unattributed ? `, ${unattributed} unattributed` : '') +
      ` · ${plural(blocks.length, 'paragraph')} analysed in ${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms` +
      (a.source.startsWith('pasted') ? ` · ${a.note || a.source}` : ''), count ? 'ok' : 'empty');
    document.documentElement.setAttribute('data-demo-state', 'done');
  }

  function load(article) {
    state.article = article;
    state.seq++;
    document.documentElement.setAttribute('data-demo-state', 'loading');
    analyse();
  }

  function loadSample(id, focus) {
    const s = SAMPLES.find((x) => x.id === id) || SAMPLES[0];
    if (!s) return;
    for (const b of document.querySelectorAll('#sample-buttons button')) {
      b.setAttribute('aria-pressed', String(b.dataset.sample === s.id));
    }
    if (location.hash !== '#' + s.id) history.replaceState(null, '', '#' + s.id);
    load({ title: s.blocks[0] ? s.blocks[0].text : s.label, source: 'sample:' + s.id, lang: s.lang, blocks: s.blocks.slice() });
    if (focus) $('article').focus({ preventScroll: false });
  }

  function loadPasted(raw) {
    const s = String(raw || '');
    if (!s.trim()) {
      setStatus('Paste an article first: plain text or HTML.', 'error');
      $('paste-text').focus();
      return;
    }
    let article;
    if (looksLikeHtml(s)) {
      const r = blocksFromHtml(s);
      article = { title: (r.blocks.find((b) => b.kind === 'heading') || {}).text || r.title || 'Pasted HTML', source: 'pasted html', meta: r.meta,
        note: `HTML read as ${r.blocks.length} block${r.blocks.length === 1 ? '' : 's'} (${r.how})`, lang: r.lang || guessLang(r.blocks), blocks: r.blocks };
    } else {
      const blocks = blocksFromText(s);
      article = { title: blocks[0] && blocks[0].kind === 'heading' ? blocks[0].text : 'Pasted text', source: 'pasted text',
        note: 'pasted text', lang: guessLang(blocks), blocks };
    }
    for (const b of document.querySelectorAll('#sample-buttons button')) b.setAttribute('aria-pressed', 'false');
    history.replaceState(null, '', location.pathname + location.search);
    if (!article.blocks.length) {
      setStatus('No text found in what was pasted.', 'error');
      return;
    }
    load(article);
    $('article').focus({ preventScroll: false });
  }

  // -------------------------------------------------------------------------------------------
  // Who said what: one table, a row group per speaker

  function speakerGroups() {
    // the renderer's own grouping (same order and colours as the labels), with kind and role
    const groups = R.groupBySpeaker(state.items, R.PALETTES.default);
    const byKey = new Map();
    for (const it of state.items) {
      const k = (it.speakerName || '').toLowerCase();
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k).push(it);
    }
    return groups.map((g) => {
      const items = byKey.get((g.speaker || '').toLowerCase()) || [];
      const kind = (items.find((it) => it.speakerKind) || {}).speakerKind || (g.speaker ? 'unknown' : '');
      return { ...g, speakerKind: kind, items };
    });
  }

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'scope' || k === 'colspan' || k === 'title' || k === 'type' || k === 'role') e.setAttribute(k, String(v));
        else e[k] = v;
      }
    }
    for (const kid of kids) if (kid != null) e.append(kid);
    return e;
  }

  function drawTable() {
    const wrap = $('table');
    wrap.replaceChildren();
    const groups = speakerGroups();
    if (!groups.length) {
      wrap.append(el('p', { class: 'empty', text: 'No quotes found in this article.' }));
      return;
    }
    const table = el('table', { class: 'wsw-table' },
      el('caption', { class: 'visually-hidden', text: 'Quotes grouped by speaker' }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: 'Quote' }),
        el('th', { scope: 'col', text: 'Kind' }),
        el('th', { scope: 'col', text: 'Rule' }),
        el('th', { scope: 'col', class: 'num', text: 'Confidence' }))));
    for (const g of groups) {
      const tb = el('tbody', { class: 'speaker-group', 'data-speaker': g.speaker });
      const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
      dot.style.backgroundColor = g.color;
      const n = g.items.length;
      const head = el('th', { scope: 'rowgroup', colspan: 4 }, el('div', { class: 'speaker' },
        dot,
        el('span', { class: 'speaker-name', text: g.speaker || 'Unattributed' }),
        g.speaker ? el('span', { class: 'speaker-kind tag', 'data-field': 'kind', text: g.speakerKind }) : null,
        g.role ? el('span', { class: 'speaker-role', 'data-field': 'role', text: g.role }) : null,
        el('span', { class: 'speaker-count', 'data-field': 'count', text: `${n} quote${n === 1 ? '' : 's'}` })));
      tb.append(el('tr', { class: 'speaker-row' }, head));
      for (const it of g.items) {
        const q = it.quote || {};
        const btn = el('button', { type: 'button', class: 'quote-link', 'data-quote-id': it.id, text: R.clip(it.fullText || it.text, 220),
          'aria-label': `${R.clip(it.fullText || it.text, 220)} — show in the article` });
        btn.addEventListener('click', () => { getRenderer().reveal(it.id); });
        const conf = typeof it.confidence === 'number' ? it.confidence : null;
        tb.append(el('tr', { class: 'quote-row', 'data-quote-id': it.id },
          el('td', { class: 'quote' }, btn),
          el('td', { class: 'kind' }, el('span', { class: 'tag kind-' + it.kind, title: R.KIND_TEXT[it.kind] || it.kind, text: KIND_SHORT[it.kind] || it.kind })),
          el('td', { class: 'rule' }, el('code', { title: RULE_TEXT[it.rule] || '', text: it.rule || q.rule || '' })),
          el('td', { class: 'num conf', text: conf == null ? '' : conf.toFixed(2) })));
      }
      table.append(tb);
    }
    wrap.append(table);
  }

  // -------------------------------------------------------------------------------------------
  // Exports

  // the fields of one quote: the same record as the extension's popup export (shared/export.js)
  function exportRecords() {
    return state.items.map((it) => E.record(it, it.quote));
  }

  // the voices summary: the same code as the extension's popup (shared/voices.js)
  function drawVoices() {
    const summary = V.summarize(state.items.map((it) => ({ speaker: it.speakerName, speakerKind: it.speakerKind, kind: it.kind, text: it.fullText || it.text })));
    $('voices-body').replaceChildren(V.build(document, summary, { lang: 'en' }));
  }

  /** The article's own metadata for exports: a pasted page's head, or the sample's title. */
  function articleMeta() {
    const a = state.article;
    const meta = { headline: a.title, site: a.source.startsWith('sample:') ? 'QuoteLens demo sample' : '' };
    for (const [k, v] of Object.entries(a.meta || {})) if (v) meta[k] = v;
    return meta;
  }

  function exportJson() {
    const a = state.article;
    const quotes = exportRecords();
    const groups = speakerGroups();
    return JSON.stringify({
      generator: 'quotelens demo',
      engineVersion: state.version,
      offsets: OFFSETS_NOTE,
      options: options(),
      article: { title: a.title, source: a.source, lang: a.lang, blocks: a.blocks.map((b) => ({ kind: b.kind, text: b.text })) },
      speakers: groups.map((g) => ({
        name: g.speaker || null, kind: g.speaker ? g.speakerKind : null, role: g.role || null,
        quoteCount: g.items.length, color: g.color, quotes: g.items.map((it) => it.id),
      })),
      quotes,
    }, null, 2) + '\n';
  }

  function exportCsv() {
    // RFC 4180: CRLF line ends, fields quoted when needed; a BOM so spreadsheets read UTF-8
    return E.toCsv(exportRecords());
  }

  function exportMarkdown() {
    return E.toMarkdown(exportRecords(), articleMeta());
  }

  function slug() {
    const a = state.article;
    if (a.source.startsWith('sample:')) return a.source.slice(7);
    return (a.title || 'article').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'article';
  }

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = el('a', { href: url, download: name });
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus(`Saved ${name}.`, 'ok');
  }

  // -------------------------------------------------------------------------------------------
  // Start

  function setupUi() {
    const box = $('sample-buttons');
    for (const s of SAMPLES) {
      const b = el('button', { type: 'button', class: 'sample', 'data-sample': s.id, 'aria-pressed': 'false', title: s.about, text: s.label });
      b.addEventListener('click', () => loadSample(s.id, false));
      box.append(b);
    }
    $('paste-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      loadPasted($('paste-text').value);
    });
    $('paste-text').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); loadPasted($('paste-text').value); }
    });
    $('paste-clear').addEventListener('click', () => { $('paste-text').value = ''; $('paste-text').focus(); });
    $('opt-indirect').addEventListener('change', analyse);
    $('opt-conf').addEventListener('input', () => {
      $('opt-conf-out').textContent = Number($('opt-conf').value).toFixed(2);
      analyse();
    });
    $('export-json').addEventListener('click', () => download(`quotelens-${slug()}.json`, 'application/json', exportJson()));
    $('export-csv').addEventListener('click', () => download(`quotelens-${slug()}.csv`, 'text/csv;charset=utf-8', exportCsv()));
    $('export-md').addEventListener('click', () => download(`quotelens-${slug()}.md`, 'text/markdown;charset=utf-8', exportMarkdown()));
    window.addEventListener('hashchange', () => {
      const id = location.hash.slice(1);
      if (SAMPLES.some((s) => s.id === id)) loadSample(id, false);
    });
    // labels pick light or dark from the article's text colour: redraw when the scheme flips
    const mq = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)');
    if (mq && mq.addEventListener) mq.addEventListener('change', analyse);
  }

  async function start() {
    if (!X || !R || !V || !E) {
      setStatus('The shared modules are missing: run “make build” (or node www/build.mjs), then reload.', 'error');
      return;
    }
    setupUi();
    const first = location.hash.slice(1);
    loadSample(SAMPLES.some((s) => s.id === first) ? first : (SAMPLES[0] && SAMPLES[0].id), false);
    try {
      if (typeof wasm_bindgen !== 'function') throw new Error('pkg/quotelens.js did not load');
      await wasm_bindgen({ module_or_path: 'pkg/quotelens_bg.wasm' });
      state.engine = wasm_bindgen;
      state.version = wasm_bindgen.version();
      $('engine-version').textContent = 'engine ' + state.version;
    } catch (e) {
      const hint = location.protocol === 'file:' ? 'open it through a local server: make demo' : 'build it first: make build';
      setStatus(`The engine could not be loaded (${e && e.message || e}) — ${hint}.`, 'error');
      document.documentElement.setAttribute('data-demo-state', 'error');
      return;
    }
    analyse();
  }

  start();
})();
