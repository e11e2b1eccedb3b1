#!/usr/bin/env node
// Hostile-page figures in Chromium (a benchmark: it prints numbers and never fails on timing).
//
//   node extension/build.mjs && node tests/e2e/hostile.js [--n 100000] [--seconds 60 (0: no clock page)]
//
// 1. /huge.html?n=N&probe (100,000 paragraphs, about 11 MB): with the extension labelling it and with
//    the site set to "never" (the page alone), after the load event: long tasks (PerformanceObserver
//    'longtask'), the largest lateness of a 10 ms timer (site/probe.js; the method used in Firefox
//    too), time from load to the first label on screen and to the finished scan.
// 2. /clock.html (a clock inside the article ticks every 100 ms) for --seconds: main-thread task
//    time of the page (CDP Performance.getMetrics TaskDuration) and the CPU time of every Chromium
//    process (/proc), labels on vs. the site set to "never", and how many rescans the page cost.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, arg, freePort, startServer, launch, helpers } = require('./harness');

const EXT = path.resolve(arg('--ext', path.join(REPO, 'dist', 'chrome')));
const N = Number(arg('--n', 100000));
const SECONDS = Number(arg('--seconds', 60));
const TRACE = process.argv.includes('--trace');
const LABELS_ONLY = TRACE || process.argv.includes('--labels-only'); // skip the page-alone run

/** CDP tracing of the page's renderer while `run()` goes on: the trace events. */
async function traced(cdp, run) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => { for (const ev of e.value) events.push(ev); });
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', 'toplevel', 'blink'] },
  });
  await run();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** Each main-thread task over 50 ms after `fromTs` (µs) with what took its time: the longest
 *  child events by name (and script URL for function calls / compiled scripts). */
function longTasks(events, fromTs) {
  const main = new Map(); // pid:tid -> count of RunTask
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain') main.set(`${e.pid}:${e.tid}`, 1);
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && main.has(`${e.pid}:${e.tid}`) && e.ts >= fromTs && e.dur > 50000);
  const out = [];
  for (const t of tasks) {
    const inside = events.filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur && e !== t);
    const by = new Map();
    for (const e of inside) {
      const d = e.args && e.args.data;
      const url = d && (d.url || (d.stackTrace && d.stackTrace[0] && d.stackTrace[0].url) || d.functionName);
      const key = e.name + (url ? ' ' + String(url).replace(/^chrome-extension:\/\/[a-z]+/, 'ext:').replace(/^http:\/\/127[^/]+/, '') : '') + (d && d.functionName ? ' ' + d.functionName : '');
      by.set(key, Math.max(by.get(key) || 0, e.dur / 1000));
    }
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`);
    out.push(`${(t.dur / 1000).toFixed(0)} ms at +${((t.ts - fromTs) / 1000).toFixed(0)}: ${top.join(' | ')}`);
  }
  return out;
}

/** CPU seconds (user+system) of the browser: every process whose command line is chromium's. */
function browserCpu() {
  const hz = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('quotelens-chromium-')) continue; // our profile directory
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch (_) { /* gone */ }
  }
  return ticks / hz;
}

async function main() {
  const port = await freePort();
  const server = await startServer(port);
  const env = await launch(EXT);
  const host = `127.0.0.1:${port}`;
  Object.assign(env, { base: `http://${host}` });
  const h = helpers(env);
  try {
    console.log(`Chromium ${env.ctx.browser() ? env.ctx.browser().version() : ''}, extension ${EXT}`);
    for (const mode of LABELS_ONLY ? ['labels'] : ['labels', 'page alone']) {
      await h.setStorage(mode === 'labels' ? {} : { sites: { [host]: 'never' } });
      const page = await env.ctx.newPage();
      const cdpT = TRACE ? await env.ctx.newCDPSession(page) : null;
      let loadTs = 0;
      const run = async () => {
        await page.goto(`${env.base}/huge.html?n=${N}&probe`, { waitUntil: 'load', timeout: 120000 });
        if (mode === 'labels') await h.waitDone(page, 120000); else await page.waitForTimeout(5000);
        await page.waitForTimeout(1000);
      };
      if (TRACE) {
        const events = await traced(cdpT, run);
        const load = events.find((e) => e.name === 'MarkLoad' || (e.name === 'loadEventEnd'));
        loadTs = load ? load.ts : 0;
        fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
        fs.writeFileSync(path.join(__dirname, 'out', `trace-huge-${mode.replace(' ', '-')}.json`), JSON.stringify(events));
        console.log(`trace (${mode}): ${events.length} events; long tasks after load:`);
        for (const l of longTasks(events, loadTs)) console.log('  ' + l);
        await cdpT.detach();
      } else await run();
      const p = await page.evaluate(() => window.__probe);
      const st = mode === 'labels' ? await h.send(page, { type: 'stats' }) : null;
      const count = await page.getAttribute('html', 'data-quotelens-count');
      console.log(`huge page, ${N} paragraphs, ${mode}: long tasks after load ${p.longtasks.length}` +
        (p.longtasks.length ? ` (max ${Math.max(...p.longtasks)} ms)` : '') +
        `; max timer lateness ${p.maxGap.toFixed(0)} ms` +
        (mode === 'labels' ? `; first label ${(p.firstLabel - p.load).toFixed(0)} ms after load, scan done ${(p.done - p.load).toFixed(0)} ms after load; ${count} labels; ` +
          `last scan: ${st.last.blocks} blocks, ${st.last.chars} chars, main thread ${st.last.mainMs.toFixed(0)} ms (longest slice ${st.last.longestSliceMs.toFixed(0)} ms), engine ${st.last.analyzeMs.toFixed(0)} ms, marks: ${st.marks}` : ''));
      await page.close();
    }
    for (const mode of SECONDS > 0 ? ['labels', 'page alone'] : []) {
      await h.setStorage(mode === 'labels' ? {} : { sites: { [host]: 'never' } });
      const page = await env.ctx.newPage();
      await page.goto(`${env.base}/clock.html`, { waitUntil: 'load' });
      if (mode === 'labels') await h.waitDone(page); else await page.waitForTimeout(1000);
      const cdp = await env.ctx.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metric = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
      const s0 = mode === 'labels' ? await h.send(page, { type: 'stats' }) : null;
      const [t0, c0] = [await metric(), browserCpu()];
      await page.waitForTimeout(SECONDS * 1000);
      const [t1, c1] = [await metric(), browserCpu()];
      const s1 = mode === 'labels' ? await h.send(page, { type: 'stats' }) : null;
      console.log(`clock page, ${SECONDS} s, ${mode}: page main-thread tasks ${(t1 - t0).toFixed(2)} s, all Chromium processes ${(c1 - c0).toFixed(2)} s CPU` +
        (s1 ? `; ${s1.scanRuns - s0.scanRuns} rescans for ${s1.rescansRequested - s0.rescansRequested} changes inside the article` : ''));
      await cdp.detach();
      await page.close();
    }
  } finally {
    await env.cleanup();
    server.kill();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
