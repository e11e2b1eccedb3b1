/* QuoteLens — drawing labels, hover cards, colours and the "who said what" grouping.
 *
 * A classic script that defines one global, `QuoteLensRender`, and uses no extension API: the
 * content script, the popup and the demo page in www/ all load this very file.
 *
 *   const r = QuoteLensRender.createRenderer({doc, palette: 'default' | colors: [...],
 *                                             placement: 'inline' | 'overlay', shadow: 'open' | 'closed',
 *                                             marks: 'highlights' | 'overlay'})
 *   r.render(items)   items: [{id, range, text, kind, speakerName, role, speakerKind, sentence, confidence, blockEl?}]
 *   await r.renderChunked(items, renderOpts, pause)   the same in slices; `await pause()` between them
 *   r.layout()        overlay placement: re-positions every label on its quote (after reflows)
 *   r.clear()         removes everything render() added; the DOM is exactly what it was before
 *   r.reveal(id)      scrolls to a quote and focuses its label
 *   r.summary()       serialisable "who said what" groups
 *   QuoteLensRender.groupBySpeaker(items, colors)
 *   QuoteLensRender.buildWhoSaidWhat(doc, groups, {onSelect})  -> an element (popup, demo)
 *   QuoteLensRender.pageCss(colors)   CSS for ::highlight() in the page (extension: page.css)
 *
 * Contract (tests rely on it): every labelled quote has exactly one light-DOM element, the label's
 * shadow host <quotelens-label-…>, carrying data-quotelens-quote/-speaker/-kind/-text.
 * Element names end in a random suffix drawn when this script starts (HOST_TAG, OVERLAY_TAG), so a
 * page cannot define them as custom elements beforehand (its constructor would run on our hosts and
 * attach a shadow root first, so ours could not be attached). Find the elements by their data-
 * attributes (data-quotelens-quote, data-quotelens-overlay), never by name.
 * Page text only ever goes into the DOM through textContent or attributes, never innerHTML.
 *
 * Placement. 'overlay' (the extension): the page's own nodes are never touched. Highlights are CSS
 * Custom Highlight API ranges; the label hosts live in one <quotelens-overlay-…> appended to <html>
 * (outside <body>, so no framework root and no editor ever sees them) and are absolutely positioned
 * next to their quote: in the margin right of the quote's block when there is room, else raised
 * over the quote's last line. 'inline' (the demo page, which owns its DOM): the host is inserted
 * right after the quote, splitting a text node when it must (recorded and re-joined by clear()).
 * shadow 'closed' (the extension): the page can neither read nor restyle a label or card — the
 * visible text, colours and theme are inside closed shadow roots whose :host rules are !important
 * (which beats the page's !important), and nothing carries a `part`.
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
  /** A random suffix for the element names, fresh for every instance of this script. */
  function randomSuffix() {
    try {
      const a = new Uint32Array(2);
      root.crypto.getRandomValues(a);
      return a[0].toString(36) + a[1].toString(36);
    } catch (_) {
      return Math.random().toString(36).slice(2) + Date.now().toString(36);
    }
  }
  const HOST_PREFIX = 'quotelens-label-';
  const OVERLAY_PREFIX = 'quotelens-overlay-';
  const SUFFIX = randomSuffix();
  const HOST_TAG = HOST_PREFIX + SUFFIX;
  const OVERLAY_TAG = OVERLAY_PREFIX + SUFFIX;
  const OVERLAY_ATTR = 'data-quotelens-overlay';
  /** A label host or overlay of any instance of this script (an older one's too). */
  function isOwnNode(n) {
    return !!n && n.nodeType === 1 && (n.localName.startsWith(HOST_PREFIX) || n.localName.startsWith(OVERLAY_PREFIX));
  }
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

  /** Every highlight name the renderer may register (with the page's default palette). */
  function highlightNames() {
    const out = ['quotelens-u', 'quotelens-ui'];
    for (let i = 0; i < PALETTES.default.length; i++) out.push('quotelens-s' + i, 'quotelens-i' + i);
    return out;
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

  /** The rule in the extension's page.css that shows the label overlay (see OVERLAY_CSS). */
  function overlayCss() {
    return `[${OVERLAY_ATTR}]{--quotelens-shown:block!important}\n`;
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

  // :host rules are !important: in the cascade, a shadow tree's !important beats the page's
  const HOST_INLINE_CSS = `:host{all:initial!important;display:inline!important;font-size:inherit!important;line-height:inherit!important;
  user-select:none!important;-webkit-user-select:none!important;white-space:nowrap!important}`;
  const HOST_OVERLAY_CSS = `:host{all:initial!important;display:block!important;position:absolute!important;left:0!important;top:0!important;
  width:0!important;height:0!important;font-size:16px!important;line-height:normal!important;user-select:none!important;
  -webkit-user-select:none!important;white-space:nowrap!important}
.ql.float{position:absolute;margin:0;font-size:12px;box-shadow:0 1px 2px rgba(0,0,0,.15)}
.mk{position:absolute;display:block;pointer-events:none;box-sizing:border-box;background:color-mix(in srgb,var(--c) 18%,transparent);border-bottom:2px solid var(--c)}
.mk.indirect{background:color-mix(in srgb,var(--c) 7%,transparent);border-bottom-style:dotted}`;
  // the overlay shows only while the extension's page.css says so (--quotelens-shown): when a browser
  // unloads the extension without letting its content script clean up, the overlay goes invisible
  const OVERLAY_CSS = `:host{all:initial!important;display:var(--quotelens-shown,none)!important;position:absolute!important;left:0!important;top:0!important;
  width:0!important;height:0!important;overflow:visible!important;z-index:2147483000!important;pointer-events:auto!important}
slot{display:contents}`;
  const SHADOW_CSS = `
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
.card li button:hover,.card li button:focus-visible,.card li button:focus{background:color-mix(in srgb,var(--c) 18%,transparent);outline:1px solid var(--c)}
.card li button[aria-current="true"]{font-weight:700}
`;

  const sharedSheets = new Map(); // css text -> constructable sheet
  function styleShadow(doc, sr, hostCss) {
    // constructable sheets are not subject to the page's style-src CSP; <style> is the fallback
    const css = [SHADOW_CSS, hostCss || ''];
    try {
      const View = doc.defaultView;
      if (View && typeof View.CSSStyleSheet === 'function' && 'adoptedStyleSheets' in sr) {
        sr.adoptedStyleSheets = css.map((t) => {
          let s = sharedSheets.get(t);
          if (!s) { s = new View.CSSStyleSheet(); s.replaceSync(t); sharedSheets.set(t, s); }
          return s;
        });
        return;
      }
    } catch (_) {
      sharedSheets.clear();
    }
    const st = doc.createElement('style');
    st.textContent = css.join('\n');
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

  // overlay placement: a label goes into the margin when the quote's block leaves this much room
  const MARGIN_GAP_PX = 10;
  const MARGIN_LABEL_PX = 210; // about 18em of the label's .72em font
  const RENDER_SLICE = 50; // labels built between two `pause()` calls in renderChunked
  const LAYOUT_WRITE_SLICE = 250; // labels placed between two `pause()` calls at the end of renderChunked
  // A page that keeps changing its layout (an animated banner in the article resizes <body> every
  // frame) would have every label re-placed every frame (about 15 ms of style work per 200 labels
  // moved, in Chromium). After LAYOUT_BURST re-placements each less than LAYOUT_SETTLE_MS after the
  // previous one, labels follow at most every LAYOUT_THROTTLE_MS, until the page has been still for
  // LAYOUT_SETTLE_MS.
  const LAYOUT_BURST = 3;
  const LAYOUT_THROTTLE_MS = 250;
  const LAYOUT_SETTLE_MS = 2 * LAYOUT_THROTTLE_MS;

  function createRenderer(opts) {
    opts = opts || {};
    const doc = opts.doc || root.document;
    const colors = colorsFor(opts);
    const overlayMode = opts.placement === 'overlay';
    const shadowMode = opts.shadow === 'closed' ? 'closed' : 'open';
    // highlight colours in the page: the extension's page.css has the default palette only, the same
    // for every user (a page can read the highlight registry); chosen colours stay in the labels
    const pageColors = opts.pageStyles ? colors : PALETTES.default;
    // marks 'overlay' (overlay placement only): the quotes are marked by boxes drawn in the labels'
    // closed shadow roots instead of CSS Custom Highlights. For huge documents: while any custom
    // highlight is registered, Chromium re-validates the highlights and repaints the whole document at
    // the next rendering update after almost any DOM call (creating a node or a Range anywhere, by the
    // page or by us) — measured 80–160 ms per frame on /huge.html, 17–25 ms without (hostile.js --trace)
    const overlayMarks = overlayMode && opts.marks === 'overlay';
    const useHighlights = !overlayMarks && typeof root.CSS !== 'undefined' && root.CSS && root.CSS.highlights &&
      typeof root.Highlight === 'function';
    let journal = []; // inline placement only: what was inserted or split, undone by clear()
    let entries = new Map(); // id -> {host, button, item, slot, card, sr}
    let items = [];
    let highlights = new Map(); // highlight name -> Highlight
    let open = null; // the entry whose card is shown
    let hideTimer = 0;
    // the window lost focus: the next focus on a label is the browser restoring it when the user comes
    // back to the tab, not the user moving there; it must not pop the card open again (after Esc)
    let windowRefocus = false;
    let focusWatch = false;
    const onWindowBlur = (ev) => { if (ev.target === doc.defaultView) windowRefocus = true; };
    const onWindowFocus = (ev) => { if (ev.target === doc.defaultView) setTimeout(() => { windowRefocus = false; }, 0); };
    let theme = 'light';
    let groups = [];
    let pageSheet = null;
    let overlay = null;
    let slotOf = () => -1;
    let labelHeight = 0;
    let layoutQueued = 0;
    let layoutTimer = 0; // a throttled re-placement (LAYOUT_THROTTLE_MS)
    let lastLayoutAt = -Infinity;
    let layoutBurst = 0; // re-placements in a row less than LAYOUT_SETTLE_MS apart
    let layoutRuns = 0; // re-placements run (the tests read it through content.js 'stats')
    let resizeObs = null;
    let pendingRanges = []; // [highlight name, range] not yet in the registry
    let pendingHosts = null; // overlay placement: label hosts not yet in the page (a fragment)

    function installPageSheet() {
      // the demo's colours: a constructable sheet (not part of the serialised DOM)
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
      journal.push({ t: 'split', a: node, b: tail, data: node.data, tail: tail.data });
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
          if ((c.nodeType === 3 && /[^\s\u00A0]/.test(c.data)) || (c.nodeType === 1 && !isOwnNode(c))) { atEnd = false; break; }
        }
        if (!atEnd && !node.closest('a')) break;
        const parent = node.parentNode;
        off = Array.prototype.indexOf.call(parent.childNodes, node) + 1;
        node = parent;
      }
      // keep labels after one another when several quotes end at the same point
      let before = node.childNodes[off] || null;
      while (before && isOwnNode(before)) before = before.nextSibling;
      return { parent: node, before };
    }

    /** The overlay: one closed host appended to <html>, whose slot shows the label hosts. */
    function ensureOverlay() {
      if (overlay && overlay.isConnected) return overlay;
      overlay = doc.createElement(OVERLAY_TAG);
      overlay.setAttribute(OVERLAY_ATTR, '');
      const sr = overlay.attachShadow({ mode: shadowMode });
      styleShadow(doc, sr, OVERLAY_CSS);
      sr.append(doc.createElement('slot'));
      // in the top layer (a manual popover, never light-dismissed): a box added to the document's
      // own layout tree makes Chromium re-walk the whole tree in pre-paint (compositing inputs) at the
      // next frame — 65–70 ms on /huge.html, against about 20 ms from the top layer (measured with a
      // CDP trace, see README "Hostile pages"). Still position:absolute at the initial containing
      // block (OVERLAY_CSS), so it scrolls with the page as before.
      const topLayer = typeof overlay.showPopover === 'function';
      if (topLayer) overlay.setAttribute('popover', 'manual');
      doc.documentElement.append(overlay);
      if (topLayer) {
        try { overlay.showPopover(); } catch (_) { /* not shown (e.g. an inactive document): a plain overlay */ }
      }
      if (!resizeObs && typeof root.ResizeObserver === 'function') {
        resizeObs = new root.ResizeObserver(() => scheduleLayout());
        if (doc.body) resizeObs.observe(doc.body);
      }
      doc.defaultView.addEventListener('resize', scheduleLayout, { passive: true });
      return overlay;
    }

    function scheduleLayout() {
      if (!overlayMode || layoutQueued || layoutTimer) return;
      const view = doc.defaultView;
      const since = view.performance.now() - lastLayoutAt;
      if (layoutBurst >= LAYOUT_BURST && since < LAYOUT_THROTTLE_MS) {
        layoutTimer = view.setTimeout(() => { layoutTimer = 0; queueLayout(); }, LAYOUT_THROTTLE_MS - since);
        return;
      }
      queueLayout();
    }

    function queueLayout() {
      const view = doc.defaultView;
      layoutQueued = view.requestAnimationFrame(() => {
        layoutQueued = 0;
        const now = view.performance.now();
        layoutBurst = now - lastLayoutAt < LAYOUT_SETTLE_MS ? layoutBurst + 1 : 0;
        lastLayoutAt = now;
        layout();
      });
    }

    /** Overlay placement: reads every quote's geometry first, then writes every label's position. */
    function layout() {
      const plan = planLayout();
      if (plan) placeLabels(plan, 0, plan.length);
    }

    /** layout() with the writes in slices of LAYOUT_WRITE_SLICE labels and a pause between them
     *  (each write goes through the content script's wrapper of the DOM, slow in Firefox: 1,000
     *  labels' writes were 22 ms of one 52 ms run there). False when cancelled. */
    async function layoutChunked(pause, cancelled) {
      const plan = planLayout();
      if (!plan) return true;
      for (let i = 0; i < plan.length; i += LAYOUT_WRITE_SLICE) {
        if (i > 0) {
          await pause();
          if (cancelled()) return false;
        }
        placeLabels(plan, i, Math.min(i + LAYOUT_WRITE_SLICE, plan.length));
      }
      return true;
    }

    /** Where every label goes: the quotes' geometry (reads only), in page order. */
    function planLayout() {
      if (!overlayMode || !overlay || !entries.size) return null;
      layoutRuns++;
      const origin = overlay.getBoundingClientRect();
      const vw = doc.documentElement.clientWidth || doc.defaultView.innerWidth;
      const reads = [];
      for (const e of entries.values()) {
        const r = e.item.range;
        const rects = r.collapsed ? [] : r.getClientRects();
        let last = null;
        for (let i = rects.length - 1; i >= 0; i--) if (rects[i].width > 0 || rects[i].height > 0) { last = rects[i]; break; }
        const blockEl = e.item.blockEl && e.item.blockEl.isConnected ? e.item.blockEl : null;
        reads.push({ e, last, rects: overlayMarks ? rects : null, right: blockEl ? blockEl.getBoundingClientRect().right : null });
      }
      if (!labelHeight) {
        const any = reads.find((x) => x.last);
        labelHeight = any ? Math.max(16, Math.round(any.last.height * 0.95)) : 20;
      }
      reads.sort((a, b) => (a.last ? a.last.top : 1e9) - (b.last ? b.last.top : 1e9));
      let marginFree = -Infinity; // the next free y in the margin column (labels never overlap there)
      return reads.map(({ e, last, rects, right }) => {
        if (!last) return { e, rects, origin, key: 'none' };
        let x;
        let y;
        const margin = right !== null && right + MARGIN_GAP_PX + MARGIN_LABEL_PX <= vw;
        if (margin) {
          x = right + MARGIN_GAP_PX;
          y = Math.max(last.top + (last.height - labelHeight) / 2, marginFree);
          marginFree = y + labelHeight + 2;
        } else {
          x = Math.min(last.right, vw - MARGIN_LABEL_PX);
          y = last.top - labelHeight * 0.8;
        }
        const left = Math.round(x - origin.left) + 'px';
        const top = Math.round(y - origin.top) + 'px';
        return { e, rects, origin, key: left + ' ' + top + (margin ? ' m' : ''), left, top, margin };
      });
    }

    /** Writes the planned places of labels [from, to). */
    function placeLabels(plan, from, to) {
      for (let i = from; i < to; i++) {
        const { e, rects, origin, key, left, top, margin } = plan[i];
        if (entries.get(e.item.id) !== e) continue; // cleared or replaced meanwhile
        const b = e.button;
        if (rects) drawMarks(e, rects, origin);
        // a label that stays where it is is not written to (each write restyles it)
        if (key === e.posKey) continue;
        e.posKey = key;
        if (key === 'none') { b.style.display = 'none'; continue; }
        b.style.display = '';
        b.classList.toggle('margin', margin);
        b.style.left = left;
        b.style.top = top;
      }
    }

    /** marks 'overlay': the quote's line boxes, drawn under the label in its own shadow root. */
    function drawMarks(e, rects, origin) {
      if (!e.marks) {
        e.marks = doc.createElement('span');
        e.marks.style.setProperty('--c', e.slot < 0 ? UNATTRIBUTED : colors[e.slot % colors.length]);
        e.sr.insertBefore(e.marks, e.sr.firstChild);
      }
      const boxes = [];
      for (const r of rects) {
        if (!(r.width > 0 && r.height > 0)) continue;
        boxes.push([Math.round(r.left - origin.left), Math.round(r.top - origin.top), Math.round(r.width), Math.round(r.height)]);
      }
      // unchanged boxes stay as they are: each layout() would otherwise restyle every mark of the page
      const key = boxes.join(';');
      if (key === e.marksKey) return;
      e.marksKey = key;
      e.marks.replaceChildren(...boxes.map(([left, top, width, height]) => {
        const m = doc.createElement('span');
        m.className = 'mk' + (e.item.kind === 'indirect' ? ' indirect' : '');
        Object.assign(m.style, { left: left + 'px', top: top + 'px', width: width + 'px', height: height + 'px' });
        return m;
      }));
    }

    /** The one place that builds a label: its host (the test contract's element) and button. */
    function makeLabel(item, slot) {
      const host = doc.createElement(HOST_TAG);
      host.setAttribute('data-quotelens-quote', item.id);
      host.setAttribute('data-quotelens-speaker', item.speakerName || '');
      host.setAttribute('data-quotelens-kind', item.kind);
      host.setAttribute('data-quotelens-text', item.text);
      const sr = host.attachShadow({ mode: shadowMode });
      styleShadow(doc, sr, overlayMode ? HOST_OVERLAY_CSS : HOST_INLINE_CSS);
      const b = doc.createElement('button');
      b.type = 'button';
      b.className = 'ql ' + item.kind + (slot < 0 ? ' unattributed' : '') + (theme === 'dark' ? ' dark' : '') + (overlayMode ? ' float' : '') +
        (item.speakerKind === 'anonymous' ? ' anonymous' : '') + (item.uncertain ? ' uncertain' : '');
      b.style.setProperty('--c', slot < 0 ? UNATTRIBUTED : colors[slot % colors.length]);
      b.setAttribute('data-label', labelText(item));
      const who = item.speakerName || STRINGS.unknownSpeaker;
      b.setAttribute('aria-label', str('quoteBy', who, STRINGS[item.kind] || item.kind) + (item.speakerKind === 'anonymous' ? ', ' + STRINGS.unnamedSource : '') +
        (item.uncertain ? ', ' + STRINGS.uncertain : '') + '. ' + STRINGS.showDetails);
      b.setAttribute('aria-haspopup', 'dialog');
      b.setAttribute('aria-expanded', 'false');
      sr.append(b);
      const entry = { host, button: b, item, slot, card: null, sr };
      b.addEventListener('mouseenter', () => scheduleShow(entry));
      b.addEventListener('mouseleave', () => scheduleHide());
      b.addEventListener('focus', () => {
        const restored = windowRefocus;
        windowRefocus = false;
        if (!entry.quiet && !restored) show(entry, false);
      });
      b.addEventListener('blur', (ev) => { if (!entry.card || !entry.card.contains(ev.relatedTarget)) hideUnlessWindowBlur(ev); });
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

    /** The one place that builds a hover card. */
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
        if (!card.contains(ev.relatedTarget) && ev.relatedTarget !== entry.button) hideUnlessWindowBlur(ev);
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

    // focus left a label or its card: hide the card, unless focus left the whole window or tab (the
    // reader switched to another window, or to the tab bar); coming back restores focus to where it was,
    // with the card still open. Element blur comes before the window's own blur, hence the deferral.
    function hideUnlessWindowBlur(ev) {
      if (ev.relatedTarget) { scheduleHide(); return; }
      setTimeout(() => { if (!windowRefocus && doc.hasFocus()) scheduleHide(); }, 0);
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

    function begin(list, renderOpts) {
      clear(list.length > 0);
      if (!focusWatch) {
        doc.defaultView.addEventListener('blur', onWindowBlur);
        doc.defaultView.addEventListener('focus', onWindowFocus);
        focusWatch = true;
      }
      items = list.slice();
      slotOf = speakerSlots(items);
      const firstEl = items.length && items[0].range.startContainer;
      theme = (renderOpts && renderOpts.theme && renderOpts.theme !== 'auto') ? renderOpts.theme
        : detectTheme(doc, firstEl && (firstEl.nodeType === 1 ? firstEl : firstEl.parentElement));
      installPageSheet();
      groups = groupBySpeaker(items, colors);
    }

    function addOne(item) {
      const slot = slotOf(item);
      const entry = makeLabel(item, slot);
      if (overlayMode) {
        if (!pendingHosts) pendingHosts = doc.createDocumentFragment();
        pendingHosts.append(entry.host);
      } else {
        // inline (the demo): splitting text nodes keeps the other (live) ranges correct
        const p = labelPoint(item.range);
        insert(entry.host, p.parent, p.before);
      }
      entries.set(item.id, entry);
      if (useHighlights) pendingRanges.push([highlightName(slot, item.kind, pageColors.length), item.range]);
    }

    /** Hands the collected ranges to the highlight registry in one go (every change to it makes
     *  the browser re-validate all highlight ranges at its next rendering update), */
    function flushHighlights() {
      // and the label hosts: each change under the overlay costs the browser a rendering update,
      // which on a huge page is long (measured: tests/e2e/hostile.js)
      if (pendingHosts) { ensureOverlay().append(pendingHosts); pendingHosts = null; }
      for (const [name, range] of pendingRanges) {
        let h = highlights.get(name);
        if (!h) {
          h = new root.Highlight();
          highlights.set(name, h);
          root.CSS.highlights.set(name, h);
        }
        h.add(range);
      }
      pendingRanges = [];
    }

    function render(list, renderOpts) {
      begin(list, renderOpts);
      for (const item of items) addOne(item);
      flushHighlights();
      layout();
      return entries.size;
    }

    /** render() in slices of RENDER_SLICE labels, awaiting `pause()` (the caller's time budget)
     *  between them; resolves to the label count, or -1 when `isCancelled()` stopped it. */
    async function renderChunked(list, renderOpts, pause, isCancelled) {
      begin(list, renderOpts);
      const mine = items;
      const cancelled = () => (isCancelled && isCancelled()) || items !== mine;
      for (let i = 0; i < mine.length; i++) {
        addOne(mine[i]);
        if ((i + 1) % RENDER_SLICE === 0) {
          // the first screenfuls at once, the rest at the end (each change to the highlight registry
          // costs a whole-document repaint); with marks in the overlay every slice goes in at once
          // (one big commit is one long style and layout update: 118 ms for 1,000 labels, measured)
          if (i < 4 * RENDER_SLICE || overlayMarks) { flushHighlights(); layout(); }
          await pause();
          if (cancelled()) return -1;
        }
      }
      // the rest of the highlights, then (in tasks of their own) every label's place: together they
      // were one 56–61 ms run in Firefox on /huge.html (hostile_firefox.py, longest slice)
      flushHighlights();
      await pause();
      if (cancelled() || !(await layoutChunked(pause, cancelled))) return -1;
      return entries.size;
    }

    /** keepOverlay (a new rendering follows at once): the overlay element stays in the page, empty.
     *  Inserting a new one costs the browser a walk of the whole document's layers (42 ms on
     *  /huge.html, measured with hostile.js --trace). */
    function clear(keepOverlay) {
      pendingRanges = [];
      pendingHosts = null;
      hide();
      for (const name of highlights.keys()) {
        try { root.CSS.highlights.delete(name); } catch (_) { /* ignore */ }
      }
      highlights = new Map();
      // inline placement: undo in reverse order, re-joining a split only where the page left both
      // halves as we made them (if it changed them since, its text wins and stays as it is)
      for (let i = journal.length - 1; i >= 0; i--) {
        const op = journal[i];
        if (op.t === 'insert') {
          if (op.n.parentNode) op.n.parentNode.removeChild(op.n);
        } else if (op.t === 'split') {
          const { a, b } = op;
          if (b.parentNode && a.parentNode === b.parentNode && a.nextSibling === b && a.data === op.data && b.data === op.tail) {
            a.appendData(b.data);
            b.parentNode.removeChild(b);
          }
        }
      }
      journal = [];
      for (const e of entries.values()) if (e.host.parentNode) e.host.remove();
      const keep = keepOverlay === true && overlay && overlay.isConnected;
      if (overlay && !keep) { overlay.remove(); overlay = null; }
      if (resizeObs && !keep) { resizeObs.disconnect(); resizeObs = null; }
      if (layoutQueued) { doc.defaultView.cancelAnimationFrame(layoutQueued); layoutQueued = 0; }
      if (layoutTimer) { doc.defaultView.clearTimeout(layoutTimer); layoutTimer = 0; }
      layoutBurst = 0;
      if (!keep) doc.defaultView.removeEventListener('resize', scheduleLayout);
      if (focusWatch) {
        doc.defaultView.removeEventListener('blur', onWindowBlur);
        doc.defaultView.removeEventListener('focus', onWindowFocus);
        focusWatch = false;
        windowRefocus = false;
      }
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
      (overlayMode ? e.button : e.host).scrollIntoView({ block: 'center', inline: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      e.button.focus({ preventScroll: true });
      e.button.classList.remove('flash');
      void e.button.offsetWidth;
      e.button.classList.add('flash');
      return true;
    }

    /** What the extension's own tests read through messaging (closed roots hide it from pages). */
    function inspect() {
      const out = [];
      for (const [id, e] of entries) {
        const q = e.item.range.getClientRects();
        const last = q.length ? q[q.length - 1] : null;
        const active = e.sr.activeElement;
        const view = doc.defaultView;
        const box = (el) => { const b = el.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
        const card = e.card && !e.card.hidden ? e.card : null;
        const copy = card && card.querySelector('.copy');
        const note = card && card.querySelector('.note-uncertain');
        out.push({
          id, ariaLabel: e.button.getAttribute('aria-label'), label: e.button.getAttribute('data-label'),
          cls: e.button.className, dark: e.button.classList.contains('dark'), focused: active === e.button,
          hostFocused: doc.activeElement === e.host, docFocused: doc.hasFocus(),
          focusOutline: active ? view.getComputedStyle(active).outlineStyle : null,
          color: view.getComputedStyle(e.button).borderTopColor,
          display: view.getComputedStyle(e.host).display,
          rect: box(e.button),
          quoteEnd: last ? { right: last.right, top: last.top, bottom: last.bottom } : null,
          marks: e.marks ? [...e.marks.children].map(box) : null, // marks 'overlay': the boxes drawn on the quote
          rangeText: e.item.range.toString(),
          card: card ? {
            text: card.textContent, role: card.getAttribute('role'), name: card.getAttribute('aria-label'),
            focusInCard: !!active && card.contains(active),
            copy: copy ? { text: copy.textContent, rect: box(copy) } : null,
            uncertainNote: note ? note.textContent : null,
          } : null,
        });
      }
      return out;
    }

    return {
      render, renderChunked, clear, reveal, layout, scheduleLayout, inspect,
      summary: () => groups,
      get count() { return entries.size; },
      get layouts() { return layoutRuns; },
      get usesHighlights() { return !!useHighlights; },
      get marks() { return overlayMarks ? 'overlay' : 'highlights'; },
      entry: (id) => entries.get(id),
    };
  }

  root.QuoteLensRender = {
    PALETTES, UNATTRIBUTED, OVERLAY_ATTR, KIND_TEXT, STRINGS, isOwnNode,
    createRenderer, groupBySpeaker, buildWhoSaidWhat, pageCss, overlayCss, highlightNames, labelText, collapse, clip, detectTheme,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
