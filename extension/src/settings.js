/* QuoteLens — settings in storage.local, shared by the content script, background, popup and
 * options page. A classic script defining the global `QuoteLensSettings`.
 *
 * Stored keys (all in storage.local, nothing leaves the browser):
 *   enabled        boolean   global switch (default true)
 *   sites          {host: "always" | "never"}   absent host = "automatic"
 *   minConfidence  number 0..1: attributed labels less sure than this are hidden (default HIDE_BELOW)
 *   uncertainBelow number 0..1: labels less sure than this are drawn as uncertain (default UNCERTAIN_BELOW)
 *   indirect       boolean   label indirect speech too (default true)
 *   palette        "default" | "colorblind" | "contrast" | "custom"
 *   customColors   ["#rrggbb", …]   used when palette = "custom"
 */
(function (root) {
  'use strict';

  // A label's confidence is the measured precision of what made it (issue 9): by default a label
  // expected to be right less than 80 % of the time is hidden, one below 90 % is drawn as uncertain.
  const HIDE_BELOW = 0.8;
  const UNCERTAIN_BELOW = 0.9;

  const DEFAULTS = Object.freeze({
    enabled: true,
    sites: {},
    minConfidence: HIDE_BELOW,
    uncertainBelow: UNCERTAIN_BELOW,
    indirect: true,
    palette: 'default',
    customColors: [],
  });
  const MODES = ['automatic', 'always', 'never'];
  const HEX = /^#[0-9a-f]{6}$/i;

  function api() {
    return root.browser || root.chrome;
  }

  function normalise(raw) {
    const s = Object.assign({}, DEFAULTS, raw || {});
    s.enabled = s.enabled !== false;
    s.indirect = s.indirect !== false;
    s.minConfidence = Math.min(1, Math.max(0, Number(s.minConfidence) || 0));
    s.uncertainBelow = Math.min(1, Math.max(s.minConfidence, Number(s.uncertainBelow) || 0));
    if (!['default', 'colorblind', 'contrast', 'custom'].includes(s.palette)) s.palette = 'default';
    s.customColors = (Array.isArray(s.customColors) ? s.customColors : []).filter((c) => HEX.test(c)).slice(0, 12);
    s.sites = cleanSites(s.sites);
    return s;
  }

  function normaliseHost(h) {
    h = String(h || '').trim().toLowerCase();
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(h)) {
      try { h = new URL(h).hostname; } catch (_) { return ''; }
    }
    h = h.replace(/^www\./, '').replace(/\.$/, '');
    return /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:]+\](:\d+)?$/.test(h) ? h : '';
  }

  function cleanSites(sites) {
    const out = {};
    if (!sites || typeof sites !== 'object') return out;
    for (const [k, v] of Object.entries(sites)) {
      const host = normaliseHost(k);
      if (host && (v === 'always' || v === 'never')) out[host] = v;
    }
    return out;
  }

  async function load() {
    const got = await api().storage.local.get(Object.keys(DEFAULTS));
    return normalise(got);
  }

  async function save(patch) {
    const cur = await load();
    const next = normalise(Object.assign({}, cur, patch));
    await api().storage.local.set(next);
    return next;
  }

  function siteMode(settings, host) {
    return settings.sites[normaliseHost(host)] || 'automatic';
  }

  async function setSiteMode(host, mode) {
    if (!MODES.includes(mode)) throw new Error('bad site mode: ' + mode);
    const cur = await load();
    const sites = Object.assign({}, cur.sites);
    const h = normaliseHost(host);
    if (!h) throw new Error('bad host: ' + host);
    if (mode === 'automatic') delete sites[h]; else sites[h] = mode;
    return save({ sites });
  }

  /** Export format: {"quotelens": 1, "sites": {host: mode}} */
  function exportSites(settings) {
    const sites = {};
    for (const k of Object.keys(settings.sites).sort()) sites[k] = settings.sites[k];
    return JSON.stringify({ quotelens: 1, sites }, null, 2) + '\n';
  }

  /** Accepts the export format, a bare {host: mode} object, or lines "host mode". */
  function parseSites(text) {
    text = String(text || '').trim();
    if (!text) return {};
    if (text[0] === '{') {
      const j = JSON.parse(text);
      return cleanSites(j && typeof j.sites === 'object' ? j.sites : j);
    }
    const out = {};
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*(\S+)\s+(always|never)\s*$/.exec(line);
      if (m) out[m[1]] = m[2];
    }
    return cleanSites(out);
  }

  function colors(settings) {
    const R = root.QuoteLensRender;
    if (settings.palette === 'custom' && settings.customColors.length) return settings.customColors;
    return R ? (R.PALETTES[settings.palette] || R.PALETTES.default) : null;
  }

  root.QuoteLensSettings = {
    DEFAULTS, HIDE_BELOW, UNCERTAIN_BELOW, MODES, load, save, normalise, normaliseHost, siteMode, setSiteMode, exportSites,
    parseSites, colors,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
