/* QuoteLens — drawing labels, hover cards, colours and the "who said what" grouping.
 *
 * A classic script that defines one global, `QuoteLensRender`, and uses no extension API: the
 * content script, the popup and the demo page in www/ all load this very file.
 *
 *   const r = QuoteLensRender.createRenderer({doc, palette: 'default' | colors: [...], highlight: 'auto'|'wrap'})
 *   r.render(items)   items: [{id, range, text, kind, speakerName, role, speakerKind, sentence, confidence}]
 *   r.clear()         removes everything render() added; the DOM is exactly what it was before
 *   r.reveal(id)      scrolls to a quote and focuses its label
 *   r.summary()       serialisable "who said what" groups
 *   QuoteLensRender.groupBySpeaker(items, colors)
 *   QuoteLensRender.buildWhoSaidWhat(doc, groups, {onSelect})  -> an element (popup, demo)
 *   QuoteLensRender.pageCss(colors)   CSS for ::highlight() in the page (extension: page.css)
 *
 * Contract (tests rely on it): every labelled quote has exactly one light-DOM element, the label's
 * shadow host <quotelens-label>, carrying data-quotelens-quote/-speaker/-kind/-text.
 * Page text only ever goes into the DOM through textContent or attributes, never innerHTML.
 */
(function (root) {
  'use strict';

  const PALETTES = {
    // distinct hues that keep contrast on white and on near-black pages
    default: ['#d6336c', '#1c7ed6', '#2b8a3e', '#9c36b5', '#e67700', '#0c8599', '#c92a2a', '#5c940d', '#6741d9', '#a0522d'],
    // Okabe–Ito, safe for the common colour-vision deficiencies
    colorblind: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#b8a400', '#7f7f7f'],
    // fewer, darker hues
    contrast: ['#a61e4d', '#1864ab', '#2b8a3e', '#862e9c', '#d9480f', '#0b7285'],
  };
  const UNATTRIBUTED = '#868e96';
  const HOST_TAG = 'quotelens-label';
  const MARK_TAG = 'quotelens-mark';
  const KIND_TEXT = {
    direct: 'Direct quote',
    mixed: 'Mixed quote (partly quoted, partly paraphrased)',
    indirect: 'Indirect speech (paraphrase)',
  };
  // the words on labels and cards; the extension's content script puts its _locales messages in
  // here (reader.js: localise), the demo keeps English. "{1}", "{2}": substitutions.
  const STRINGS = {
    labelUnattributed: '— unattributed', unattributed: 'Unattributed', unknownSpeaker: 'unknown speaker (unattributed)',
    quoteBy: 'quote by {1}, {2}', unnamedSource: 'unnamed source', uncertain: 'uncertain', showDetails: 'Show details.',
    details: 'Quote details: {1}', unresolved: 'the speaker could not be resolved', confidence: 'confidence {1}%',
    attribution: 'Attribution', allBy1: 'All {1} quote by {2}', allBy: 'All {1} quotes by {2}',
    allUnattributed1: 'All {1} unattributed quote', allUnattributed: 'All {1} unattributed quotes',
    direct: 'direct', mixed: 'mixed', indirect: 'indirect',
  };
  function str(key, ...subs) {
    let s = STRINGS[key];
    subs.forEach((v, i) => { s = s.split('{' + (i + 1) + '}').join(v); });
    return s;
  }
  const INLINE_CLIMB = new Set([
    'a', 'em', 'i', 'b', 'strong', 'span', 'q', 'cite', 'mark', 'u', 's', 'small', 'font', 'abbr',
    'sup', 'sub', 'time', 'bdi', 'bdo', 'dfn', 'ins', 'del', 'code', 'var', 'kbd', 'samp', 'data',
  ]);

  function colorsFor(opts) {
    if (opts && Array.isArray(opts.colors) && opts.colors.length) return opts.colors.slice();
    return PALETTES[(opts && opts.palette) || 'default'] || PALETTES.default;
  }

  function collapse(s) {
    return String(s || '').replace(/[\s\u00A0]+/g, ' ').trim();
  }

  function clip(s, n) {
    const cps = Array.from(s);
    return cps.length <= n ? s : cps.slice(0, n - 1).join('') + '…';
  }

  function labelText(item) {
    return item.speakerName ? '— ' + item.speakerName : STRINGS.labelUnattributed;
  }

  /** Colour slot per speaker, in order of first appearance; -1 = unattributed. */
  function speakerSlots(items) {
    const slots = new Map();
    for (const it of items) {
      const key = (it.speakerName || '').toLowerCase();
      if (key && !slots.has(key)) slots.set(key, slots.size);
    }
    return (it) => {
      const key = (it.speakerName || '').toLowerCase();
      return key ? slots.get(key) : -1;
    };
  }

  function highlightName(slot, kind, n) {
    if (slot < 0) return kind === 'indirect' ? 'quotelens-ui' : 'quotelens-u';
    return (kind === 'indirect' ? 'quotelens-i' : 'quotelens-s') + (slot % n);
  }

  /** CSS for the page: ::highlight() rules for every colour slot. */
  function pageCss(colors) {
    colors = colors || PALETTES.default;
    const out = [];
    colors.forEach((c, i) => {
      out.push(`::highlight(quotelens-s${i}){background-color:${c}2e;text-decoration:underline 2px ${c};text-underline-offset:.18em}`);
      out.push(`::highlight(quotelens-i${i}){background-color:${c}12;text-decoration:underline dotted 2px ${c};text-underline-offset:.18em}`);
    });
    out.push(`::highlight(quotelens-u){background-color:${UNATTRIBUTED}2e;text-decoration:underline wavy 1px ${UNATTRIBUTED}}`);
    out.push(`::highlight(quotelens-ui){background-color:${UNATTRIBUTED}12;text-decoration:underline dotted 1px ${UNATTRIBUTED}}`);
    return out.join('\n') + '\n';
  }

  /** "Who said what": groups by speaker, biggest first, unattributed last. Serialisable. */
  function groupBySpeaker(items, colors) {
    colors = colors || PALETTES.default;
    const slotOf = speakerSlots(items);
    const groups = new Map();
    items.forEach((it, order) => {
      const key = (it.speakerName || '').toLowerCase();
      let g = groups.get(key);
      if (!g) {
        const slot = slotOf(it);
        g = {
          speaker: it.speakerName || '', role: it.role || null, speakerKind: it.speakerKind || null,
          color: slot < 0 ? UNATTRIBUTED : colors[slot % colors.length], first: order, quotes: [],
        };
        groups.set(key, g);
      }
      if (!g.role && it.role) g.role = it.role;
      g.quotes.push({ id: it.id, text: it.text, kind: it.kind });
    });
    return [...groups.values()].sort((a, b) => {
      if (!a.speaker !== !b.speaker) return a.speaker ? -1 : 1;
      return b.quotes.length - a.quotes.length || a.first - b.first;
    }).map(({ first, ...g }) => g);
  }

  /** The "who said what" list as DOM (textContent only). `onSelect(id)` on click. */
  function buildWhoSaidWhat(doc, groups, opts) {
    const onSelect = (opts && opts.onSelect) || (() => {});
    const wrap = doc.createElement('div');
    wrap.className = 'qlw';
    if (!groups.length) {
      const p = doc.createElement('p');
      p.className = 'qlw-empty';
      p.textContent = (opts && opts.emptyText) || 'No quotes found.';
      wrap.append(p);
      return wrap;
    }
    for (const g of groups) {
      const sec = doc.createElement('section');
      sec.className = 'qlw-group';
      const h = doc.createElement('h3');
      h.className = 'qlw-speaker';
      const dot = doc.createElement('span');
      dot.className = 'qlw-dot';
      dot.style.backgroundColor = g.color;
      const name = doc.createElement('span');
      name.className = 'qlw-name';
      name.textContent = g.speaker || STRINGS.unattributed;
      const count = doc.createElement('span');
      count.className = 'qlw-count';
      count.textContent = String(g.quotes.length);
      h.append(dot, name, count);
      sec.append(h);
      if (g.role) {
        const role = doc.createElement('div');
        role.className = 'qlw-role';
        role.textContent = g.role;
        sec.append(role);
      }
      const ol = doc.createElement('ol');
      for (const q of g.quotes) {
        const li = doc.createElement('li');
        const b = doc.createElement('button');
        b.type = 'button';
        b.className = 'qlw-quote qlw-' + q.kind;
        b.textContent = clip(q.text, 110);
        b.title = KIND_TEXT[q.kind] || q.kind;
        b.dataset.quoteId = q.id;
        b.addEventListener('click', () => onSelect(q.id));
        li.append(b);
        ol.append(li);
      }
      sec.append(ol);
      wrap.append(sec);
    }
    return wrap;
  }

  // ---------------------------------------------------------------------------------------------
  // Label + card styles (inside each label's shadow root)

  const SHADOW_CSS = `
:host{all:initial!important;display:inline!important;font-size:inherit!important;line-height:inherit!important;
  user-select:none!important;-webkit-user-select:none!important;white-space:nowrap!important}
.ql{all:initial;box-sizing:border-box;display:inline-block;vertical-align:baseline;cursor:pointer;
  margin:0 .15em 0 .3em;padding:.12em .45em;border-radius:.7em;max-width:18em;overflow:hidden;text-overflow:ellipsis;
  white-space:nowrap;font:600 .72em/1.05 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
  color:#1a1a1a;background:color-mix(in srgb,var(--c) 16%,#fff);border:1px solid var(--c);
  user-select:none;-webkit-user-select:none}
.ql::before{content:attr(data-label)}
.ql.indirect{border-style:dashed;font-style:italic;font-weight:500}
.ql.unattributed{border-style:dotted;color:#495057}
.ql.dark{color:#f1f3f5;background:color-mix(in srgb,var(--c) 30%,#111)}
.ql.dark.unattributed{color:#ced4da}
.ql:focus,.ql:focus-visible{outline:2px solid var(--c);outline-offset:2px}
.ql.anonymous{border-style:double;border-width:3px;font-style:italic}
.ql.anonymous::before{content:"◌ " attr(data-label)}
.ql.uncertain{border-style:dashed;background:repeating-linear-gradient(135deg,color-mix(in srgb,var(--c) 10%,#fff) 0 4px,#fff 4px 8px)}
.ql.uncertain::after{content:" ?"}
.ql.dark.uncertain{background:repeating-linear-gradient(135deg,color-mix(in srgb,var(--c) 25%,#111) 0 4px,#111 4px 8px)}
.card .copy{all:unset;box-sizing:border-box;display:inline-block;margin-top:.6rem;padding:.25rem .6rem;border-radius:.3rem;cursor:pointer;
  font-size:12px;font-weight:600;border:1px solid var(--c)}
.card .copy:hover,.card .copy:focus-visible,.card .copy:focus{outline:2px solid var(--c);outline-offset:1px}
.ql:hover{background:color-mix(in srgb,var(--c) 28%,#fff)}
.ql.dark:hover{background:color-mix(in srgb,var(--c) 45%,#111)}
.ql.flash{animation:ql-flash 1.2s ease-out 1}
@keyframes ql-flash{0%,40%{box-shadow:0 0 0 .35em color-mix(in srgb,var(--c) 55%,transparent)}100%{box-shadow:0 0 0 0 transparent}}
.card{all:initial;position:fixed;inset:auto;margin:0;z-index:2147483647;box-sizing:border-box;width:min(24rem,calc(100vw - 16px));
  max-height:min(26rem,calc(100vh - 16px));overflow:auto;padding:.75rem .9rem;border-radius:.6rem;
  font:400 13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;
  border:1px solid #ced4da;border-top:4px solid var(--c);box-shadow:0 6px 24px rgba(0,0,0,.25);white-space:normal;
  user-select:text;-webkit-user-select:text;text-align:start}
.card[hidden]{display:none}
.card.dark{color:#f1f3f5;background:#1e1f22;border-color:#495057;border-top-color:var(--c)}
.card h2{all:unset;display:block;font-weight:700;font-size:15px}
.card .meta{display:block;color:#495057;font-size:12px;margin-top:.1rem}
.card.dark .meta{color:#adb5bd}
.card .sec{display:block;margin-top:.55rem;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#495057}
.card.dark .sec{color:#adb5bd}
.card blockquote{all:unset;display:block;margin-top:.2rem;padding-left:.6rem;border-left:3px solid var(--c)}
.card ol{all:unset;display:block;margin-top:.2rem}
.card li{all:unset;display:block}
.card li button{all:unset;box-sizing:border-box;display:block;width:100%;cursor:pointer;padding:.2rem .3rem;border-radius:.3rem;font-size:12px}
.card li button:hover,.card li button:focus-visible{background:color-mix(in srgb,var(--c) 18%,transparent);outline:1px solid var(--c)}
.card li button[aria-current="true"]{font-weight:700}
`;

  let sharedSheet = null;
  function styleShadow(doc, sr) {
    // constructable sheets are not subject to the page's style-src CSP; <style> is the fallback
    try {
      const View = doc.defaultView;
      if (!sharedSheet && View && typeof View.CSSStyleSheet === 'function' && 'adoptedStyleSheets' in sr) {
        const s = new View.CSSStyleSheet();
        s.replaceSync(SHADOW_CSS);
        sharedSheet = s;
      }
      if (sharedSheet) {
        sr.adoptedStyleSheets = [sharedSheet];
        return;
      }
    } catch (_) {
      sharedSheet = null;
    }
    const st = doc.createElement('style');
    st.textContent = SHADOW_CSS;
    sr.append(st);
  }

  function luminance(rgb) {
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(rgb || '');
    if (!m) return 0;
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(+m[1]) + 0.7152 * f(+m[2]) + 0.0722 * f(+m[3]);
  }

  /** Light or dark page, judged by the article text colour (light text = dark page). */
  function detectTheme(doc, el) {
    const view = doc.defaultView;
    if (!view || !el) return 'light';
    try {
      return luminance(view.getComputedStyle(el).color) > 0.45 ? 'dark' : 'light';
    } catch (_) {
      return 'light';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The renderer

  function createRenderer(opts) {
    opts = opts || {};
    const doc = opts.doc || root.document;
    const colors = colorsFor(opts);
    const useHighlights = opts.highlight !== 'wrap' && typeof root.CSS !== 'undefined' && root.CSS &&
      root.CSS.highlights && typeof root.Highlight === 'function';
    let journal = [];
    let entries = new Map(); // id -> {host, button, item, slot, card}
    let items = [];
    let highlightNames = [];
    let open = null; // the entry whose card is shown
    let hideTimer = 0;
    let theme = 'light';
    let groups = [];
    let pageSheet = null;

    function installPageSheet() {
      // custom colours: a constructable sheet (not part of the serialised DOM). The extension also
      // ships page.css with the default palette, for pages where this is not possible.
      if (!opts.pageStyles) return;
      try {
        const View = doc.defaultView;
        const s = new View.CSSStyleSheet();
        s.replaceSync(pageCss(colors));
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, s];
        pageSheet = s;
      } catch (_) {
        pageSheet = null;
      }
    }

    function split(node, at) {
      const tail = node.splitText(at);
      journal.push({ t: 'split', a: node, b: tail });
      return tail;
    }

    function insert(el, parent, before) {
      parent.insertBefore(el, before);
      journal.push({ t: 'insert', n: el });
    }

    function labelPoint(range) {
      let node = range.endContainer;
      let off = range.endOffset;
      if (node.nodeType === 3) {
        const inLink = node.parentElement && node.parentElement.closest('a');
        if (off > 0 && off < node.length && !inLink) {
          const tail = split(node, off);
          return { parent: tail.parentNode, before: tail };
        }
        const idx = Array.prototype.indexOf.call(node.parentNode.childNodes, node);
        off = idx + (off > 0 ? 1 : 0);
        node = node.parentNode;
      }
      while (node && node.nodeType === 1 && INLINE_CLIMB.has(node.localName) && node.parentNode) {
        let atEnd = true;
        for (let i = off; i < node.childNodes.length; i++) {
          const c = node.childNodes[i];
          if ((c.nodeType === 3 && /[^\s\u00A0]/.test(c.data)) || (c.nodeType === 1 && c.localName !== HOST_TAG)) { atEnd = false; break; }
        }
        if (!atEnd && !node.closest('a')) break;
        const parent = node.parentNode;
        off = Array.prototype.indexOf.call(parent.childNodes, node) + 1;
        node = parent;
      }
      // keep labels after one another when several quotes end at the same point
      let before = node.childNodes[off] || null;
      while (before && before.nodeType === 1 && before.localName === HOST_TAG) before = before.nextSibling;
      return { parent: node, before };
    }

    function wrapHighlights(list) {
      // fallback without the CSS Custom Highlight API: wrap the text in <quotelens-mark>
      const segs = [];
      for (const { item, slot } of list) {
        const r = item.range;
        const walker = doc.createTreeWalker(r.commonAncestorContainer.nodeType === 3 ? r.commonAncestorContainer.parentNode : r.commonAncestorContainer, 4);
        let n = walker.currentNode.nodeType === 3 ? walker.currentNode : walker.nextNode();
        for (; n; n = walker.nextNode()) {
          if (!r.intersectsNode(n)) continue;
          if (n.parentNode && n.parentNode.localName === MARK_TAG) continue;
          const s = n === r.startContainer ? r.startOffset : 0;
          const e = n === r.endContainer ? r.endOffset : n.length;
          if (e > s && /[^\s\u00A0]/.test(n.data.slice(s, e))) segs.push({ n, s, e, item, slot });
        }
      }
      // from the end of the document backwards, so earlier offsets stay valid
      segs.sort((x, y) => (x.n === y.n ? y.s - x.s : (x.n.compareDocumentPosition(y.n) & 4 ? 1 : -1)));
      let lastNode = null;
      let lastStart = Infinity;
      for (const g of segs) {
        if (g.n === lastNode && g.e > lastStart) continue; // overlapping (nested) quote: skip
        if (g.e < g.n.length) split(g.n, g.e);
        const mid = g.s > 0 ? split(g.n, g.s) : g.n;
        const w = doc.createElement(MARK_TAG);
        const c = g.slot < 0 ? UNATTRIBUTED : colors[g.slot % colors.length];
        w.style.backgroundColor = c + (g.item.kind === 'indirect' ? '14' : '2e');
        w.style.textDecoration = 'underline ' + (g.item.kind === 'indirect' ? 'dotted ' : '') + c;
        mid.parentNode.insertBefore(w, mid);
        w.appendChild(mid);
        journal.push({ t: 'wrap', w, n: mid });
        lastNode = g.n;
        lastStart = g.s;
      }
    }

    function makeLabel(item, slot) {
      const host = doc.createElement(HOST_TAG);
      host.setAttribute('data-quotelens-quote', item.id);
      host.setAttribute('data-quotelens-speaker', item.speakerName || '');
      host.setAttribute('data-quotelens-kind', item.kind);
      host.setAttribute('data-quotelens-text', item.text);
      const sr = host.attachShadow({ mode: 'open' });
      styleShadow(doc, sr);
      const b = doc.createElement('button');
      b.type = 'button';
      b.className = 'ql ' + item.kind + (slot < 0 ? ' unattributed' : '') + (theme === 'dark' ? ' dark' : '') +
        (item.speakerKind === 'anonymous' ? ' anonymous' : '') + (item.uncertain ? ' uncertain' : '');
      b.style.setProperty('--c', slot < 0 ? UNATTRIBUTED : colors[slot % colors.length]);
      b.setAttribute('data-label', labelText(item));
      const who = item.speakerName || STRINGS.unknownSpeaker;
      b.setAttribute('aria-label', str('quoteBy', who, STRINGS[item.kind] || item.kind) + (item.speakerKind === 'anonymous' ? ', ' + STRINGS.unnamedSource : '') +
        (item.uncertain ? ', ' + STRINGS.uncertain : '') + '. ' + STRINGS.showDetails);
      b.setAttribute('aria-haspopup', 'dialog');
      b.setAttribute('aria-expanded', 'false');
      b.setAttribute('part', 'label');
      sr.append(b);
      const entry = { host, button: b, item, slot, card: null, sr };
      b.addEventListener('mouseenter', () => scheduleShow(entry));
      b.addEventListener('mouseleave', () => scheduleHide());
      b.addEventListener('focus', () => { if (!entry.quiet) show(entry, false); });
      b.addEventListener('blur', (ev) => { if (!entry.card || !entry.card.contains(ev.relatedTarget)) scheduleHide(); });
      b.addEventListener('click', (ev) => {
        ev.preventDefault();
        ev.stopPropagation();
        show(entry, true);
      });
      b.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape') { hide(); ev.stopPropagation(); }
      });
      // labels never start a text selection or a drag
      host.addEventListener('mousedown', (ev) => { if (ev.composedPath()[0] === b) ev.preventDefault(); });
      return entry;
    }

    function buildCard(entry) {
      const { item, slot } = entry;
      const card = doc.createElement('div');
      card.className = 'card' + (theme === 'dark' ? ' dark' : '');
      card.id = 'card';
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', str('details', item.speakerName || STRINGS.unattributed));
      card.style.setProperty('--c', slot < 0 ? UNATTRIBUTED : colors[slot % colors.length]);
      card.hidden = true;
      if ('popover' in card) card.popover = 'manual';
      const h = doc.createElement('h2');
      h.textContent = item.speakerName || STRINGS.unattributed;
      card.append(h);
      const meta = [];
      if (item.role) meta.push(item.role);
      if (item.speakerKind && item.speakerKind !== 'unknown') meta.push(item.speakerKind);
      if (!item.speakerName) meta.push(STRINGS.unresolved);
      if (meta.length) {
        const m = doc.createElement('span');
        m.className = 'meta';
        m.textContent = meta.join(' · ');
        card.append(m);
      }
      const kind = doc.createElement('span');
      kind.className = 'meta';
      kind.textContent = (KIND_TEXT[item.kind] || item.kind) +
        (typeof item.confidence === 'number' ? ' · ' + str('confidence', String(Math.round(item.confidence * 100))) : '');
      card.append(kind);
      if (item.sentence) {
        const s = doc.createElement('span');
        s.className = 'sec';
        s.textContent = STRINGS.attribution;
        const bq = doc.createElement('blockquote');
        bq.textContent = clip(item.sentence, 400);
        card.append(s, bq);
      }
      const same = items.filter((o) => (o.speakerName || '').toLowerCase() === (item.speakerName || '').toLowerCase());
      const s2 = doc.createElement('span');
      s2.className = 'sec';
      const n1 = same.length === 1 ? '1' : '';
      s2.textContent = item.speakerName ? str('allBy' + n1, String(same.length), item.speakerName) : str('allUnattributed' + n1, String(same.length));
      const ol = doc.createElement('ol');
      for (const o of same) {
        const li = doc.createElement('li');
        const b = doc.createElement('button');
        b.type = 'button';
        b.textContent = clip(o.text, 120);
        if (o.id === item.id) b.setAttribute('aria-current', 'true');
        b.addEventListener('click', (ev) => { ev.stopPropagation(); hide(); reveal(o.id); });
        li.append(b);
        ol.append(li);
      }
      card.append(s2, ol);
      if (opts.cardExtras) opts.cardExtras(doc, card, item); // content script: reader.js
      card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
      card.addEventListener('mouseleave', () => scheduleHide());
      card.addEventListener('focusout', (ev) => {
        if (!card.contains(ev.relatedTarget) && ev.relatedTarget !== entry.button) scheduleHide();
      });
      card.addEventListener('keydown', (ev) => {
        // back to the label, with the card staying closed (focusing a label would show it again)
        if (ev.key === 'Escape') { ev.stopPropagation(); hide(); entry.quiet = true; entry.button.focus(); entry.quiet = false; }
      });
      card.addEventListener('mousedown', (ev) => ev.stopPropagation());
      entry.sr.append(card);
      entry.button.setAttribute('aria-controls', 'card');
      entry.card = card;
      return card;
    }

    function position(entry) {
      const card = entry.card;
      const view = doc.defaultView;
      const r = entry.button.getBoundingClientRect();
      const w = card.offsetWidth || 320;
      const h = card.offsetHeight || 160;
      const vw = view.innerWidth;
      const vh = view.innerHeight;
      let left = Math.min(Math.max(8, r.left), vw - w - 8);
      let top = r.bottom + 6;
      if (top + h > vh - 8 && r.top - h - 6 > 8) top = r.top - h - 6;
      card.style.left = Math.max(8, left) + 'px';
      card.style.top = Math.max(8, top) + 'px';
    }

    function onViewportChange() {
      if (open) position(open);
    }

    function show(entry, pin) {
      clearTimeout(hideTimer);
      if (open && open !== entry) hide();
      const card = entry.card || buildCard(entry);
      if (card.hidden) {
        card.hidden = false;
        if (card.popover) { try { card.showPopover(); } catch (_) { /* not connected */ } }
        const view = doc.defaultView;
        view.addEventListener('scroll', onViewportChange, { passive: true, capture: true });
        view.addEventListener('resize', onViewportChange, { passive: true });
      }
      entry.button.setAttribute('aria-expanded', 'true');
      open = entry;
      position(entry);
      if (pin) {
        const first = card.querySelector('button[aria-current="true"]') || card.querySelector('button');
        if (first) first.focus({ preventScroll: true });
      }
    }

    function scheduleShow(entry) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => show(entry, false), 120);
    }

    function scheduleHide() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 250);
    }

    function hide() {
      clearTimeout(hideTimer);
      if (!open) return;
      const { card, button } = open;
      if (card && !card.hidden) {
        if (card.popover) { try { card.hidePopover(); } catch (_) { /* ignore */ } }
        card.hidden = true;
      }
      button.setAttribute('aria-expanded', 'false');
      const view = doc.defaultView;
      view.removeEventListener('scroll', onViewportChange, { capture: true });
      view.removeEventListener('resize', onViewportChange);
      open = null;
    }

    function render(list, renderOpts) {
      clear();
      items = list.slice();
      const slotOf = speakerSlots(items);
      const firstEl = items.length && items[0].range.startContainer;
      theme = (renderOpts && renderOpts.theme && renderOpts.theme !== 'auto') ? renderOpts.theme
        : detectTheme(doc, firstEl && (firstEl.nodeType === 1 ? firstEl : firstEl.parentElement));
      installPageSheet();
      const withSlots = items.map((item) => ({ item, slot: slotOf(item) }));
      // labels first: splitting text nodes keeps the other (live) ranges correct
      for (const { item, slot } of withSlots) {
        const entry = makeLabel(item, slot);
        const p = labelPoint(item.range);
        insert(entry.host, p.parent, p.before);
        entries.set(item.id, entry);
      }
      if (useHighlights) {
        const byName = new Map();
        for (const { item, slot } of withSlots) {
          const name = highlightName(slot, item.kind, colors.length);
          if (!byName.has(name)) byName.set(name, []);
          byName.get(name).push(item.range);
        }
        for (const [name, ranges] of byName) {
          root.CSS.highlights.set(name, new root.Highlight(...ranges));
          highlightNames.push(name);
        }
      } else {
        wrapHighlights(withSlots);
      }
      groups = groupBySpeaker(items, colors);
      return entries.size;
    }

    function clear() {
      hide();
      for (const name of highlightNames) {
        try { root.CSS.highlights.delete(name); } catch (_) { /* ignore */ }
      }
      highlightNames = [];
      // undo in reverse order: the DOM ends up exactly as it was (text nodes re-joined)
      for (let i = journal.length - 1; i >= 0; i--) {
        const op = journal[i];
        if (op.t === 'insert') {
          if (op.n.parentNode) op.n.parentNode.removeChild(op.n);
        } else if (op.t === 'wrap') {
          if (op.w.parentNode) {
            if (op.n.parentNode === op.w) op.w.parentNode.replaceChild(op.n, op.w);
            else op.w.parentNode.removeChild(op.w);
          }
        } else if (op.t === 'split') {
          const { a, b } = op;
          if (b.parentNode && a.parentNode === b.parentNode && a.nextSibling === b) {
            a.appendData(b.data);
            b.parentNode.removeChild(b);
          }
        }
      }
      journal = [];
      entries = new Map();
      items = [];
      groups = [];
      if (pageSheet) {
        try { doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== pageSheet); } catch (_) { /* ignore */ }
        pageSheet = null;
      }
    }

    function reveal(id) {
      const e = entries.get(id);
      if (!e) return false;
      const smooth = !(doc.defaultView.matchMedia && doc.defaultView.matchMedia('(prefers-reduced-motion: reduce)').matches);
      e.host.scrollIntoView({ block: 'center', inline: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      e.button.focus({ preventScroll: true });
      e.button.classList.remove('flash');
      void e.button.offsetWidth;
      e.button.classList.add('flash');
      return true;
    }

    return {
      render, clear, reveal,
      summary: () => groups,
      get count() { return entries.size; },
      get usesHighlights() { return !!useHighlights; },
      entry: (id) => entries.get(id),
      isOwnNode: (n) => !!n && (n.nodeType === 1 && (n.localName === HOST_TAG || n.localName === MARK_TAG)),
    };
  }

  root.QuoteLensRender = {
    PALETTES, UNATTRIBUTED, HOST_TAG, MARK_TAG, KIND_TEXT, STRINGS,
    createRenderer, groupBySpeaker, buildWhoSaidWhat, pageCss, labelText, collapse, clip, detectTheme,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
