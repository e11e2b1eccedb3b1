/* QuoteLens — fills [data-i18n] elements of extension pages from _locales (textContent only). */
(function () {
  'use strict';
  const api = globalThis.browser || globalThis.chrome;
  function t(key, subs) {
    try { return api.i18n.getMessage(key, subs) || ''; } catch (_) { return ''; }
  }
  function localise(doc) {
    const lang = t('uiLang');
    if (lang) doc.documentElement.lang = lang;
    for (const el of doc.querySelectorAll('[data-i18n]')) {
      const m = t(el.getAttribute('data-i18n'));
      if (m) el.textContent = m;
    }
    for (const el of doc.querySelectorAll('[data-i18n-label]')) {
      const m = t(el.getAttribute('data-i18n-label'));
      if (m) el.setAttribute('aria-label', m);
    }
  }
  globalThis.QuoteLensI18n = { t, localise };
  localise(document);
})();
