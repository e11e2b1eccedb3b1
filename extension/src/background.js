/* QuoteLens — background (Chrome: service worker; Firefox: background scripts).
 *
 * - Runs the engine for content scripts that cannot compile Wasm (strict page CSP in Chromium).
 * - Toggles labels for a tab (popup, keyboard command Alt+Shift+Q) and shows the quote count on the
 *   toolbar badge.
 * Never makes a network request: the only fetch is the engine's own .wasm inside the extension.
 */
/* global wasm_bindgen, importScripts */
'use strict';

// Chrome's classic service worker loads the engine glue and settings here, at top level;
// Firefox lists them before this file in background.scripts.
if (typeof wasm_bindgen === 'undefined' && typeof importScripts === 'function') {
  importScripts('pkg/quotelens.js', 'settings.js');
}

const api = globalThis.browser || globalThis.chrome;
let engineReady = null;
let initMs = null;

function engine() {
  if (!engineReady) {
    const t0 = performance.now();
    engineReady = wasm_bindgen({ module_or_path: api.runtime.getURL('pkg/quotelens_bg.wasm') })
      .then(() => { initMs = performance.now() - t0; })
      .catch((e) => { engineReady = null; throw e; });
  }
  return engineReady;
}

async function analyze(blocks, options) {
  await engine();
  return wasm_bindgen.analyze(blocks, options);
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

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== 'string') return false;
  switch (msg.type) {
    case 'analyze':
      analyze(msg.blocks, msg.options)
        .then((result) => sendResponse({ result, initMs }))
        .catch((e) => sendResponse({ error: String(e && e.message || e) }));
      return true;
    case 'count':
      if (sender.tab) setBadge(sender.tab.id, msg.count);
      return false;
    case 'tabId':
      sendResponse({ tabId: sender.tab ? sender.tab.id : null });
      return false;
    case 'toggleTab':
      toggleTab(msg.tabId, msg.on).then(sendResponse);
      return true;
    case 'version':
      engine().then(() => sendResponse({ version: wasm_bindgen.version() }),
        (e) => sendResponse({ error: String(e) }));
      return true;
    default:
      return false;
  }
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
