/* QuoteLens — the reader's tools in the page (content script): confidence thresholds, the card's
 * "Copy quote" action and uncertainty note, moving from quote to quote with the keyboard command,
 * and the page's quotes + metadata for the popup's voices summary and exports.
 *
 * A classic script defining `QuoteLensReader`, loaded after settings.js, render.js, metadata.js and
 * export.js, before content.js, which calls:
 *   QuoteLensReader.applyThresholds(items, settings)  -> the items to draw (uncertain ones marked)
 *   QuoteLensReader.cardExtras                        createRenderer option: adds to each card
 *   QuoteLensReader.onMessage(msg, sendResponse, ctx) 'navigate' {dir: 1|-1} | 'export' (ctx: {renderer, items, analysis, active});
 *     content.js has already checked that the sender is this extension
 * Nothing here sends anything anywhere: copying writes the clipboard, exports go back to the popup.
 */
(function (root) {
  'use strict';

  const api = root.browser || root.chrome;
  const M = root.QuoteLensMetadata;
  const E = root.QuoteLensExport;
  const COPIED_MS = 1500; // how long the button says "Copied"

  function t(key, subs, fallback) {
    try { return (api && api.i18n && api.i18n.getMessage(key, subs)) || fallback; } catch (_) { return fallback; }
  }

  /**
   * Confidence is the measured precision of what made a label (issue 9). Attributed quotes below
   * settings.minConfidence are not drawn; those below settings.uncertainBelow are drawn as uncertain.
   * Unattributed quotes name nobody, so they claim nothing to hide: they are always drawn.
   */
  function applyThresholds(items, settings) {
    const hide = Number(settings && settings.minConfidence) || 0;
    const unsure = Math.max(hide, Number(settings && settings.uncertainBelow) || 0);
    const out = [];
    for (const it of items) {
      // the engine's confidences are f32 (0.9 arrives as 0.8999999761…): compare at 3 decimals
      const c = typeof it.confidence === 'number' ? Math.round(it.confidence * 1000) / 1000 : 1;
      if (it.speakerName && c < hide) continue;
      it.uncertain = !!it.speakerName && c < unsure;
      it.uncertainBelow = unsure;
      out.push(it);
    }
    return out;
  }

  /** Labels and cards in the browser's language: render.js's words from _locales ("label_<key>",
   * "kindText_<kind>"); a missing message keeps the English word. */
  function localise(R) {
    for (const k of Object.keys(R.STRINGS)) R.STRINGS[k] = t('label_' + k, null, R.STRINGS[k]);
    for (const k of Object.keys(R.KIND_TEXT)) R.KIND_TEXT[k] = t('kindText_' + k, null, R.KIND_TEXT[k]);
  }
  if (root.QuoteLensRender) localise(root.QuoteLensRender);

  // -------------------------------------------------------------------------------------------
  // Copying a quote with its attribution, as plain and rich text

  /** Writes text/plain + text/html through a copy event (works in both browsers from a click). */
  function writeClipboard(doc, text, html) {
    let done = false;
    const onCopy = (ev) => {
      ev.clipboardData.setData('text/plain', text);
      ev.clipboardData.setData('text/html', html);
      ev.preventDefault();
      ev.stopImmediatePropagation();
      done = true;
    };
    doc.addEventListener('copy', onCopy, true);
    try { doc.execCommand('copy'); } catch (_) { /* falls through to the async API */ } finally {
      doc.removeEventListener('copy', onCopy, true);
    }
    if (done) return Promise.resolve(true);
    const nav = doc.defaultView && doc.defaultView.navigator;
    if (nav && nav.clipboard && typeof nav.clipboard.writeText === 'function') return nav.clipboard.writeText(text).then(() => true, () => false);
    return Promise.resolve(false);
  }

  function copyQuote(doc, item) {
    const c = E.citation(E.record(item), M.read(doc));
    return writeClipboard(doc, c.text, c.html);
  }

  /** Added to every hover card: the uncertainty note, the anonymous-source note, "Copy quote". */
  function cardExtras(doc, card, item) {
    if (item.uncertain) {
      const p = doc.createElement('span');
      p.className = 'meta note-uncertain';
      const pct = String(Math.round((item.uncertainBelow || 0) * 100));
      p.textContent = t('cardUncertain', [pct], `Uncertain: labels like this one are right less than ${pct}% of the time.`);
      card.insertBefore(p, card.querySelector('.sec') || null);
    }
    if (item.speakerKind === 'anonymous') {
      const p = doc.createElement('span');
      p.className = 'meta note-anonymous';
      p.textContent = t('cardAnonymous', null, 'Unnamed source: the article does not say who this is.');
      card.insertBefore(p, card.querySelector('.sec') || null);
    }
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    const label = t('cardCopy', null, 'Copy quote with source');
    b.textContent = label;
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      copyQuote(doc, item).then((ok) => {
        b.textContent = ok ? t('cardCopied', null, 'Copied') : t('cardCopyFailed', null, 'Could not copy');
        setTimeout(() => { b.textContent = label; }, COPIED_MS);
      });
    });
    card.append(b);
  }

  // -------------------------------------------------------------------------------------------
  // Keyboard: next / previous quote (the browser command), opening its card

  let current = null; // id of the quote last moved to

  function orderedIds(renderer) {
    const ids = [];
    for (const g of renderer.summary()) for (const q of g.quotes) ids.push(q.id);
    // page order of the quotes themselves (the labels sit in one overlay, not next to their quotes)
    const range = (id) => { const e = renderer.entry(id); return e && e.item && e.item.range; };
    return ids.filter(range).sort((a, b) => range(a).compareBoundaryPoints(Range.START_TO_START, range(b)));
  }

  function navigate(renderer, dir) {
    if (!renderer || !renderer.count) return { ok: false, id: null };
    const ids = orderedIds(renderer);
    if (!ids.length) return { ok: false, id: null };
    let i = ids.indexOf(current);
    i = i < 0 ? (dir < 0 ? ids.length - 1 : 0) : (i + (dir < 0 ? -1 : 1) + ids.length) % ids.length;
    current = ids[i];
    renderer.reveal(current);
    const e = renderer.entry(current);
    // open the card as a dialog and move focus into it: screen readers announce it
    if (e && e.button) e.button.click();
    return { ok: true, id: current, index: i, total: ids.length };
  }

  // -------------------------------------------------------------------------------------------
  // Messages

  function exportData(ctx) {
    const byEngine = new Map(((ctx.analysis && ctx.analysis.quotes) || []).map((q) => [q.id, q]));
    const items = ctx.active ? ctx.items || [] : [];
    return {
      meta: M.read(root.document),
      records: items.map((it) => E.record(it, byEngine.get(it.engineId))),
      engineVersion: (ctx.analysis && ctx.analysis.version) || null,
    };
  }

  function onMessage(msg, sendResponse, ctx) {
    switch (msg.type) {
      case 'navigate':
        if (msg.dir !== 1 && msg.dir !== -1) return false; // a malformed payload gets no answer
        sendResponse(navigate(ctx.active ? ctx.renderer : null, msg.dir));
        return false;
      case 'export':
        sendResponse(exportData(ctx));
        return false;
      default:
        return false;
    }
  }

  root.QuoteLensReader = { applyThresholds, cardExtras, copyQuote, writeClipboard, navigate, onMessage, exportData };
})(typeof globalThis !== 'undefined' ? globalThis : this);
