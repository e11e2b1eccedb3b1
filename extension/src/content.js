/* QuoteLens — content script: decides whether to label this page, reads the article, runs the
 * engine (Wasm in this content script in Firefox; in the background service worker in Chromium,
 * where the page's CSP governs content-script Wasm — see preferredEngine), draws the labels, and
 * keeps them in step with the page.
 *
 * Loaded after settings.js, extract.js, render.js and, in Firefox, pkg/quotelens.js (the engine's
 * glue, global `wasm_bindgen`).
 *
 * Test contract on <html> while labels are on: data-quotelens-state = scanning | done | error,
 * data-quotelens-count = N, data-quotelens-engine = content | background. Labels off (or never on):
 * none of these attributes and no label elements; the DOM is exactly what the page made it.
 */
(function () {
  'use strict';
  if (globalThis.__quotelensLoaded) return; // injected twice (extension reload): keep the first
  globalThis.__quotelensLoaded = true;

  const api = globalThis.browser || globalThis.chrome;
  const X = globalThis.QuoteLensExtract;
  const R = globalThis.QuoteLensRender;
  const S = globalThis.QuoteLensSettings;
  const Reader = globalThis.QuoteLensReader; // reader.js: thresholds, copy, keyboard, exports
  const html = document.documentElement;
  const ATTRS = ['data-quotelens-state', 'data-quotelens-count', 'data-quotelens-engine'];
  const DEBOUNCE_MS = 500;

  let settings = S.normalise({});
  let override = null; // the toolbar toggle for this page: null (follow settings) | true | false
  let active = false;
  let renderer = null;
  let rendererKey = '';
  let lastFingerprint = null;
  let lastRoots = [];
  let scanning = null;
  let dirty = false;
  let generation = 0;
  let timer = 0;
  let observer = null;
  let lastHref = location.href;
  let engineP = null;
  let lastCount = 0;
  let mutationSeq = 0;
  const reader = { items: [], analysis: null, get renderer() { return renderer; }, get active() { return active; } };
  let aborted = 0;
  const stats = { scans: 0, last: null, wasmInitMs: null, engine: null, wasmError: null, wasmBytes: null };

  // -------------------------------------------------------------------------------------------
  // Deciding

  function optedOut() {
    return (html.getAttribute('data-quotelens') || '').toLowerCase() === 'off';
  }

  function decide() {
    if (optedOut()) return { on: false, why: 'page opted out (data-quotelens="off")' };
    if (override !== null) return { on: override, why: 'toggled for this page' };
    if (!settings.enabled) return { on: false, why: 'switched off everywhere' };
    const mode = S.siteMode(settings, location.host);
    if (mode === 'always') return { on: true, why: 'always on for this site' };
    if (mode === 'never') return { on: false, why: 'never on this site' };
    const a = X.looksLikeArticle(document);
    return { on: a.article, why: a.article ? 'looks like an article (' + a.reason + ')' : 'does not look like an article' };
  }

  function apply() {
    const d = decide();
    if (d.on && !active) {
      active = true;
      lastFingerprint = null;
      startObserving();
      scheduleScan(0);
    } else if (!d.on && active) {
      turnOff();
    }
    return d;
  }

  function turnOff() {
    active = false;
    generation++;
    clearTimeout(timer);
    stopObserving();
    if (renderer) renderer.clear();
    for (const a of ATTRS) html.removeAttribute(a);
    lastFingerprint = null;
    lastRoots = [];
    report(0);
  }

  // -------------------------------------------------------------------------------------------
  // Engine: Wasm in the content script, else the background

  function getEngine() {
    if (!engineP) engineP = initEngine();
    return engineP;
  }

  // Where the Wasm runs. Firefox: in this content script (the page's CSP does not govern it).
  // Chromium: in the background service worker. Chromium applies the page's CSP to Wasm compiled in
  // a content script; merely trying fails on strict-CSP pages *and* makes the page send a CSP
  // violation report to its server, which would tell the site that this reader uses QuoteLens.
  // There is no way to read the page's CSP beforehand, so Chromium never tries. (storage.local
  // "engine": "content" | "background" overrides this, for the benchmark.)
  function preferredEngine() {
    if (settings.engine === 'content' || settings.engine === 'background') return settings.engine;
    return api.runtime.getURL('').startsWith('moz-extension:') ? 'content' : 'background';
  }

  function backgroundEngine() {
    stats.engine = 'background';
    return {
      where: 'background',
      analyze: async (blocks, options) => {
        const r = await api.runtime.sendMessage({ type: 'analyze', blocks, options });
        if (!r || r.error) throw new Error(r ? r.error : 'no answer from the background');
        if (stats.wasmInitMs === null && typeof r.initMs === 'number') stats.wasmInitMs = r.initMs;
        return r.result;
      },
    };
  }

  async function initEngine() {
    if (preferredEngine() === 'background') return backgroundEngine();
    const t0 = performance.now();
    try {
      if (typeof wasm_bindgen !== 'function') throw new Error('engine glue not loaded');
      const exports = await wasm_bindgen({ module_or_path: api.runtime.getURL('pkg/quotelens_bg.wasm') });
      stats.wasmInitMs = performance.now() - t0;
      stats.engine = 'content';
      try { stats.wasmBytes = exports.memory.buffer.byteLength; } catch (_) { /* ignore */ }
      return { where: 'content', analyze: (blocks, options) => wasm_bindgen.analyze(blocks, options) };
    } catch (e) {
      // the page's CSP forbids compiling Wasm here: the background does it
      stats.wasmError = String(e && e.message || e);
      return backgroundEngine();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scanning

  function getRenderer() {
    const colors = S.colors(settings);
    const key = JSON.stringify(colors);
    if (!renderer || key !== rendererKey) {
      if (renderer) renderer.clear();
      renderer = R.createRenderer({ doc: document, colors, pageStyles: settings.palette !== 'default', cardExtras: Reader.cardExtras });
      rendererKey = key;
    }
    return renderer;
  }

  function scheduleScan(ms) {
    clearTimeout(timer);
    timer = setTimeout(() => { scan(); }, ms);
  }

  function scan() {
    if (!active) return Promise.resolve();
    if (scanning) { dirty = true; return scanning; }
    scanning = (async () => {
      do {
        dirty = false;
        try {
          await scanOnce();
        } catch (e) {
          console.warn('quotelens: scan failed:', e);
          if (active) html.setAttribute('data-quotelens-state', 'error');
        }
      } while (dirty && active);
    })().finally(() => { scanning = null; });
    return scanning;
  }

  async function scanOnce() {
    const gen = ++generation;
    const t0 = performance.now();
    if (lastFingerprint !== null) {
      // cheap check first: the same article text as last time -> nothing to redo
      const probe = X.extract(document);
      if (probe && probe.fingerprint === lastFingerprint && html.getAttribute('data-quotelens-state') === 'done') return;
    }
    html.setAttribute('data-quotelens-state', 'scanning');
    const r = getRenderer();
    withoutObserver(() => r.clear());
    const article = X.extract(document) || { roots: [], blocks: [], fingerprint: 'none' };
    lastRoots = article.roots;
    const blocks = article.blocks.map((b) => ({ text: b.text, kind: b.kind }));
    const t1 = performance.now();
    const seq = mutationSeq;
    const engine = await getEngine();
    if (gen !== generation || !active) return;
    html.setAttribute('data-quotelens-engine', engine.where);
    // confidence thresholds are applied below (Reader.applyThresholds), not by the engine
    const options = { minConfidence: 0, indirect: settings.indirect };
    const t2 = performance.now();
    const analysis = blocks.length ? await engine.analyze(blocks, options) : { quotes: [], speakers: [] };
    const t3 = performance.now();
    if (gen !== generation || !active) return;
    // the article changed while the engine ran: start again (but never starve on a ticking page)
    if (mutationSeq !== seq && aborted < 2) { aborted++; dirty = true; return; }
    aborted = 0;
    const items = Reader.applyThresholds(X.resolve(document, article, analysis), settings);
    reader.items = items;
    reader.analysis = analysis;
    let count = 0;
    withoutObserver(() => { count = r.render(items); });
    const t4 = performance.now();
    lastFingerprint = article.fingerprint;
    html.setAttribute('data-quotelens-count', String(count));
    html.setAttribute('data-quotelens-state', 'done');
    stats.scans++;
    stats.last = {
      blocks: blocks.length, chars: blocks.reduce((n, b) => n + b.text.length, 0), quotes: count,
      extractMs: t1 - t0, analyzeMs: t3 - t2, renderMs: t4 - t3,
      // main-thread time of this scan (the engine call is on this thread only when it ran here)
      mainMs: (t1 - t0) + (engine.where === 'content' ? t3 - t2 : 0) + (t4 - t3),
      engine: engine.where, version: analysis.version || null,
    };
    report(count);
  }

  function report(count) {
    if (count === lastCount && count !== 0) return;
    lastCount = count;
    try {
      const p = api.runtime.sendMessage({ type: 'count', count });
      if (p && p.catch) p.catch(() => {});
    } catch (_) { /* extension reloaded */ }
  }

  // -------------------------------------------------------------------------------------------
  // Watching the page: debounced rescans, lazy paragraphs, single-page-app navigation

  function withoutObserver(fn) {
    if (observer) observer.disconnect();
    try { fn(); } finally {
      if (observer && active) observer.observe(document.body || html, OBSERVE);
    }
  }

  const OBSERVE = { childList: true, subtree: true, characterData: true };

  function isOurs(n) {
    return n && n.nodeType === 1 && (n.localName === R.HOST_TAG || n.localName === R.MARK_TAG);
  }

  function inRoots(n) {
    for (const r of lastRoots) if (r.contains(n)) return true;
    return false;
  }

  function relevant(records) {
    for (const m of records) {
      if (m.type === 'characterData') {
        if (inRoots(m.target)) return true;
        continue;
      }
      for (const n of m.addedNodes) {
        if (isOurs(n)) continue;
        const len = (n.textContent || '').trim().length;
        if (!len) continue;
        if (inRoots(m.target) || len >= 100) return true;
      }
      for (const n of m.removedNodes) {
        if (isOurs(n)) continue;
        if (lastRoots.some((r) => n === r || n.contains(r))) return true;
        if (inRoots(m.target) && (n.textContent || '').trim()) return true;
      }
    }
    return false;
  }

  function checkNavigation() {
    if (location.href === lastHref) return false;
    lastHref = location.href;
    // a new route is a new page: forget the per-page toggle, clear old labels, re-decide
    override = null;
    if (active) {
      withoutObserver(() => { if (renderer) renderer.clear(); });
      lastFingerprint = null;
      html.setAttribute('data-quotelens-state', 'scanning');
    }
    scheduleDecide();
    return true;
  }

  let decideTimer = 0;
  function scheduleDecide() {
    clearTimeout(decideTimer);
    decideTimer = setTimeout(() => {
      const wasActive = active;
      apply();
      if (active && wasActive) scheduleScan(0);
    }, DEBOUNCE_MS);
  }

  function startObserving() {
    if (!observer) {
      observer = new MutationObserver((records) => {
        if (checkNavigation()) return;
        if (active && relevant(records)) { mutationSeq++; scheduleScan(DEBOUNCE_MS); }
      });
    }
    observer.observe(document.body || html, OBSERVE);
  }

  function stopObserving() {
    if (observer) observer.disconnect();
  }

  // route changes that the mutation observer may not see
  addEventListener('popstate', () => checkNavigation());
  addEventListener('hashchange', () => checkNavigation());
  if (globalThis.navigation && typeof globalThis.navigation.addEventListener === 'function') {
    try { globalThis.navigation.addEventListener('navigatesuccess', () => checkNavigation()); } catch (_) { /* ignore */ }
  }
  // while off, SPA navigation still has to re-decide (a new route may be an article)
  let idleObserver = new MutationObserver(() => { if (!active) checkNavigation(); });
  idleObserver.observe(html, { childList: true, subtree: true });
  // the page's opt-out attribute may appear at any time
  new MutationObserver(() => apply()).observe(html, { attributes: true, attributeFilter: ['data-quotelens'] });

  // -------------------------------------------------------------------------------------------
  // Messages from the popup and background

  function status() {
    const d = decide();
    return {
      host: location.host, url: location.href, active, override, decision: d.why, optedOut: optedOut(),
      mode: S.siteMode(settings, location.host), enabled: settings.enabled,
      state: html.getAttribute('data-quotelens-state') || (active ? 'scanning' : 'off'),
      count: renderer && active ? renderer.count : 0,
      groups: renderer && active ? renderer.summary() : [],
      engine: stats.engine,
    };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg.type !== 'string') return false;
    switch (msg.type) {
      case 'status':
        sendResponse(status());
        return false;
      case 'toggle':
      case 'set': {
        const on = msg.type === 'toggle' ? !active : !!msg.on;
        if (on && optedOut()) { sendResponse(status()); return false; }
        override = on;
        apply();
        const done = active ? scan() : Promise.resolve();
        done.then(() => sendResponse(status()), () => sendResponse(status()));
        return true;
      }
      case 'reveal':
        sendResponse({ ok: !!(renderer && renderer.reveal(msg.id)) });
        return false;
      case 'stats': {
        const mem = performance.memory ? { jsHeapUsed: performance.memory.usedJSHeapSize } : {};
        sendResponse(Object.assign({}, stats, mem));
        return false;
      }
      case 'followSettings':
        override = null;
        S.load().then((st) => { settings = st; apply(); sendResponse(status()); });
        return true;
      case 'rescan':
        lastFingerprint = null;
        if (active) scan().then(() => sendResponse(status())); else sendResponse(status());
        return true;
      default:
        return Reader.onMessage(msg, sendResponse, reader);
    }
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    S.load().then((s) => {
      const reanalyse = s.minConfidence !== settings.minConfidence || s.uncertainBelow !== settings.uncertainBelow || s.indirect !== settings.indirect ||
        s.palette !== settings.palette || JSON.stringify(s.customColors) !== JSON.stringify(settings.customColors);
      if (s.engine !== settings.engine) engineP = null;
      settings = s;
      apply();
      if (active && reanalyse) { lastFingerprint = null; scheduleScan(0); }
    });
  });

  // -------------------------------------------------------------------------------------------
  // Start

  S.load().then((s) => { settings = s; apply(); }, () => apply());
})();
