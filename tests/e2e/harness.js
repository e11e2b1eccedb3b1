// Shared by tests/e2e/chrome.js (the Chromium end-to-end tests) and tests/e2e/bench.js (the speed
// benchmark): starts tests/e2e/serve.py, launches Debian Chromium with the unpacked extension from
// dist/chrome in a fresh persistent profile, and offers small helpers to drive it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(REPO, '..', 'shared');
const OUT = path.join(__dirname, 'out');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

/** A free TCP port on 127.0.0.1 (the default: something else may already use 8765). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = require('node:net').createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(port) {
  const proc = spawn('python3', [path.join(__dirname, 'serve.py'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  proc.stdout.on('data', () => {});
  let exited = false;
  proc.on('exit', () => { exited = true; });
  // however this process ends (a failure, process.exit, a signal via onSignals), the server goes too
  process.on('exit', () => { if (!exited) proc.kill(); });
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error(`tests/e2e/serve.py exited (is port ${port} in use?)`);
    try {
      const r = await get(`http://127.0.0.1:${port}/index.html`);
      if (r.status === 200) return proc;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`tests/e2e/serve.py did not start on port ${port}`);
}

async function launch(ext) {
  const manifest = path.join(ext, 'manifest.json');
  if (!fs.existsSync(manifest)) throw new Error(`${manifest} is missing: build the extension first (node extension/build.mjs)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quotelens-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--no-default-browser-check', '--disable-domain-reliability',
      // nothing may leave the machine: every host name but 127.0.0.1 fails to resolve
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
    ],
  });
  const sw = ctx.serviceWorkers()[0] || await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  const extId = new URL(sw.url()).host;
  const rmProfile = () => {
    try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch (_) { /* best effort */ }
  };
  // registered after playwright's own exit handler, which kills the browser first
  process.on('exit', rmProfile);
  const cleanup = async () => {
    await ctx.close().catch(() => {});
    rmProfile();
  };
  return { ctx, sw, extId, cleanup };
}

/** Helpers bound to one browser context. */
function helpers(env) {
  const { ctx, extId, base } = env;
  // env.sw: the extension's service worker (tests replace it after restarting the extension)
  const worker = () => env.sw || ctx.serviceWorkers().find((w) => w.url().includes(extId));

  async function tabIdOf(page) {
    await page.bringToFront();
    return worker().evaluate(async () => {
      const [t] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return t ? t.id : null;
    });
  }

  async function send(page, msg) {
    const id = await tabIdOf(page);
    return worker().evaluate(([tabId, m]) => chrome.tabs.sendMessage(tabId, m), [id, msg]);
  }

  async function toggle(page, on) {
    const id = await tabIdOf(page);
    return worker().evaluate(([tabId, v]) => globalThis.toggleTab(tabId, v), [id, on]);
  }

  async function setStorage(obj) {
    await worker().evaluate(async (o) => { await chrome.storage.local.clear(); await chrome.storage.local.set(o); }, obj);
  }

  /** Wait until the content script has finished a scan (data-quotelens-state="done"). */
  async function waitDone(page, timeout = 20000) {
    await page.waitForFunction(() => document.documentElement.getAttribute('data-quotelens-state') === 'done', null, { timeout });
  }

  /** Wait until the content script has answered (it is loaded and has decided). */
  async function waitDecided(page, timeout = 10000) {
    const t0 = Date.now();
    for (;;) {
      try {
        const st = await send(page, { type: 'status' });
        if (st) return st;
      } catch (_) { /* content script not there yet */ }
      if (Date.now() - t0 > timeout) throw new Error('the content script never answered');
      await page.waitForTimeout(100);
    }
  }

  const PAGE_LABELS = fs.readFileSync(path.join(__dirname, 'page-labels.js'), 'utf8');
  /** The labels as the page sees them (page-labels.js), with what only the extension can see
   *  inside the closed shadow roots (the content script's 'inspect': accessible name, geometry). */
  async function labels(page) {
    const ls = await page.evaluate(`(() => { ${PAGE_LABELS} })()`);
    let inside = [];
    try { inside = (await send(page, { type: 'inspect' })) || []; } catch (_) { /* no content script */ }
    const byId = new Map(inside.map((x) => [x.id, x]));
    return ls.map((l) => {
      const i = byId.get(l.id) || {};
      return Object.assign(l, { ariaLabel: i.ariaLabel || null, inside: i });
    });
  }

  /** The page's DOM as a string that also shows text-node boundaries and the highlight registry. */
  async function snapshot(page) {
    return page.evaluate(() => {
      const out = [];
      const walk = (n, depth) => {
        if (n.nodeType === 3) { out.push(depth + '#text ' + JSON.stringify(n.data)); return; }
        if (n.nodeType === 8) { out.push(depth + '#comment ' + JSON.stringify(n.data)); return; }
        if (n.nodeType !== 1) return;
        const attrs = [...n.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ');
        out.push(`${depth}<${n.localName} ${attrs}>${n.shadowRoot ? ' +shadow' : ''}`);
        for (let c = n.firstChild; c; c = c.nextSibling) walk(c, depth + ' ');
      };
      walk(document.documentElement, '');
      out.push('highlights=' + (globalThis.CSS && CSS.highlights ? CSS.highlights.size : 'n/a'));
      out.push('adoptedStyleSheets=' + document.adoptedStyleSheets.length);
      return out.join('\n');
    });
  }

  return { worker, tabIdOf, send, toggle, setStorage, waitDone, waitDecided, labels, snapshot, base };
}

/** On SIGTERM (a CI or `timeout` limit), SIGINT or SIGHUP: report it and exit, so that the 'exit'
 * handlers above (and playwright's, which kills the browser) leave no process behind. */
function onSignals(report) {
  for (const [sig, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]]) {
    process.once(sig, () => {
      try { report(sig); } catch (_) { /* exiting anyway */ }
      process.exit(128 + n);
    });
  }
}

module.exports = { REPO, SHARED, OUT, arg, get, freePort, startServer, launch, helpers, onSignals };
