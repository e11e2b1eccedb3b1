/* QuoteLens — content script: decides whether to label this page, reads the page into a page tree
 * (extract.js), has the background find the article in it and run the engine (analyzePage), draws
 * the labels, and keeps them in step with the page.
 *
 * Loaded after settings.js, extract.js and render.js.
 *
 * Test contract on <html> while labels are on: data-quotelens-state = scanning | done | error,
 * data-quotelens-count = N, data-quotelens-engine = background. Labels off (or never on): none of
 * these attributes and no label elements; the DOM is exactly what the page made it.
 *
 * What this script guarantees a page (see extension/PERMISSIONS.md):
 * - it never changes a node the page owns: highlights are CSS Custom Highlight API ranges, labels
 *   live in one <quotelens-overlay-…> appended to <html>, in closed shadow roots;
 * - editable content (contenteditable, role=textbox, form fields, designMode) is never read or
 *   labelled, and labels go at once when the article becomes editable;
 * - bounded work: at most LIMITS.MAX_NODES nodes / MAX_TREE_CHARS characters read into the page
 *   tree and MAX_LABELS labels drawn, in slices of SLICE_MS with a yield to the page in between;
 *   the article finder and the engine run in the background (service worker / background page),
 *   never on the page's main thread; rescans only for changes inside the article (its blocks,
 *   and paragraphs coming and going between them and the finder's roots), with backoff (RESCAN_*);
 * - when the extension is disabled, updated or removed, the port to the background disconnects
 *   and this script removes every label and observer; a newer instance replaces an older one.
 */
(function () {
  'use strict';

  const api = globalThis.browser || globalThis.chrome;
  const X = globalThis.QuoteLensExtract;
  const R = globalThis.QuoteLensRender;
  const S = globalThis.QuoteLensSettings;
  const Reader = globalThis.QuoteLensReader; // reader.js: thresholds, copy, keyboard, exports
  const html = document.documentElement;
  const ATTRS = ['data-quotelens-state', 'data-quotelens-count', 'data-quotelens-engine'];

  // Tunables
  const DEBOUNCE_MS = 500; // first rescan after a change inside the article
  const SLICE_MS = 8; // main-thread work between two yields to the page
  const MAX_LABELS = 1000; // labels drawn per page (the popup says when there were more)
  // Chromium: documents with more elements than this mark quotes with boxes in the overlay, not CSS
  // highlights (render.js `marks`: with a highlight registered, every rendering update after a DOM
  // call repaints the whole document; on /huge.html 80–160 ms per frame). Not in Firefox: there
  // the overlay marks made /huge.html worse (tests/e2e/hostile_firefox.py, 2 runs each: 9–12 timer
  // delays over 50 ms and 1.1 s of main-thread time per scan, against 4–5 and 0.38 s with highlights)
  const HUGE_ELEMENTS = 20000;
  // the page tree goes to the background as JSON text in messages of at most this many UTF-16 code
  // units, with a yield between two: in Chromium, posting one costs the page's main thread about
  // 10 ms per million (measured on /huge.html: 31 ms for the 2.95-million tree in one message)
  const TREE_CHUNK_CHARS = 262144;
  const TREE_STRINGIFY_NODES = 512; // page-tree nodes turned into JSON between two looks at the budget
  const FIRST_PASS_CHARS = 60000; // long pages: label what the first this-many characters of page text hold first
  const RESCAN_FREE = 3; // rescans in RESCAN_WINDOW_MS before backoff starts
  const RESCAN_WINDOW_MS = 60000;
  const RESCAN_MAX_DELAY_MS = 30000; // backoff doubles the delay up to this
  const RETRY_DELAYS_MS = [250, 1000, 4000]; // a failed scan is retried after these, then shown as an error
  const WATCHDOG_MS = 1000;
  const IS_FIREFOX = (() => { try { return api.runtime.getURL('').startsWith('moz-extension:'); } catch (_) { return false; } })();
  const ANALYZE_TIMEOUT_MS = 30000; // no answer from the background by then: the scan failed (retried) // while labels are on: extension still there? document in designMode?

  // A newer instance (extension reloaded or updated) replaces an older one: the old one in this
  // world is shut down, and whatever an instance in another world left in the page is swept away.
  const previous = globalThis.__quotelensInstance;
  if (previous && typeof previous.shutdown === 'function') {
    try { previous.shutdown('replaced by a newer instance'); } catch (_) { /* already dead */ }
  }
  sweep();

  let settings = S.normalise({});
  let override = null; // the toolbar toggle for this page: null (follow settings) | true | false
  let active = false;
  let dead = false; // shut down for good (extension gone, or replaced)
  let renderer = null;
  let rendererKey = '';
  let lastFingerprint = null;
  // the article the finder found last: its roots (elements), the elements holding its blocks, and
  // every element between a block and its root (where paragraphs come and go)
  let lastRoots = [];
  let blockEls = new Set();
  let blockAncestors = new Set();
  let scanning = null;
  let dirty = false;
  let generation = 0; // every scan and every turnOff: an older scan that sees a change stops
  let offEpoch = 0; // every turnOff: retries of a failed scan stop
  let timer = 0;
  let observer = null;
  let lastArticle = articleKey(location.href);
  let lastCount = 0;
  const reader = { items: [], analysis: null, get renderer() { return renderer; }, get active() { return active; } };
  let lastError = null; // {message, at, attempts} of the last failed scan
  let limits = null; // {blocks, chars, labels, quotes}: caps hit by the last scan
  let rescans = []; // times of recent scheduled rescans (backoff)
  let port = null;
  let watchdog = 0;
  const stats = { scans: 0, scanRuns: 0, rescansRequested: 0, last: null, wasmInitMs: null, engine: 'background', retries: 0 };

  function sweep() {
    for (const el of document.querySelectorAll(`[${R.OVERLAY_ATTR}]`)) el.remove();
    try {
      for (const name of R.highlightNames()) CSS.highlights.delete(name);
    } catch (_) { /* no highlight registry */ }
    for (const a of ATTRS) html.removeAttribute(a);
  }

  function extensionAlive() {
    try { return !!(api.runtime && api.runtime.id); } catch (_) { return false; }
  }

  // -------------------------------------------------------------------------------------------
  // Deciding

  function optedOut() {
    return (html.getAttribute('data-quotelens') || '').toLowerCase() === 'off';
  }

  // the decision's reason, in the browser's language (_locales), for the popup
  function why(key, fallback, ...subs) {
    try { return (api.i18n && api.i18n.getMessage(key, subs)) || fallback; } catch (_) { return fallback; }
  }

  function decide() {
    if (dead) return { on: false, why: why('whyRemoved', 'QuoteLens was disabled, updated or removed') };
    if (X.editingDocument(document)) return { on: false, why: why('whyEditing', 'the page is being edited') };
    if (override !== null) return { on: override, why: why('whyToggled', 'toggled for this page') };
    if (!settings.enabled) return { on: false, why: why('whyOffEverywhere', 'switched off everywhere') };
    const mode = S.siteMode(settings, location.host);
    if (mode === 'always') return { on: true, why: why('whyAlways', 'always on for this site') };
    if (mode === 'never') return { on: false, why: why('whyNever', 'never on this site') };
    if (optedOut()) return { on: false, why: why('whyOptedOut', 'page opted out (data-quotelens="off"); you can still turn labels on') };
    const a = X.looksLikeArticle(document);
    return { on: a.article, why: a.article ? why('whyArticle', 'looks like an article (' + a.reason + ')', a.reason) : why('whyNoArticle', 'does not look like an article') };
  }

  function apply() {
    if (!dead && !extensionAlive()) shutdown('the extension was disabled, updated or removed');
    const d = decide();
    if (d.on && !active) {
      active = true;
      connect();
      lastFingerprint = null;
      lastError = null;
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
    offEpoch++;
    clearTimeout(timer);
    stopObserving();
    if (renderer) renderer.clear();
    for (const a of ATTRS) html.removeAttribute(a);
    lastFingerprint = null;
    forgetArticle();
    limits = null;
    report(0);
    // nothing of ours is left on the page: the background need not know about it any more
    dropPort();
  }

  /** The extension is gone (or a newer instance took over): remove everything, forever. */
  function shutdown(why) {
    if (dead) return;
    dead = true;
    turnOff();
    renderer = null;
    clearInterval(watchdog);
    if (observer) observer.disconnect();
    idleObserver.disconnect();
    optOutObserver.disconnect();
    removeEventListener('popstate', checkNavigation);
    removeEventListener('hashchange', checkNavigation);
    document.removeEventListener('beforeinput', onEditingSignal, true);
    document.removeEventListener('focusin', onEditingSignal, true);
    dropPort();
    try { api.runtime.onMessage.removeListener(onMessage); } catch (_) { /* context invalidated */ }
    if (globalThis.__quotelensInstance === instance) globalThis.__quotelensInstance = null;
    stats.shutdown = why;
  }
  const instance = { shutdown };
  globalThis.__quotelensInstance = instance;

  // -------------------------------------------------------------------------------------------
  // The background: a port whose disconnect means the extension went away, and the engine

  // Requests to the background travel over the port, not runtime.sendMessage: a page that goes
  // away mid-scan just drops the port, where a pending sendMessage promise resolving after the page
  // unloaded makes Firefox log "Promise resolved after context unloaded" against the extension.
  let nextRequest = 1;
  const pending = new Map(); // request id -> {resolve, reject}

  function failPending(why) {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  }

  function dropPort() {
    failPending('the page was turned off');
    if (port) { try { port.disconnect(); } catch (_) { /* gone */ } port = null; }
  }

  function onPortMessage(m) {
    const p = m && pending.get(m.id);
    if (!p) return;
    // a long answer's result comes ahead of it in parts, each its own task here (background.js)
    if (m.type === 'resultChunk') {
      p.parts = p.parts || [];
      if (typeof m.text === 'string' && m.seq === p.parts.length) p.parts.push(m.text); else p.broken = true;
      return;
    }
    pending.delete(m.id);
    if (m.resultChunks !== undefined) m.result = !p.broken && p.parts && p.parts.length === m.resultChunks ? p.parts.join('') : null;
    p.resolve(m);
  }

  /** Sends `msg` to the background over the port; with `answer`, resolves with the reply. */
  function post(msg, answer) {
    connect();
    if (!port) return answer ? Promise.reject(new Error('the extension is gone')) : null;
    if (!answer) {
      try { port.postMessage(msg); } catch (_) { /* the background went away: nothing to tell */ }
      return null;
    }
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      try { port.postMessage(Object.assign({ id }, msg)); } catch (e) { pending.delete(id); reject(e); }
    });
  }

  function connect() {
    if (dead || port) return;
    try {
      port = api.runtime.connect({ name: 'quotelens-page' });
    } catch (_) {
      shutdown('the extension is gone');
      return;
    }
    port.onMessage.addListener(onPortMessage);
    port.onDisconnect.addListener(() => {
      port = null;
      failPending('no answer from the background (it stopped mid-scan?)');
      // disabled, updated or removed: this context is orphaned. Otherwise the background merely
      // stopped (idle service worker or event page): reconnect when next needed. Firefox keeps
      // runtime.id in an orphaned script, so there a fresh connection is the test: it throws
      if (!extensionAlive()) shutdown('the extension was disabled, updated or removed');
      else if (active && IS_FIREFOX) setTimeout(connect, 0);
    });
  }

  /** The background finds the article in the page tree and analyses it: {result, fingerprint}.
   *  Both ways as JSON text (one string crosses the message channel much faster than the tree's
   *  thousands of small objects). */
  let treeKey = 0;

  /** The page tree as JSON text, made in slices of the scan's budget; a long one is handed to the
   *  background ahead in 'treeChunk' messages (background.js joins them). The tree fields of the
   *  analyzePage request: {tree} or {treeKey, treeChunks}. */
  async function sendTree(tree, budget) {
    const parts = [];
    const nodes = tree.nodes;
    for (let i = 0; i < nodes.length; i += TREE_STRINGIFY_NODES) {
      parts.push(JSON.stringify(nodes.slice(i, i + TREE_STRINGIFY_NODES)).slice(1, -1));
      if (budget.over()) await budget.pause();
    }
    const head = JSON.stringify(Object.assign({}, tree, { nodes: undefined }));
    const json = head.slice(0, -1) + (head.length > 2 ? ',' : '') + '"nodes":[' + parts.join(',') + ']}';
    if (json.length <= TREE_CHUNK_CHARS) return { tree: json };
    connect();
    const key = ++treeKey;
    let seq = 0;
    for (let at = 0; at < json.length; at += TREE_CHUNK_CHARS) {
      post({ type: 'treeChunk', key, seq: seq++, text: json.slice(at, at + TREE_CHUNK_CHARS) });
      if (budget.over()) await budget.pause();
    }
    return { treeKey: key, treeChunks: seq };
  }

  /** fields: what sendTree() returned. */
  async function analyzeInBackground(fields, options) {
    connect();
    if (dead) throw new Error('the extension is gone');
    let timeout = 0;
    const r = await Promise.race([
      post(Object.assign({ type: 'analyzePage', options }, fields), true),
      new Promise((resolve, reject) => { timeout = setTimeout(() => reject(new Error('the background did not answer in time')), ANALYZE_TIMEOUT_MS); }),
    ]).finally(() => clearTimeout(timeout));
    if (!r) throw new Error('no answer from the background (it stopped mid-scan?)');
    if (r.error) throw new Error(r.error);
    if (stats.wasmInitMs === null && typeof r.initMs === 'number') stats.wasmInitMs = r.initMs;
    const result = typeof r.result === 'string' ? JSON.parse(r.result) : null;
    if (!result || !Array.isArray(result.blocks) || !Array.isArray(result.quotes)) throw new Error('the background answered without an article');
    return { result, fingerprint: r.fingerprint, chunks: r.resultChunks || 0 };
  }

  // -------------------------------------------------------------------------------------------
  // Scanning

  function getRenderer() {
    const colors = S.colors(settings);
    const marks = !IS_FIREFOX && document.getElementsByTagName('*').length > HUGE_ELEMENTS ? 'overlay' : 'highlights';
    const key = JSON.stringify(colors) + marks;
    if (!renderer || key !== rendererKey) {
      if (renderer) renderer.clear();
      renderer = R.createRenderer({ doc: document, colors, placement: 'overlay', shadow: 'closed', marks, cardExtras: Reader.cardExtras });
      rendererKey = key;
    }
    return renderer;
  }

  function scheduleScan(ms) {
    clearTimeout(timer);
    timer = setTimeout(() => { scan(); }, ms);
  }

  /** A change inside the article: rescan after DEBOUNCE_MS, backing off when it keeps changing. */
  let rescanDue = false;
  function scheduleRescan() {
    stats.rescansRequested++;
    // one is already due: leave it be (a ticking clock must not push it back forever)
    if (rescanDue) return;
    const now = performance.now();
    rescans = rescans.filter((t) => now - t < RESCAN_WINDOW_MS);
    const extra = Math.max(0, rescans.length - RESCAN_FREE);
    const delay = Math.min(RESCAN_MAX_DELAY_MS, DEBOUNCE_MS * 2 ** extra);
    rescans.push(now);
    rescanDue = true;
    clearTimeout(timer);
    timer = setTimeout(() => { rescanDue = false; scan(); }, delay);
  }

  function scan() {
    if (!active) return Promise.resolve();
    if (scanning) { dirty = true; return scanning; }
    scanning = (async () => {
      do {
        dirty = false;
        await scanWithRetries();
      } while (dirty && active);
    })().finally(() => { scanning = null; });
    return scanning;
  }

  async function scanWithRetries() {
    const epoch = offEpoch;
    for (let attempt = 0; ; attempt++) {
      try {
        await scanOnce();
        lastError = null;
        return;
      } catch (e) {
        if (!active || epoch !== offEpoch || dead) return; // turned off meanwhile
        const message = String(e && e.message || e);
        lastError = { message, attempts: attempt + 1, at: Date.now() };
        if (attempt < RETRY_DELAYS_MS.length) {
          stats.retries++;
          await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
          if (!active || epoch !== offEpoch || dead) return;
          continue;
        }
        console.warn('quotelens: scan failed after ' + (attempt + 1) + ' attempts:', message);
        if (renderer) renderer.clear();
        html.setAttribute('data-quotelens-state', 'error');
        html.removeAttribute('data-quotelens-count');
        return;
      }
    }
  }

  async function scanOnce() {
    const gen = ++generation;
    stats.scanRuns++;
    const stale = () => gen !== generation || !active || dead;
    const t0 = performance.now();
    // main-thread time of this scan: everything but the waits (yields and the background's work)
    let mainMs = 0;
    let longestSliceMs = 0; // the longest run of this scan's code between two yields (an upper bound)
    let sliceStart = t0;
    const endSlice = () => {
      const d = performance.now() - sliceStart;
      mainMs += d;
      if (d > longestSliceMs) longestSliceMs = d;
    };
    const away = async (p) => {
      endSlice();
      try { return await p; } finally { sliceStart = performance.now(); }
    };
    const budget = X.makeBudget(SLICE_MS);
    const yieldNow = budget.pause;
    const pause = () => away(yieldNow());
    budget.pause = pause;
    if (!html.hasAttribute('data-quotelens-state')) html.setAttribute('data-quotelens-state', 'scanning');
    // confidence thresholds are applied after resolving (draw: Reader.applyThresholds), not by the engine
    const options = { minConfidence: 0, indirect: settings.indirect };
    let firstPassShown = false;
    const read = await X.buildTreeAsync(document, budget, {
      partialChars: lastFingerprint === null ? FIRST_PASS_CHARS : Infinity,
      // a long page: label the first screenfuls now, the rest when it has all been read
      onPartial: async (part) => {
        if (stale()) return;
        const fields = await sendTree(part.tree, budget);
        if (stale()) return;
        const r = await away(analyzeInBackground(fields, options));
        if (stale()) return;
        await draw(part.dom, r.result, pause, stale, null);
        firstPassShown = true;
      },
    });
    if (stale()) return;
    const t1 = performance.now();
    const readMs = mainMs + (t1 - sliceStart); // main-thread time so far: reading the page tree (and a first pass)
    html.setAttribute('data-quotelens-engine', 'background');
    // whether the article changed is known once the background has found it (its fingerprint)
    const wasDone = html.getAttribute('data-quotelens-state') === 'done';
    if (!firstPassShown) html.setAttribute('data-quotelens-state', 'scanning');
    const empty = { blocks: [], roots: [], quotes: [], speakers: [], truncated: { blocks: false, chars: false } };
    const fields = read && read.tree.nodes.length ? await sendTree(read.tree, budget) : null;
    if (stale()) return;
    const r = fields ? await away(analyzeInBackground(fields, options)) : { result: empty, fingerprint: 'none' };
    const t2 = performance.now();
    if (stale()) return;
    const analysis = r.result;
    const dom = read ? read.dom : [];
    rememberArticle(dom, analysis);
    if (r.fingerprint === lastFingerprint && wasDone) {
      html.setAttribute('data-quotelens-state', 'done');
      if (renderer) renderer.scheduleLayout();
      return; // the same article text as last time: nothing to redo
    }
    const count = await draw(dom, analysis, pause, stale, read ? read.truncated : null);
    if (count < 0 || stale()) return;
    endSlice();
    const t3 = performance.now();
    lastFingerprint = r.fingerprint;
    html.setAttribute('data-quotelens-count', String(count));
    html.setAttribute('data-quotelens-state', 'done');
    stats.scans++;
    stats.last = {
      blocks: analysis.blocks.length, chars: analysis.blocks.reduce((n, b) => n + b.text.length, 0), quotes: count,
      treeNodes: read ? read.tree.nodes.length : 0, treeChunks: fields && fields.treeChunks || 0, answerChunks: r.chunks || 0, readMs, extractMs: t1 - t0, analyzeMs: t2 - t1, renderMs: t3 - t2, mainMs, longestSliceMs,
      engine: 'background', version: analysis.version || null,
    };
    report(count);
  }

  /** Resolve the engine's offsets to ranges and draw them (in slices); -1 when cancelled.
   *  dom: the DOM node of every page-tree index; treeCut: the page tree's own limits hit. */
  async function draw(dom, analysis, pause, stale, treeCut) {
    let items = Reader.applyThresholds(X.resolve(document, { dom }, analysis), settings);
    const cut = analysis.truncated || {};
    limits = {
      blocks: !!cut.blocks, chars: !!(cut.chars || (treeCut && (treeCut.chars || treeCut.nodes))),
      labels: items.length > MAX_LABELS, quotes: items.length, maxLabels: MAX_LABELS,
      maxBlocks: X.LIMITS.MAX_BLOCKS, maxChars: X.LIMITS.MAX_CHARS,
    };
    if (items.length > MAX_LABELS) items = items.slice(0, MAX_LABELS);
    reader.items = items;
    reader.analysis = analysis;
    const r = getRenderer();
    stats.marks = r.marks;
    const count = await r.renderChunked(items, null, pause, stale);
    if (count >= 0) html.setAttribute('data-quotelens-count', String(count));
    return count;
  }

  function report(count) {
    if (count === lastCount && count !== 0) return;
    lastCount = count;
    if (dead) return;
    post({ type: 'count', count });
  }

  // -------------------------------------------------------------------------------------------
  // Watching the page: rescans for changes inside the article, SPA navigation, editing

  const OBSERVE = {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ['contenteditable', 'role'],
  };

  function rememberArticle(dom, analysis) {
    const el = (i) => (dom[i] && dom[i].nodeType === 1 ? dom[i] : null);
    lastRoots = (analysis.roots || []).map(el).filter(Boolean);
    const roots = new Set(lastRoots);
    blockEls = new Set(analysis.blocks.map((b) => el(b.node)).filter(Boolean));
    blockAncestors = new Set();
    for (const b of blockEls) {
      for (let e = b.parentElement; e && !blockAncestors.has(e); e = e.parentElement) {
        blockAncestors.add(e);
        if (roots.has(e)) break;
      }
    }
  }

  function forgetArticle() {
    lastRoots = [];
    blockEls = new Set();
    blockAncestors = new Set();
  }

  function inRoots(n) {
    for (const r of lastRoots) if (r.contains(n)) return true;
    return false;
  }

  /** Inside one of the article's blocks (a text node, or an element in the block's element). */
  function inBlock(n) {
    for (let e = n.nodeType === 1 ? n : n.parentElement; e; e = e.parentElement) {
      if (blockEls.has(e)) return true;
      if (blockAncestors.has(e)) return false;
    }
    return false;
  }

  /** Node `n` added to or removed from `target`: can that change the article? Inside a block, or
   *  between a block and its root (paragraphs come and go); an element added anywhere in a root (a
   *  lazy-loaded paragraph in an empty wrapper); with no blocks yet, anything in a root. New text
   *  beside the blocks (a ticker rewriting its own paragraph inside the root) is not the article. */
  function articleChange(target, n, added) {
    if (!blockEls.size) return inRoots(target);
    if (blockAncestors.has(target) || inBlock(target)) return true;
    if (added) return n.nodeType === 1 && inRoots(target);
    return blockEls.has(n) || blockAncestors.has(n);
  }

  function touchesRoots(el) {
    return lastRoots.some((r) => r === el || r.contains(el) || el.contains(r));
  }

  function relevant(records) {
    for (const m of records) {
      if (m.type === 'attributes') continue;
      if (m.type === 'characterData') {
        if (inBlock(m.target)) return true;
        continue;
      }
      for (const n of m.addedNodes) {
        if (R.isOwnNode(n)) continue;
        if (articleChange(m.target, n, true)) return true;
        // no article found yet: the page may still be filling it in
        if (!lastRoots.length && (n.textContent || '').trim().length >= 100) return true;
      }
      for (const n of m.removedNodes) {
        if (R.isOwnNode(n)) continue;
        if (lastRoots.some((r) => n === r || n.contains(r))) return true;
        if (articleChange(m.target, n, false)) return true;
      }
    }
    return false;
  }

  /** Part of the article became editable (an editor opened on it): labels go at once. */
  function becameEditable(records) {
    for (const m of records) {
      if (m.type === 'attributes' && X.isEditable(m.target) && touchesRoots(m.target)) return true;
    }
    return false;
  }

  function onEditingSignal() {
    if (active && X.editingDocument(document)) apply();
  }

  function articleKey(href) {
    try {
      const u = new URL(href);
      return u.origin + u.pathname + u.search; // the hash never makes another article
    } catch (_) {
      return href;
    }
  }

  function checkNavigation() {
    const key = articleKey(location.href);
    if (key === lastArticle) return false; // hash change or same-article pushState: keep everything
    lastArticle = key;
    // another article: forget the per-page toggle, clear old labels, re-decide
    override = null;
    if (active) {
      if (renderer) renderer.clear();
      lastFingerprint = null;
      forgetArticle();
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
        if (!active) return;
        if (checkNavigation()) return;
        if (becameEditable(records)) {
          if (renderer) renderer.clear();
          html.setAttribute('data-quotelens-count', '0');
          lastFingerprint = null;
          scheduleScan(0);
          return;
        }
        // something stopped being editable (or changed its role): read the page again
        if (records.some((m) => m.type === 'attributes')) { lastFingerprint = null; scheduleRescan(); return; }
        if (relevant(records)) {
          if (renderer) renderer.scheduleLayout(); // labels follow the text at once
          scheduleRescan();
        }
      });
    }
    observer.observe(document.body || html, OBSERVE);
    clearInterval(watchdog);
    watchdog = setInterval(() => {
      if (!extensionAlive()) shutdown('the extension was disabled, updated or removed');
      else onEditingSignal();
    }, WATCHDOG_MS);
  }

  function stopObserving() {
    if (observer) observer.disconnect();
    clearInterval(watchdog);
    clearTimeout(timer);
    rescanDue = false;
  }

  // route changes that the mutation observer may not see
  addEventListener('popstate', checkNavigation);
  addEventListener('hashchange', checkNavigation);
  document.addEventListener('beforeinput', onEditingSignal, true);
  document.addEventListener('focusin', onEditingSignal, true);
  // while off, SPA navigation still has to re-decide (a new route may be an article)
  const idleObserver = new MutationObserver(() => { if (!active && !dead) checkNavigation(); });
  idleObserver.observe(html, { childList: true, subtree: true });
  // the page's opt-out attribute may appear at any time
  const optOutObserver = new MutationObserver(() => { if (!dead) apply(); });
  optOutObserver.observe(html, { attributes: true, attributeFilter: ['data-quotelens'] });

  // -------------------------------------------------------------------------------------------
  // Messages from the popup and background (only this extension can reach a content script)

  function status() {
    const d = decide();
    let state = html.getAttribute('data-quotelens-state') || (active ? 'scanning' : 'off');
    if (active && lastError && state !== 'error') state = 'retrying';
    return {
      host: location.host, url: location.href, active, override, decision: d.why, optedOut: optedOut(),
      mode: S.siteMode(settings, location.host), enabled: settings.enabled,
      state,
      count: renderer && active ? renderer.count : 0,
      groups: renderer && active ? renderer.summary() : [],
      engine: stats.engine,
      error: active && lastError ? lastError : null,
      limits: active ? limits : null,
    };
  }

  function onMessage(msg, sender, sendResponse) {
    if (dead || !msg || typeof msg.type !== 'string' || sender.id !== api.runtime.id) return false;
    switch (msg.type) {
      case 'status':
        sendResponse(status());
        return false;
      case 'toggle':
      case 'set': {
        override = msg.type === 'toggle' ? !active : !!msg.on;
        apply();
        const done = active ? scan() : Promise.resolve();
        done.then(() => sendResponse(status()), () => sendResponse(status()));
        return true;
      }
      case 'reveal':
        sendResponse({ ok: !!(renderer && typeof msg.id === 'string' && renderer.reveal(msg.id)) });
        return false;
      case 'stats': {
        const mem = performance.memory ? { jsHeapUsed: performance.memory.usedJSHeapSize } : {};
        sendResponse(Object.assign({}, stats, mem, { layouts: renderer ? renderer.layouts : 0 }));
        return false;
      }
      case 'inspect': // the extension's tests: what the closed shadow roots hold
        sendResponse(renderer && active ? renderer.inspect() : []);
        return false;
      case 'followSettings':
        override = null;
        S.load().then((st) => { settings = st; apply(); sendResponse(status()); });
        return true;
      case 'rescan':
        lastFingerprint = null;
        lastError = null;
        if (active) scan().then(() => sendResponse(status())); else sendResponse(status());
        return true;
      default:
        return Reader.onMessage(msg, sendResponse, reader);
    }
  }
  api.runtime.onMessage.addListener(onMessage);

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || dead) return;
    S.load().then((s) => {
      const reanalyse = s.minConfidence !== settings.minConfidence || s.uncertainBelow !== settings.uncertainBelow || s.indirect !== settings.indirect ||
        s.palette !== settings.palette || JSON.stringify(s.customColors) !== JSON.stringify(settings.customColors);
      settings = s;
      apply();
      if (active && reanalyse) { lastFingerprint = null; scheduleScan(0); }
    }, () => {});
  });

  // -------------------------------------------------------------------------------------------
  // Start

  S.load().then((s) => { settings = s; apply(); }, () => apply());
})();
