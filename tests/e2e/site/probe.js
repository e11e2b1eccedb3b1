// Measurement probe for the hostile-page benchmarks (tests/e2e/hostile.js, hostile_firefox.py), loaded
// by /huge.html?probe and /clock.html?probe. After the load event it records, on the page's main thread:
// - gaps: how late a 10 ms interval timer fires (a late timer = the main thread was busy); the same
//   method in both browsers, since Firefox has no longtask API;
// - longtasks (Chromium): PerformanceObserver 'longtask' entries that start after load;
// - when the first label appears (the label overlay, [data-quotelens-overlay], added to <html>) and when the scan is done.
(function () {
  'use strict';
  const p = (window.__probe = { load: null, gaps: [], maxGap: 0, longtasks: [], firstLabel: null, done: null });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (p.load !== null && e.startTime >= p.load) p.longtasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) { /* no longtask API (Firefox) */ }
  new MutationObserver(() => {
    const now = performance.now();
    if (p.firstLabel === null && document.querySelector('[data-quotelens-overlay]')) p.firstLabel = now;
    if (p.done === null && document.documentElement.getAttribute('data-quotelens-state') === 'done') p.done = now;
  }).observe(document.documentElement, { childList: true, attributes: true, attributeFilter: ['data-quotelens-state'] });
  addEventListener('load', () => {
    p.load = performance.now();
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      const gap = now - last - 10;
      last = now;
      if (gap > p.maxGap) p.maxGap = gap;
      if (gap > 50) p.gaps.push(Math.round(gap));
    }, 10);
  });
})();
