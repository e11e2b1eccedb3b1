#!/usr/bin/env node
// QuoteLens speed benchmark in Chromium (a benchmark, not a test: it prints a table and never fails
// on timing). For every real page in ../shared/pages: the main-thread time of a scan (median and
// max over several full rescans: read the page tree + draw, and of that the page tree alone; the
// article finder and the engine run in the service worker), the engine's time, Wasm
// instantiation, long tasks (> 50 ms) on the page, and memory.
//
//   node extension/build.mjs && node tests/e2e/bench.js [--runs 7] [--only name]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { REPO, SHARED, arg, freePort, startServer, launch, helpers } = require('./harness');

const EXT = path.resolve(arg('--ext', path.join(REPO, 'dist', 'chrome')));
const RUNS = Number(arg('--runs', 7));
const ONLY = arg('--only', '');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const f1 = (x) => (x == null ? '-' : x.toFixed(1));

async function main() {
  const pagesDir = path.join(SHARED, 'pages');
  if (!fs.existsSync(pagesDir)) {
    console.log('bench: ../shared/pages is absent: nothing to measure');
    return;
  }
  const wasm = path.join(EXT, 'pkg', 'quotelens_bg.wasm');
  const wasmBytes = fs.readFileSync(wasm);
  console.log(`Wasm: ${wasmBytes.length} bytes, ${zlib.gzipSync(wasmBytes, { level: 9 }).length} gzipped (target <= 200 KB gzipped)`);
  const port = await freePort();
  const server = await startServer(port);
  const env = await launch(EXT);
  Object.assign(env, { base: `http://127.0.0.1:${port}` });
  const h = helpers(env);
  await h.setStorage({ sites: { [`127.0.0.1:${port}`]: 'always' } });
  // long tasks on the page's main thread
  await env.ctx.addInitScript(() => {
    window.__qlLong = [];
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__qlLong.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    } catch (_) { /* unsupported */ }
  });
  const rows = [];
  const names = fs.readdirSync(pagesDir).filter((n) => fs.existsSync(path.join(pagesDir, n, 'source.html')) && (!ONLY || n.includes(ONLY))).sort();
  for (const name of names) {
    const page = await env.ctx.newPage();
    try {
      await page.goto(`${env.base}/shared-pages/${name}/source.html`, { waitUntil: 'load' });
      await h.waitDone(page, 30000);
      const first = await h.send(page, { type: 'stats' });
      // long tasks from page load itself are the page's; count only those during our rescans
      await page.evaluate(() => { window.__qlLong = []; });
      const main = [];
      const read = [];
      const engine = [];
      for (let i = 0; i < RUNS; i++) {
        await h.send(page, { type: 'rescan' });
        const st = await h.send(page, { type: 'stats' });
        main.push(st.last.mainMs);
        read.push(st.last.readMs);
        engine.push(st.last.analyzeMs);
      }
      const longTasks = await page.evaluate(() => window.__qlLong.filter((d) => d > 50));
      const last = await h.send(page, { type: 'stats' });
      rows.push({
        name, chars: last.last.chars, blocks: last.last.blocks, quotes: last.last.quotes,
        mainMed: median(main), mainMax: Math.max(...main), readMed: median(read), nodes: last.last.treeNodes, engineMed: median(engine),
        wasmInit: first.wasmInitMs, long: longTasks.length, longMax: longTasks.length ? Math.max(...longTasks) : 0,
        heapMB: last.jsHeapUsed ? last.jsHeapUsed / 1048576 : null, where: last.engine,
      });
    } catch (e) {
      rows.push({ name, error: String(e.message || e).split('\n')[0] });
    }
    await page.close();
  }
  const wasmMem = await env.sw.evaluate(() => {
    try { return performance.memory ? performance.memory.usedJSHeapSize : null; } catch (_) { return null; }
  }).catch(() => null);
  await env.cleanup();
  server.kill();

  const head = ['page', 'chars', 'blocks', 'quotes', 'tree nodes', 'main med ms', 'main max ms', 'of which tree med ms', 'engine med ms', 'wasm init ms', 'long tasks', 'page heap MB'];
  const table = rows.map((r) => (r.error ? [r.name, 'error: ' + r.error] : [
    r.name, String(r.chars), String(r.blocks), String(r.quotes), String(r.nodes), f1(r.mainMed), f1(r.mainMax), f1(r.readMed), f1(r.engineMed),
    f1(r.wasmInit), r.long ? `${r.long} (max ${f1(r.longMax)})` : '0', f1(r.heapMB),
  ]));
  const widths = head.map((x, i) => Math.max(x.length, ...table.map((row) => (row[i] || '').length)));
  const line = (row) => row.map((c, i) => (i === 0 || i === 1 && row.length === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`Chromium, ${RUNS} full rescans per page (article finder and engine in the service worker; main = read the page tree + draw; tree = reading the page tree)`);
  console.log(line(head));
  for (const row of table) console.log(line(row));
  const ok = rows.filter((r) => !r.error);
  if (ok.length) {
    const med = median(ok.map((r) => r.mainMed));
    const worst = ok.reduce((a, b) => (a.mainMax > b.mainMax ? a : b));
    console.log(`typical page (median of medians): ${f1(med)} ms main thread (target < 15 ms); largest/worst: ${worst.name} ${f1(worst.mainMax)} ms (target < 100 ms); long tasks during scans: ${ok.reduce((n, r) => n + r.long, 0)}`);
  }
  if (wasmMem) console.log(`service worker JS heap: ${f1(wasmMem / 1048576)} MB`);
}

main().catch((e) => { console.error(e); process.exit(1); });
