/* QuoteLens — options page: global switch, indirect speech, minimum confidence, colours, the site
 * list (with import/export) and the keyboard shortcut. Everything is stored in storage.local. */
(function () {
  'use strict';
  const api = globalThis.browser || globalThis.chrome;
  const S = globalThis.QuoteLensSettings;
  const R = globalThis.QuoteLensRender;
  const t = globalThis.QuoteLensI18n.t;
  const $ = (id) => document.getElementById(id);
  let settings = null;

  function swatches() {
    const box = $('swatches');
    box.replaceChildren();
    const custom = settings.palette === 'custom';
    const colors = custom ? (settings.customColors.length ? settings.customColors : R.PALETTES.default.slice(0, 8)) : S.colors(settings);
    colors.forEach((c, i) => {
      if (custom) {
        const inp = document.createElement('input');
        inp.type = 'color';
        inp.value = c;
        inp.setAttribute('aria-label', (t('optionsColour') || 'Colour') + ' ' + (i + 1));
        inp.addEventListener('change', () => {
          const next = colors.slice();
          next[i] = inp.value;
          save({ customColors: next });
        });
        box.append(inp);
      } else {
        const s = document.createElement('span');
        s.style.backgroundColor = c;
        s.title = c;
        box.append(s);
      }
    });
  }

  function sites() {
    const tb = $('sites').tBodies[0];
    tb.replaceChildren();
    for (const host of Object.keys(settings.sites).sort()) {
      const tr = document.createElement('tr');
      const th = document.createElement('td');
      th.textContent = host;
      const md = document.createElement('td');
      const sel = document.createElement('select');
      sel.setAttribute('aria-label', host);
      for (const m of S.MODES) {
        const o = document.createElement('option');
        o.value = m;
        o.textContent = t('mode' + m[0].toUpperCase() + m.slice(1)) || m;
        sel.append(o);
      }
      sel.value = settings.sites[host];
      sel.addEventListener('change', async () => { settings = await S.setSiteMode(host, sel.value); show(); });
      md.append(sel);
      const rm = document.createElement('td');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t('optionsRemove') || 'Remove';
      b.setAttribute('aria-label', (t('optionsRemove') || 'Remove') + ' ' + host);
      b.addEventListener('click', async () => { settings = await S.setSiteMode(host, 'automatic'); show(); });
      rm.append(b);
      tr.append(th, md, rm);
      tb.append(tr);
    }
  }

  function show() {
    $('enabled').checked = settings.enabled;
    $('indirect').checked = settings.indirect;
    $('min-confidence').value = String(settings.minConfidence);
    $('min-confidence-out').textContent = Math.round(settings.minConfidence * 100) + '%';
    $('uncertain-below').value = String(settings.uncertainBelow);
    $('uncertain-below-out').textContent = Math.round(settings.uncertainBelow * 100) + '%';
    $('palette').value = settings.palette;
    swatches();
    sites();
  }

  async function save(patch) {
    settings = await S.save(patch);
    show();
  }

  $('enabled').addEventListener('change', (e) => save({ enabled: e.target.checked }));
  $('indirect').addEventListener('change', (e) => save({ indirect: e.target.checked }));
  $('min-confidence').addEventListener('input', (e) => { $('min-confidence-out').textContent = Math.round(e.target.value * 100) + '%'; });
  $('min-confidence').addEventListener('change', (e) => save({ minConfidence: Number(e.target.value) }));
  $('uncertain-below').addEventListener('input', (e) => { $('uncertain-below-out').textContent = Math.round(e.target.value * 100) + '%'; });
  $('uncertain-below').addEventListener('change', (e) => save({ uncertainBelow: Number(e.target.value) }));
  $('palette').addEventListener('change', (e) => {
    const patch = { palette: e.target.value };
    if (e.target.value === 'custom' && !settings.customColors.length) patch.customColors = R.PALETTES.default.slice(0, 8);
    save(patch);
  });
  $('add-site').addEventListener('submit', async (e) => {
    e.preventDefault();
    const host = S.normaliseHost($('add-host').value);
    if (!host) { $('add-host').setCustomValidity(t('optionsBadHost') || 'Not a site name'); $('add-host').reportValidity(); return; }
    $('add-host').setCustomValidity('');
    settings = await S.setSiteMode(host, $('add-mode').value);
    $('add-host').value = '';
    show();
  });
  $('add-host').addEventListener('input', () => $('add-host').setCustomValidity(''));
  $('export').addEventListener('click', () => { $('sites-text').value = S.exportSites(settings); });
  $('download').addEventListener('click', () => {
    // a local blob: URL, nothing leaves the browser
    const url = URL.createObjectURL(new Blob([S.exportSites(settings)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'quotelens-sites.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('import-file').addEventListener('change', async (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) $('sites-text').value = await f.text();
  });
  $('import').addEventListener('click', async () => {
    let parsed;
    try {
      parsed = S.parseSites($('sites-text').value);
    } catch (err) {
      $('import-status').textContent = (t('optionsImportError') || 'Could not read that list:') + ' ' + err.message;
      return;
    }
    const n = Object.keys(parsed).length;
    settings = await S.save({ sites: Object.assign({}, settings.sites, parsed) });
    $('import-status').textContent = (t('optionsImported', [String(n)]) || `Imported ${n} sites.`);
    show();
  });

  // keyboard shortcut: Firefox can change it from here; Chrome has its own shortcuts page
  async function shortcut() {
    if (!api.commands || !api.commands.getAll) return;
    const cmds = await api.commands.getAll();
    const c = cmds.find((x) => x.name === 'toggle-labels');
    $('shortcut-now').textContent = (c && c.shortcut) || (t('optionsNoShortcut') || 'none');
    // every command (next / previous quote too), as the browser has them now
    $('shortcut-list').replaceChildren(...cmds.filter((x) => x.description).map((x) => {
      const li = document.createElement('li');
      const k = document.createElement('kbd');
      k.textContent = x.shortcut || (t('optionsNoShortcut') || 'none');
      li.append(x.description + ': ', k);
      return li;
    }));
    if (typeof api.commands.update === 'function') {
      $('shortcut-form').hidden = false;
      $('shortcut').value = (c && c.shortcut) || '';
      $('shortcut-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        try {
          await api.commands.update({ name: 'toggle-labels', shortcut: $('shortcut').value.trim() });
          $('shortcut-note').textContent = t('optionsSaved') || 'Saved.';
        } catch (err) {
          $('shortcut-note').textContent = String(err.message || err);
        }
        shortcut();
      }, { once: true });
    } else {
      $('shortcut-note').textContent = t('optionsShortcutChrome') || 'Change it at chrome://extensions/shortcuts.';
    }
  }

  api.storage.onChanged.addListener(async (changes, area) => {
    if (area === 'local') { settings = await S.load(); show(); }
  });
  S.load().then((s) => { settings = s; show(); });
  shortcut();
  api.runtime.sendMessage({ type: 'version' }).then((r) => {
    if (r && r.version) $('version').textContent = (t('optionsEngine') || 'Engine') + ' ' + r.version + ' · QuoteLens ' + api.runtime.getManifest().version;
  }, () => {});
})();
