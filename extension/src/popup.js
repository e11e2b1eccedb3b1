/* QuoteLens — popup: the page's voices (voices.js) and exports (export.js: JSON, CSV, Markdown),
 * this page on/off, this site always/never/automatic, the global switch, the quote count and the
 * "who said what" list (click a quote to scroll to it). */
(function () {
  'use strict';
  const api = globalThis.browser || globalThis.chrome;
  const S = globalThis.QuoteLensSettings;
  const R = globalThis.QuoteLensRender;
  const t = globalThis.QuoteLensI18n.t;
  const V = globalThis.QuoteLensVoices;
  const E = globalThis.QuoteLensExport;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  // ?tabId=N: tests (and the options page) open the popup as a tab, where "active tab" is itself
  const explicitTab = params.has('tabId');
  let tabId = explicitTab ? Number(params.get('tabId')) : null;
  let status = null;
  let poll = 0;
  let saving = 0; // settings writes in flight: a refresh must not reset the controls meanwhile

  async function findTab() {
    if (tabId != null) return tabId;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabId = tab ? tab.id : null;
    return tabId;
  }

  async function getStatus() {
    try {
      return await api.tabs.sendMessage(tabId, { type: 'status' });
    } catch (_) {
      return null;
    }
  }

  function show(st, settings) {
    status = st;
    if (!saving) $('global-toggle').checked = settings.enabled;
    $('unavailable').hidden = !!st;
    $('controls').hidden = !st;
    $('wsw-section').hidden = !st;
    $('voices-section').hidden = !st || !st.active;
    if (!st) { $('count').textContent = ''; return; }
    if (!saving) $('page-toggle').checked = st.active;
    $('decision').textContent = st.optedOut && !st.active ? (t('popupOptedOut') || 'This page asks not to be labelled. You can still turn labels on.') : st.decision;
    if (!saving) $('site-mode').value = st.mode;
    const n = st.count;
    const failed = st.active && st.state === 'error';
    $('count').textContent = st.active ? (st.state === 'done' ? (t('popupCount', [String(n)]) || `${n} quotes`) : failed ? (t('popupFailed') || 'failed') : (t('popupScanning') || 'scanning…')) : '';
    // what went wrong, or which limit this page hit
    const err = st.error;
    $('error').hidden = !err;
    $('error').textContent = !err ? '' : failed
      ? `${t('popupError') || 'QuoteLens could not label this page'}: ${err.message} (${err.attempts} attempts).`
      : `${t('popupRetrying') || 'Retrying'}: ${err.message}`;
    const lim = st.limits;
    const notes = [];
    if (lim && (lim.blocks || lim.chars)) notes.push(t('popupLimitText', [String(lim.maxBlocks), String(lim.maxChars)]) || `This page is very long: only its first ${lim.maxBlocks} paragraphs or ${lim.maxChars} characters were read.`);
    if (lim && lim.labels) notes.push(t('popupLimitLabels', [String(lim.maxLabels), String(lim.quotes)]) || `Only the first ${lim.maxLabels} of ${lim.quotes} quotes are labelled.`);
    $('limits').hidden = !notes.length;
    $('limits').textContent = notes.join(' ');
    const lang = (api.i18n && api.i18n.getUILanguage && api.i18n.getUILanguage()) || undefined;
    const summary = V.summarize(V.fromGroups(st.active ? st.groups : []));
    $('voices').replaceChildren(V.build(document, summary, { t, lang }));
    for (const id of ['export-json', 'export-csv', 'export-md']) $(id).disabled = !summary.quotes;
    const box = $('wsw');
    box.replaceChildren();
    if (st.active) {
      box.append(R.buildWhoSaidWhat(document, st.groups || [], {
        emptyText: st.state === 'done' ? (t('popupNoQuotes') || 'No quotes found.') : (t('popupScanning') || 'scanning…'),
        onSelect: async (id) => {
          try { await api.tabs.sendMessage(tabId, { type: 'reveal', id }); } catch (_) { /* gone */ }
          if (!explicitTab) window.close();
        },
      }));
    } else {
      const p = document.createElement('p');
      p.className = 'qlw-empty';
      p.textContent = t('popupOff') || 'Labels are off on this page.';
      box.append(p);
    }
    clearTimeout(poll);
    if (st.active && st.state !== 'done' && st.state !== 'error') poll = setTimeout(refresh, 400);
  }

  async function refresh() {
    await findTab();
    const [st, settings] = await Promise.all([tabId != null ? getStatus() : null, S.load()]);
    show(st, settings);
  }

  async function busy(fn) {
    saving++;
    try { await fn(); } finally { saving--; }
    refresh();
  }
  $('page-toggle').addEventListener('change', (ev) => busy(async () => {
    await api.runtime.sendMessage({ type: 'toggleTab', tabId, on: ev.target.checked });
  }));
  $('site-mode').addEventListener('change', (ev) => busy(async () => {
    if (!status) return;
    await S.setSiteMode(status.host, ev.target.value);
    try { await api.tabs.sendMessage(tabId, { type: 'followSettings' }); } catch (_) { /* ignore */ }
  }));
  $('global-toggle').addEventListener('change', (ev) => busy(async () => {
    await S.save({ enabled: ev.target.checked });
    try { await api.tabs.sendMessage(tabId, { type: 'followSettings' }); } catch (_) { /* ignore */ }
  }));
  /** The page's quotes as a file's text: 'json' | 'csv' | 'md' -> {name, type, text}. */
  async function exportFile(format) {
    const data = await api.tabs.sendMessage(tabId, { type: 'export' });
    if (!data) throw new Error('no answer from the page');
    const { meta, records } = data;
    if (format === 'json') {
      return { name: E.fileName(meta, 'json'), type: 'application/json', text: E.toJson(records, meta, { engineVersion: data.engineVersion }) };
    }
    if (format === 'csv') return { name: E.fileName(meta, 'csv'), type: 'text/csv;charset=utf-8', text: E.toCsv(records, meta) };
    return { name: E.fileName(meta, 'md'), type: 'text/markdown;charset=utf-8', text: E.toMarkdown(records, meta) };
  }
  globalThis.QuoteLensPopup = { exportFile };

  async function download(format) {
    try {
      const f = await exportFile(format);
      // a file made here and saved by the browser: nothing is sent anywhere
      const url = URL.createObjectURL(new Blob([f.text], { type: f.type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = f.name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      $('export-status').textContent = t('popupSaved', [f.name]) || `Saved ${f.name}`;
    } catch (e) {
      $('export-status').textContent = (t('popupExportFailed') || 'Export failed:') + ' ' + String(e && e.message || e);
    }
  }
  $('export-json').addEventListener('click', () => download('json'));
  $('export-csv').addEventListener('click', () => download('csv'));
  $('export-md').addEventListener('click', () => download('md'));

  $('options').addEventListener('click', () => api.runtime.openOptionsPage());

  if (api.commands && api.commands.getAll) {
    api.commands.getAll().then((cmds) => {
      const c = cmds.find((x) => x.name === 'toggle-labels');
      if (c && c.shortcut) $('shortcut').textContent = c.shortcut;
    }, () => {});
  }
  refresh();
})();
