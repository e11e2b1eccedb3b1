/* QuoteLens — "Voices": whose voices does this story carry? A summary of the page's sources for the
 * popup and the demo page (www/build.mjs copies this very file into www/shared/).
 *
 * A classic script defining the global `QuoteLensVoices`; no extension API, no charting library.
 *
 *   QuoteLensVoices.summarize(quotes)   quotes: [{speaker, speakerKind, kind, text}]
 *     -> {quotes, words, speakers: [{name, kind, quotes, words, share}], categories: {...},
 *         kinds: {direct, mixed, indirect}}   (serialisable; shares are 0..1 of the quoted words)
 *   QuoteLensVoices.fromGroups(groups)  the renderer's "who said what" groups -> quotes for summarize
 *   QuoteLensVoices.build(doc, summary, {t, lang})  -> an element: a real <table> whose cells carry
 *     the bars (aria-hidden), so a screen reader reads numbers and the eye sees the chart.
 *
 * Categories: person, organisation, anonymous (unnamed sources: "a senior official"), unknown
 * (a speaker the engine could not classify) and unattributed (no speaker at all), counted apart.
 */
(function (root) {
  'use strict';

  /** How many speakers the table lists before folding the rest into "others". */
  const MAX_ROWS = 8;
  const CATEGORIES = ['person', 'organisation', 'anonymous', 'unknown', 'unattributed'];
  const KINDS = ['direct', 'mixed', 'indirect'];
  // English fallbacks; the extension passes its _locales strings through `t`
  const EN = {
    voicesTitle: 'Voices',
    voicesCaption: 'Sources quoted on this page, by share of quoted words',
    voicesSpeaker: 'Speaker',
    voicesQuotes: 'Quotes',
    voicesWords: 'Share of quoted words',
    voicesOthers: 'Others ($1)',
    voicesUnattributed: 'Unattributed',
    voicesByKind: 'Kinds of source',
    voicesCategory: 'Kind of source',
    catPerson: 'People',
    catOrganisation: 'Organisations',
    catAnonymous: 'Unnamed sources',
    catUnknown: 'Other speakers',
    catUnattributed: 'Unattributed quotes',
    voicesHow: 'How quoted',
    kindDirect: 'Direct',
    kindMixed: 'Mixed',
    kindIndirect: 'Paraphrased',
    voicesSummary: '$1 quotes, $2 quoted words, $3 speakers',
    voicesEmpty: 'No quotes on this page.',
  };

  /** Words in a quote: runs of letters or digits (any script); quotation marks do not count. */
  function countWords(text) {
    const m = String(text || '').match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
    return m ? m.length : 0;
  }

  function categoryOf(q) {
    if (!q.speaker) return 'unattributed';
    const k = String(q.speakerKind || '').toLowerCase();
    if (k === 'person') return 'person';
    if (k === 'organisation' || k === 'organization') return 'organisation';
    if (k === 'anonymous') return 'anonymous';
    return 'unknown';
  }

  function share(part, whole) {
    return whole > 0 ? part / whole : 0;
  }

  function summarize(quotes) {
    const list = Array.isArray(quotes) ? quotes : [];
    const bySpeaker = new Map();
    const categories = {};
    for (const c of CATEGORIES) categories[c] = { quotes: 0, words: 0, speakers: 0, share: 0 };
    const kinds = {};
    for (const k of KINDS) kinds[k] = { quotes: 0, words: 0, share: 0 };
    let words = 0;
    for (const q of list) {
      const w = countWords(q.text);
      words += w;
      const cat = categoryOf(q);
      categories[cat].quotes++;
      categories[cat].words += w;
      const kind = KINDS.includes(q.kind) ? q.kind : 'direct';
      kinds[kind].quotes++;
      kinds[kind].words += w;
      const key = q.speaker ? String(q.speaker).toLowerCase() : '';
      let s = bySpeaker.get(key);
      if (!s) {
        s = { name: q.speaker || '', kind: cat, quotes: 0, words: 0, share: 0 };
        bySpeaker.set(key, s);
        if (q.speaker) categories[cat].speakers++;
      }
      s.quotes++;
      s.words += w;
    }
    for (const c of CATEGORIES) categories[c].share = share(categories[c].words, words);
    for (const k of KINDS) kinds[k].share = share(kinds[k].words, words);
    const speakers = [...bySpeaker.values()].map((s) => Object.assign(s, { share: share(s.words, words) }));
    // named speakers by share of words (then quotes, then name); the unattributed row last
    speakers.sort((a, b) => (!a.name - !b.name) || b.words - a.words || b.quotes - a.quotes || a.name.localeCompare(b.name));
    return { quotes: list.length, words, speakers, categories, kinds };
  }

  /** The renderer's groups ({speaker, speakerKind, quotes: [{text, kind}]}) -> quotes. */
  function fromGroups(groups) {
    const out = [];
    for (const g of groups || []) {
      for (const q of g.quotes || []) out.push({ speaker: g.speaker || '', speakerKind: g.speakerKind || null, kind: q.kind, text: q.text });
    }
    return out;
  }

  function pct(x, lang) {
    try {
      return new Intl.NumberFormat(lang || undefined, { style: 'percent', maximumFractionDigits: 0 }).format(x);
    } catch (_) {
      return Math.round(x * 100) + '%';
    }
  }

  function build(doc, summary, opts) {
    opts = opts || {};
    const lang = opts.lang;
    const t = (key, subs) => {
      const m = opts.t ? opts.t(key, subs) : '';
      if (m) return m;
      let s = EN[key] || key;
      (subs || []).forEach((v, i) => { s = s.split('$' + (i + 1)).join(v); });
      return s;
    };
    const el = (tag, cls, text) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    };
    const wrap = el('div', 'qlv');
    if (!summary || !summary.quotes) {
      wrap.append(el('p', 'qlv-empty', t('voicesEmpty')));
      return wrap;
    }
    const speakers = summary.speakers.filter((s) => s.name).length;
    wrap.append(el('p', 'qlv-total', t('voicesSummary', [String(summary.quotes), String(summary.words), String(speakers)])));

    // one table, a row per source; the bar is decoration (aria-hidden), the cell says the number
    const bar = (value, cat) => {
      const cell = el('td', 'qlv-share');
      const track = el('span', 'qlv-track');
      track.setAttribute('aria-hidden', 'true');
      const fill = el('span', 'qlv-bar qlv-' + cat);
      fill.style.width = Math.max(value > 0 ? 2 : 0, Math.round(value * 100)) + '%';
      track.append(fill);
      cell.append(track, el('span', 'qlv-num', pct(value, lang)));
      return cell;
    };
    const table = (caption, head, rows, cls) => {
      const tb = el('table', 'qlv-table ' + cls);
      tb.append(el('caption', null, caption));
      const thead = el('thead');
      const hr = el('tr');
      for (const h of head) {
        const th = el('th', null, h);
        th.scope = 'col';
        hr.append(th);
      }
      thead.append(hr);
      const tbody = el('tbody');
      for (const r of rows) {
        const tr = el('tr', 'qlv-row qlv-row-' + r.cat);
        if (r.key) tr.dataset.key = r.key;
        const th = el('th', null, r.label);
        th.scope = 'row';
        tr.append(th, el('td', 'qlv-count', String(r.quotes)), bar(r.share, r.cat));
        tbody.append(tr);
      }
      tb.append(thead, tbody);
      return tb;
    };

    const catName = {
      person: t('catPerson'), organisation: t('catOrganisation'), anonymous: t('catAnonymous'),
      unknown: t('catUnknown'), unattributed: t('catUnattributed'),
    };
    const rows = [];
    const namedRows = summary.speakers.filter((s) => s.name);
    for (const s of namedRows.slice(0, MAX_ROWS)) {
      rows.push({ label: s.name, quotes: s.quotes, share: s.share, cat: s.kind, key: s.name });
    }
    const rest = namedRows.slice(MAX_ROWS);
    if (rest.length) {
      rows.push({
        label: t('voicesOthers', [String(rest.length)]), quotes: rest.reduce((n, s) => n + s.quotes, 0),
        share: rest.reduce((n, s) => n + s.share, 0), cat: 'others',
      });
    }
    const un = summary.speakers.find((s) => !s.name);
    if (un) rows.push({ label: t('voicesUnattributed'), quotes: un.quotes, share: un.share, cat: 'unattributed', key: '' });
    wrap.append(table(t('voicesCaption'), [t('voicesSpeaker'), t('voicesQuotes'), t('voicesWords')], rows, 'qlv-speakers'));

    const catRows = CATEGORIES.filter((c) => summary.categories[c].quotes > 0)
      .map((c) => ({ label: catName[c], quotes: summary.categories[c].quotes, share: summary.categories[c].share, cat: c, key: c }));
    wrap.append(table(t('voicesByKind'), [t('voicesCategory'), t('voicesQuotes'), t('voicesWords')], catRows, 'qlv-categories'));

    const kindName = { direct: t('kindDirect'), mixed: t('kindMixed'), indirect: t('kindIndirect') };
    const kindRows = KINDS.filter((k) => summary.kinds[k].quotes > 0)
      .map((k) => ({ label: kindName[k], quotes: summary.kinds[k].quotes, share: summary.kinds[k].share, cat: 'k-' + k, key: k }));
    wrap.append(table(t('voicesHow'), [t('voicesHow'), t('voicesQuotes'), t('voicesWords')], kindRows, 'qlv-kinds'));
    return wrap;
  }

  root.QuoteLensVoices = { MAX_ROWS, CATEGORIES, KINDS, EN, countWords, categoryOf, summarize, fromGroups, build };
})(typeof globalThis !== 'undefined' ? globalThis : this);
