/* QuoteLens — background (Chrome: service worker; Firefox: background scripts).
 *
 * - Runs the engine for the content scripts (in both browsers: never on a page's main thread): a
 *   content script sends its page tree (extract.js), the engine's article finder picks the article
 *   out of it and analyses it (analyzePage), and the answer carries the article's blocks with the
 *   tree nodes their text came from, the quotes and speakers, and a fingerprint of the blocks.
 *   Tree and result travel as JSON text: one string is far cheaper for the page's main thread to
 *   send and receive than thousands of small objects.
 * - Toggles labels for a tab (popup, keyboard command Alt+Shift+Q) and shows the quote count on the
 *   toolbar badge.
 * - Holds a port from every content script: when the extension is disabled, updated or removed the
 *   ports disconnect and the pages remove their labels and observers.
 * Never makes a network request: the only fetch is the engine's own .wasm inside the extension.
 *
 * Messages are accepted only from the senders that should send them, with checked shapes and sizes
 * (MESSAGES below); anything else gets no answer at all.
 */
/* global QuoteLensEngine, QuoteLensExtract, importScripts */
'use strict';

// Chrome's classic service worker loads the engine factory and settings here, at top level;
// Firefox lists them before this file in background.scripts. (extract.js: its fingerprint().)
if (typeof QuoteLensEngine === 'undefined' && typeof importScripts === 'function') {
  importScripts('engine.js', 'settings.js', 'extract.js');
}

const api = globalThis.browser || globalThis.chrome;
// the content script's own caps on the page tree (extract.js LIMITS), checked again here
const MAX_NODES = 150000;
const MAX_TREE_CHARS = 1500000;
const MAX_TREE_JSON = 16 * 1024 * 1024; // UTF-16 code units of the tree as JSON text
// a long tree comes over the port ahead of its analyzePage request, in 'treeChunk' messages of at
// most this many code units (content.js TREE_CHUNK_CHARS); a port keeps the chunks of at most
// MAX_TREES_PENDING trees (a newer scan may start before an older one has sent its request)
const MAX_TREE_CHUNK = 262144;
const MAX_TREES_PENDING = 2;
// and a long answer goes back in 'resultChunk' messages of this many code units ahead of it (one
// 1.3 M answer decoded in one task of the page's main thread is 10–15 ms of a long task there)
const RESULT_CHUNK = 262144;
const MAX_FIELD_CHARS = 2000; // tag, id, class, role, … and meta entries (extract.js cuts them shorter)
const MAX_META = 200;
const MAX_COUNT = 1000000;

let modulePromise = null; // the compiled WebAssembly.Module (compiled once)
let enginePromise = null; // a live instance: the wasm-bindgen glue {analyzePage, version, …}
let initMs = null;
const health = { instances: 0, restarts: 0, lastFailure: null };
// tests only (set from the extension's own context, never reachable by pages or messages):
// {mode: 'trap', times: N} makes the next N engine calls fail as a Wasm trap would;
// {mode: 'delay', ms, times: N} makes them slow (a scan in flight when the worker is killed)
globalThis.__quotelensFault = null;

function compiled() {
  if (!modulePromise) {
    modulePromise = fetch(api.runtime.getURL('pkg/quotelens_bg.wasm'))
      .then((r) => r.arrayBuffer())
      .then((bytes) => WebAssembly.compile(bytes))
      .catch((e) => { modulePromise = null; throw e; });
  }
  return modulePromise;
}

/** A fresh engine instance (its own memory): QuoteLensEngine.create() is the wasm-bindgen glue. */
function engine() {
  if (!enginePromise) {
    const t0 = performance.now();
    enginePromise = (async () => {
      const module = await compiled();
      const glue = QuoteLensEngine.create();
      await glue({ module_or_path: module });
      health.instances++;
      initMs = performance.now() - t0;
      return glue;
    })().catch((e) => { enginePromise = null; throw e; });
  }
  return enginePromise;
}

async function injectedFault() {
  const f = globalThis.__quotelensFault;
  if (!f || !(f.times > 0)) return null;
  f.times--;
  if (f.mode === 'delay') { await new Promise((r) => setTimeout(r, f.ms)); return null; }
  return new WebAssembly.RuntimeError('unreachable (fault injected by a test)');
}

/** The article in a page tree, analysed. Bad input ("quotelens: …") is the caller's; anything else
 *  (a trap, a panic, a broken instance) drops the instance and retries once with a fresh one. */
async function analyzePage(tree, options) {
  for (let attempt = 0; ; attempt++) {
    const glue = await engine();
    try {
      const fault = await injectedFault();
      if (fault) throw fault;
      return glue.analyzePage(tree, options);
    } catch (e) {
      const msg = String(e && e.message || e);
      if (/^quotelens:/.test(msg)) throw e;
      health.lastFailure = msg;
      if (enginePromise) { enginePromise = null; health.restarts++; }
      if (attempt >= 1) throw new Error('the engine failed twice (' + msg + ')');
    }
  }
}

async function setBadge(tabId, count) {
  if (tabId == null || tabId < 0) return;
  try {
    await api.action.setBadgeText({ tabId, text: count > 0 ? String(count > 999 ? '999+' : count) : '' });
    if (count > 0) await api.action.setBadgeBackgroundColor({ tabId, color: '#364fc7' });
  } catch (_) {
    // the tab went away
  }
}

/** Toggle labels in a tab; resolves to the content script's status (or null if it has none). */
async function toggleTab(tabId, on) {
  const msg = on === undefined ? { type: 'toggle' } : { type: 'set', on: !!on };
  try {
    const st = await api.tabs.sendMessage(tabId, msg);
    if (st) await setBadge(tabId, st.active ? st.count : 0);
    return st;
  } catch (_) {
    return null; // no content script here (browser pages, the store, PDFs)
  }
}
globalThis.toggleTab = toggleTab;

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  return tab ? tab.id : null;
}

// -----------------------------------------------------------------------------------------------
// Who may send what

const EXT_ORIGIN = api.runtime.getURL('');

/** A content script of this extension in a web page. */
function fromTab(sender) {
  return !!(sender && sender.id === api.runtime.id && sender.tab && typeof sender.tab.id === 'number' &&
    typeof sender.url === 'string' && /^https?:/.test(sender.url));
}

/** One of this extension's own pages (popup, options; opened as a tab in the tests). */
function fromExtensionPage(sender) {
  return !!(sender && sender.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(EXT_ORIGIN));
}

function isPlainObject(v) {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

const shortString = (v) => typeof v === 'string' && v.length <= MAX_FIELD_CHARS;
const pairs = (v, max) => Array.isArray(v) && v.length <= max && v.every((p) => Array.isArray(p) && p.length === 2 && shortString(p[0]) && shortString(p[1]));
const NODE_FIELDS = {
  tag: shortString, parent: () => true, text: (v) => typeof v === 'string', id: shortString, class: shortString,
  role: shortString, itemprop: shortString, itemtype: shortString, hidden: (v) => typeof v === 'boolean',
  editable: (v) => typeof v === 'boolean', attrs: (v) => pairs(v, 8),
};

/** The page tree as JSON text, parsed: the object, or null when it is not JSON. */
function parseTree(m) {
  if (typeof m.tree !== 'string' || m.tree.length > MAX_TREE_JSON) return null;
  try { return JSON.parse(m.tree); } catch (_) { return null; }
}

/** The page tree of extract.js: nodes in document order, each one's parent before it. */
function validTree(tree) {
  if (!isPlainObject(tree) || !Array.isArray(tree.nodes) || tree.nodes.length > MAX_NODES) return false;
  if (tree.title !== undefined && !shortString(tree.title)) return false;
  if (tree.meta !== undefined && !pairs(tree.meta, MAX_META)) return false;
  let chars = 0;
  for (let i = 0; i < tree.nodes.length; i++) {
    const n = tree.nodes[i];
    if (!isPlainObject(n) || typeof n.tag !== 'string' || !Number.isInteger(n.parent) || n.parent < -1 || n.parent >= i) return false;
    for (const k in n) if (!Object.prototype.hasOwnProperty.call(NODE_FIELDS, k) || !NODE_FIELDS[k](n[k])) return false;
    if (n.tag === '#text' ? typeof n.text !== 'string' : n.text !== undefined) return false;
    if (n.text !== undefined) chars += n.text.length;
    if (chars > MAX_TREE_CHARS) return false;
  }
  return true;
}


function validOptions(o) {
  if (o === undefined) return true;
  if (!isPlainObject(o)) return false;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'minConfidence' && typeof v === 'number' && v >= 0 && v <= 1) continue;
    if (k === 'indirect' && typeof v === 'boolean') continue;
    return false;
  }
  return true;
}

const MESSAGES = {
  analyzePage: {
    from: fromTab,
    // the tree is parsed once, here, and kept on the message for handle()
    valid: (m) => validOptions(m.options) && validTree(m.parsed = parseTree(m)),
    handle: (m, sender, reply) => {
      analyzePage(m.parsed, m.options)
        .then((result) => reply({ result: JSON.stringify(result), fingerprint: QuoteLensExtract.fingerprint(result.blocks), initMs }))
        .catch((e) => reply({ error: String(e && e.message || e) }));
      return true;
    },
  },
  count: {
    from: fromTab,
    valid: (m) => Number.isInteger(m.count) && m.count >= 0 && m.count <= MAX_COUNT,
    handle: (m, sender) => { setBadge(sender.tab.id, m.count); return false; },
  },
  toggleTab: {
    from: fromExtensionPage,
    valid: (m) => Number.isInteger(m.tabId) && m.tabId >= 0 && (m.on === undefined || typeof m.on === 'boolean'),
    handle: (m, sender, reply) => { toggleTab(m.tabId, m.on).then(reply); return true; },
  },
  version: {
    from: fromExtensionPage,
    valid: () => true,
    handle: (m, sender, reply) => {
      engine().then((g) => reply({ version: g.version(), health: Object.assign({}, health) }),
        (e) => reply({ error: String(e) }));
      return true;
    },
  },
};

/** The one entry point for messages (exported for the tests, which call it with forged senders). */
function handleMessage(msg, sender, sendResponse) {
  if (!isPlainObject(msg) || typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(MESSAGES, msg.type)) return false;
  const spec = MESSAGES[msg.type];
  if (!spec.from(sender) || !spec.valid(msg)) return false; // no answer at all
  return spec.handle(msg, sender, sendResponse);
}
globalThis.handleMessage = handleMessage;
globalThis.engineHealth = () => Object.assign({}, health);

api.runtime.onMessage.addListener(handleMessage);

// Content scripts hold a port: its disconnect (extension disabled, updated, removed) turns the page
// off. Their requests come over it too (the same MESSAGES, checked against the port's sender): a
// request with an `id` gets an answer with that id; a port from anything but one of our content
// scripts is closed.
/** A port's tree chunks: a 'treeChunk' message is kept (in order, within the size caps; a tree
 *  with a chunk out of order or too big is dropped whole), an analyzePage request that names a
 *  tree by {treeKey, treeChunks} gets its text as `tree` (then checked like any other). */
function treeChunks() {
  const trees = new Map(); // key -> {parts, chars} or null (dropped)
  return {
    take(m) {
      if (!Number.isInteger(m.key) || !Number.isInteger(m.seq) || typeof m.text !== 'string') return;
      let t = trees.get(m.key);
      if (t === undefined) {
        if (m.seq !== 0) return;
        t = { parts: [], chars: 0 };
        trees.set(m.key, t);
        while (trees.size > MAX_TREES_PENDING) trees.delete(trees.keys().next().value);
      }
      if (!t) return;
      if (m.seq !== t.parts.length || m.text.length > MAX_TREE_CHUNK || t.chars + m.text.length > MAX_TREE_JSON) {
        trees.set(m.key, null);
        return;
      }
      t.parts.push(m.text);
      t.chars += m.text.length;
    },
    join(m) {
      if (m.tree !== undefined || m.treeKey === undefined) return;
      const t = trees.get(m.treeKey);
      trees.delete(m.treeKey);
      if (t && t.parts.length === m.treeChunks) m.tree = t.parts.join('');
    },
  };
}

api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'quotelens-page' || !fromTab(port.sender)) {
    port.disconnect();
    return;
  }
  const chunks = treeChunks();
  port.onMessage.addListener((msg) => {
    if (isPlainObject(msg) && msg.type === 'treeChunk') { chunks.take(msg); return; }
    if (isPlainObject(msg) && msg.type === 'analyzePage') chunks.join(msg);
    const id = isPlainObject(msg) && Number.isInteger(msg.id) ? msg.id : null;
    const answer = (r) => {
      if (id === null) return;
      try {
        if (typeof r.result === 'string' && r.result.length > RESULT_CHUNK) {
          let seq = 0;
          for (let at = 0; at < r.result.length; at += RESULT_CHUNK) {
            port.postMessage({ type: 'resultChunk', id, seq: seq++, text: r.result.slice(at, at + RESULT_CHUNK) });
          }
          r = Object.assign({}, r, { result: undefined, resultChunks: seq });
        }
        port.postMessage(Object.assign({}, r, { id }));
      } catch (_) { /* the page went away */ }
    };
    const async = handleMessage(msg, port.sender, answer);
    if (!async && id !== null) answer({ error: 'request refused' });
  });
});

api.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-labels') return;
  const id = await activeTabId();
  if (id != null) await toggleTab(id);
});

// next / previous quote (reader.js in the page moves there and opens its card)
async function quoteCommand(command) {
  if (command !== 'next-quote' && command !== 'previous-quote') return null;
  const id = await activeTabId();
  if (id == null) return null;
  try {
    return await api.tabs.sendMessage(id, { type: 'navigate', dir: command === 'next-quote' ? 1 : -1 });
  } catch (_) {
    return null; // no content script here
  }
}
globalThis.quoteCommand = quoteCommand;
api.commands.onCommand.addListener(quoteCommand);
