/* QuoteLens — reading the page: the DOM walk and the offset map. Which part of the page is the
 * article is decided by the engine's article finder (Rust, src/; the same one the CLI runs), not
 * here.
 *
 * A classic script that defines one global, `QuoteLensExtract`. It has no dependency on any
 * extension API, so the content script, the demo page in www/ and tests can all load it.
 *
 *   QuoteLensExtract.looksLikeArticle(doc)  -> {article: boolean, reason: string}   (cheap gate for
 *       automatic mode: metadata and a bounded paragraph count)
 *   QuoteLensExtract.buildTree(doc)         -> {tree, dom, truncated} | null   (the page tree)
 *   await QuoteLensExtract.buildTreeAsync(doc, budget, opts)  the same in time slices: `budget.over()`
 *       says when the slice is used up, `await budget.pause()` yields to the page (see makeBudget)
 *       tree = {title, meta: [[name, content]…], nodes: [{tag, parent, id?, class?, role?, itemprop?,
 *       itemtype?, hidden?, editable?, attrs?} | {tag: '#text', parent, text}]} in document order
 *       (the page tree of /work/notes/FINDER.md, read by the engine's findArticle / analyzePage);
 *       dom[i] is the live DOM node of tree.nodes[i]; truncated = {nodes, chars}: a limit was hit.
 *   QuoteLensExtract.rangeFor(doc, page, block, start, end) -> Range | null   (engine offsets -> DOM)
 *       page = {dom}, block = one of the engine's blocks: {text, kind, node, pieces: [at, node,
 *       offset, len, …]}: block text [at, at+len) came from the text of tree node `node`, from
 *       `offset` on (UTF-16 code units); found by binary search over the pieces.
 *   QuoteLensExtract.resolve(doc, page, analysis)  -> items for QuoteLensRender
 *   QuoteLensExtract.isEditable(el) / editingDocument(doc)   what is never read nor labelled
 *
 * Limits (LIMITS below): the tree holds at most MAX_NODES nodes and MAX_TREE_CHARS UTF-16 code
 * units of text, in document order (`truncated` says which was hit); the engine's finder has its
 * own caps on article blocks and characters (MAX_BLOCKS, MAX_CHARS, mirrored here for the popup).
 * Editable content — contenteditable hosts, role=textbox, form fields — is sent as an `editable`
 * node without its content, and nothing is read from a document in designMode: it is never
 * labelled. Elements that are not rendered are sent as `hidden` without their content: the
 * `hidden` attribute, aria-hidden, inline display:none / visibility:hidden for every element, and
 * the computed style (checkVisibility) for the block elements that can hold article text (divs and
 * spans are left to the cheap checks: computing the style of every element of a huge page is not).
 */
(function (root) {
  'use strict';

  const LIMITS = Object.freeze({
    MAX_NODES: 150000, // page-tree nodes read per page
    MAX_TREE_CHARS: 1500000, // UTF-16 code units of text in the page tree
    MAX_BLOCKS: 5000, // the engine's finder: article blocks per page (src/, mirrored for the popup)
    MAX_CHARS: 1000000, // the engine's finder: article text per page, about 1 MB
  });
  const STEP_NODES = 256; // nodes between two looks at the time budget
  const MAX_ATTR_CHARS = 300; // id, class, role, itemprop, itemtype are cut to this length

  // Elements whose content is never article text: sent without their children.
  const NO_TEXT_TAGS = new Set([
    'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
    'video', 'audio', 'picture', 'map', 'head', 'select', 'datalist', 'slot',
  ]);
  const FORM_FIELDS = new Set(['input', 'textarea', 'select', 'option']);
  // Elements whose computed visibility is asked (checkVisibility): those that may hold article text.
  const COMPUTED_VISIBILITY = new Set([
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'caption', 'li', 'ul', 'ol', 'dl',
    'dt', 'dd', 'blockquote', 'pre', 'table', 'td', 'th', 'address', 'summary', 'details', 'header',
    'article', 'main', 'aside', 'nav', 'footer',
  ]);
  // Other attributes the finder reads (FINDER.md: `attrs`, kept small).
  const EXTRA_ATTRS = ['summary', 'datatable', 'data-component', 'data-testid', 'data-qa', 'data-type'];
  const OWN_PREFIX = 'quotelens-'; // quotelens's own elements are never part of the tree

  /** Content the user may be typing in: never read, never labelled. */
  function isEditable(el) {
    if (!el || el.nodeType !== 1) return false;
    if (el.isContentEditable) return true;
    const ce = el.getAttribute('contenteditable');
    if (ce !== null && ce.toLowerCase() !== 'false') return true;
    if (FORM_FIELDS.has(el.localName)) return true;
    return el.getAttribute('role') === 'textbox';
  }

  function editingDocument(doc) {
    return (doc.designMode || '').toLowerCase() === 'on' || !!(doc.body && doc.body.isContentEditable);
  }

  // ---------------------------------------------------------------------------------------------
  // Is this an article? (cheap: metadata and a bounded paragraph count)

  function looksLikeArticle(doc) {
    const og = doc.querySelector('meta[property="og:type"]');
    if (og && /article/i.test(og.getAttribute('content') || '')) return { article: true, reason: 'og:type' };
    for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
      const t = s.textContent || '';
      if (t.length < 200000 && /"@type"\s*:\s*\[?\s*"(News|Reportage|Analysis|Opinion|Review|Background|Report|Scholarly|Tech)?Article"|"BlogPosting"|"LiveBlogPosting"/.test(t)) {
        return { article: true, reason: 'json-ld' };
      }
    }
    const ps = doc.getElementsByTagName('p');
    let long = 0;
    let chars = 0;
    const n = Math.min(ps.length, 400);
    for (let i = 0; i < n; i++) {
      const len = (ps[i].textContent || '').trim().length;
      if (len >= 80) { long++; chars += len; }
      if (long >= 4 && chars >= 800) return { article: true, reason: 'paragraphs' };
    }
    if (doc.querySelector('article p, [itemprop="articleBody"]') && long >= 2) return { article: true, reason: 'article-element' };
    return { article: false, reason: 'no article signals' };
  }

  // ---------------------------------------------------------------------------------------------
  // The page tree

  /** The computed check, where the document has layout (an inert DOMParser document has none). */
  function computedHidden(el) {
    if (typeof el.checkVisibility === 'function') {
      try { return !el.checkVisibility({ visibilityProperty: true }); } catch (_) { return false; }
    }
    const view = el.ownerDocument.defaultView;
    if (!view) return false;
    const cs = view.getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden';
  }

  function clip(s) {
    return s.length > MAX_ATTR_CHARS ? s.slice(0, MAX_ATTR_CHARS) : s;
  }

  /** One element of the page tree. Its attributes are read in one pass (most elements have none):
   *  the finder's fields, and what makes it editable or not rendered without computing any style
   *  (`hidden`, aria-hidden, inline display:none / visibility:hidden); the computed style only for
   *  COMPUTED_VISIBILITY tags when `computed`. */
  function elementNode(el, tag, parent, computed) {
    const n = { tag, parent };
    let hidden = false;
    let editable = FORM_FIELDS.has(tag);
    if (el.hasAttributes()) {
      const list = el.attributes;
      for (let i = 0; i < list.length; i++) {
        const name = list[i].name;
        const v = list[i].value;
        switch (name) {
          case 'id': case 'class': case 'role': case 'itemprop': case 'itemtype':
            if (v) n[name] = clip(v);
            if (name === 'role' && v === 'textbox') editable = true;
            break;
          case 'hidden': hidden = true; break;
          case 'aria-hidden': if (v === 'true') hidden = true; break;
          case 'contenteditable': if (v.toLowerCase() !== 'false') editable = true; break;
          case 'style': {
            const st = el.style;
            if (st && (st.display === 'none' || st.visibility === 'hidden')) hidden = true;
            break;
          }
          default:
            if (EXTRA_ATTRS.includes(name)) (n.attrs || (n.attrs = [])).push([name, clip(v)]);
        }
      }
    }
    if (editable) n.editable = true;
    else if (hidden || (computed && COMPUTED_VISIBILITY.has(tag) && computedHidden(el))) n.hidden = true;
    return n;
  }

  function readMeta(doc) {
    const meta = [];
    for (const m of doc.getElementsByTagName('meta')) {
      const name = m.getAttribute('property') || m.getAttribute('name') || m.getAttribute('itemprop');
      const content = m.getAttribute('content');
      if (name && content !== null) meta.push([clip(name), content.slice(0, 2000)]);
      if (meta.length >= 200) break;
    }
    return meta;
  }

  /** A generator over the DOM in document order; it yields every STEP_NODES nodes, so that a
   *  driver can pause there (buildTreeAsync) or not (buildTree). The value it yields is the tree
   *  so far ({tree, dom, chars}); it returns {tree, dom, truncated}. */
  function* walkTree(doc) {
    const top = doc.documentElement;
    const tree = { title: String(doc.title || '').slice(0, 2000), meta: readMeta(doc), nodes: [] };
    const nodes = tree.nodes;
    const dom = [];
    const truncated = { nodes: false, chars: false };
    const progress = { tree, dom, chars: 0 };
    if (!top) return { tree, dom, truncated };
    // a page hidden as a whole (anti-flicker CSS waiting for its scripts): computed style says
    // nothing useful about its parts
    const computed = !!doc.defaultView && !(doc.body && computedHidden(doc.body));
    nodes.push(elementNode(top, top.localName, -1, computed));
    dom.push(top);
    // explicit stacks (no recursion: nesting can be as deep as the page likes)
    const parents = [0];
    let n = top.firstChild;
    let steps = 0;
    while (n) {
      if ((++steps % STEP_NODES) === 0) {
        yield progress;
        if (!n.isConnected) throw new Error('quotelens: the page changed while it was being read');
      }
      let descend = false;
      const parent = parents[parents.length - 1];
      if (n.nodeType === 3) {
        const text = n.data;
        if (text) {
          if (progress.chars + text.length > LIMITS.MAX_TREE_CHARS) { truncated.chars = true; break; }
          nodes.push({ tag: '#text', parent, text });
          dom.push(n);
          progress.chars += text.length;
        }
      } else if (n.nodeType === 1) {
        const tag = n.localName;
        if (!tag.startsWith(OWN_PREFIX)) {
          const node = elementNode(n, tag, parent, computed);
          nodes.push(node);
          dom.push(n);
          descend = !node.hidden && !node.editable && !NO_TEXT_TAGS.has(tag) && !!n.firstChild;
          if (descend) parents.push(nodes.length - 1);
        }
      }
      if (nodes.length >= LIMITS.MAX_NODES) { truncated.nodes = true; break; }
      if (descend) { n = n.firstChild; continue; }
      // the next node in document order: a sibling, or a sibling of the nearest ancestor
      while (n && !n.nextSibling) {
        n = n.parentNode;
        if (!n || n === top) { n = null; break; }
        parents.pop();
      }
      if (n) n = n.nextSibling;
    }
    return { tree, dom, truncated };
  }

  /** The page tree, read at once (the demo's pasted HTML, tests); null in designMode. */
  function buildTree(doc) {
    if (editingDocument(doc)) return null;
    const gen = walkTree(doc);
    let r = gen.next();
    while (!r.done) r = gen.next();
    return r.value;
  }

  /** buildTree() in time slices. opts.partialChars / opts.onPartial: once the tree holds that many
   *  characters of text (and the page has more), `await onPartial({tree, dom})` with the tree so far
   *  (a long article: its first screenfuls can be labelled before the rest is read). */
  async function buildTreeAsync(doc, budget, opts) {
    if (editingDocument(doc)) return null;
    const partialChars = (opts && opts.partialChars) || Infinity;
    const gen = walkTree(doc);
    if (budget.over()) await budget.pause();
    let r = gen.next();
    let partialDone = false;
    while (!r.done) {
      if (!partialDone && r.value.chars >= partialChars && opts.onPartial) {
        partialDone = true;
        const t = r.value.tree;
        await opts.onPartial({ tree: { title: t.title, meta: t.meta, nodes: t.nodes.slice() }, dom: r.value.dom.slice() });
      }
      if (budget.over()) await budget.pause();
      r = gen.next();
    }
    return r.value;
  }

  function hashString(s, h) {
    h = h === undefined ? 0x811c9dc5 : h;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** What an article's blocks say, in a few characters: the same blocks give the same fingerprint. */
  function fingerprint(blocks) {
    let h = 0x811c9dc5;
    for (const b of blocks) h = hashString(b.kind + '\u0001' + b.text + '\u0002', h);
    return h.toString(36) + ':' + blocks.length;
  }

  /** A time budget for buildTreeAsync: slices of `sliceMs`, then a yield to the event loop. */
  function makeBudget(sliceMs, yieldFn) {
    let t0 = performance.now();
    const yielder = yieldFn || yieldToPage;
    return {
      over: () => performance.now() - t0 > sliceMs,
      pause: async () => { await yielder(); t0 = performance.now(); },
    };
  }

  /** Let the page run (input, rendering, its own tasks) before continuing. */
  function yieldToPage() {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
      ch.port2.postMessage(0);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Engine offsets -> DOM

  /** Where block text position `pos` came from: [DOM text node, offset in it], or null. The piece
   *  holding pos is the last one starting at or before it (binary search over the flat array). */
  function locate(page, pieces, pos) {
    let lo = 0;
    let hi = (pieces.length >> 2) - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid * 4] <= pos) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (k < 0) return null;
    const at = pieces[k * 4];
    const len = pieces[k * 4 + 3];
    const node = page.dom[pieces[k * 4 + 1]];
    if (!node || node.nodeType !== 3 || !node.isConnected) return null;
    const off = pieces[k * 4 + 2] + Math.min(pos - at, Math.max(0, len - 1));
    return [node, Math.min(off, node.length)];
  }

  function rangeFor(doc, page, block, start, end) {
    if (!block || !Array.isArray(block.pieces) || !(end > start) || start < 0 || end > block.text.length) return null;
    const s = locate(page, block.pieces, start);
    const e = locate(page, block.pieces, end - 1);
    if (!s || !e) return null;
    const r = doc.createRange();
    try {
      r.setStart(s[0], s[1]);
      r.setEnd(e[0], Math.min(e[1] + 1, e[0].length));
    } catch (_) {
      return null;
    }
    return r.collapsed ? null : r;
  }

  function collapse(s) {
    return s.replace(/[\s\u00A0]+/g, ' ').trim();
  }

  function firstCodePoints(s, n) {
    const cps = Array.from(s);
    return cps.length <= n ? s : cps.slice(0, n).join('');
  }

  function stableId(text, speaker, seen) {
    const base = 'q' + hashString((speaker || '') + '\u0001' + text).toString(36);
    const n = (seen.get(base) || 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : base + '-' + n;
  }

  /** Turn an engine result (analyzePage: blocks with pieces, quotes, speakers) into render items
   *  with live DOM ranges. page = {dom}: the DOM node of every tree index. */
  function resolve(doc, page, analysis) {
    const items = [];
    const seen = new Map();
    const blocks = (analysis && analysis.blocks) || [];
    const speakers = (analysis && analysis.speakers) || [];
    for (const q of (analysis && analysis.quotes) || []) {
      const block = blocks[q.block];
      const range = rangeFor(doc, page, block, q.start, q.end);
      if (!range) continue;
      const text = collapse(block.text.slice(q.start, q.end));
      const sp = q.speaker != null ? speakers[q.speaker] : null;
      const name = q.speakerName || (sp && sp.name) || '';
      const sent = q.sentence && blocks[q.sentence.block];
      items.push({
        id: stableId(text, name, seen),
        engineId: q.id,
        range,
        text: firstCodePoints(text, 200),
        fullText: text,
        kind: q.kind || 'direct',
        speaker: q.speaker != null ? q.speaker : null,
        speakerName: name,
        speakerKind: sp ? sp.kind : null,
        role: sp ? sp.role || null : null,
        sentence: sent ? collapse(sent.text.slice(q.sentence.start, q.sentence.end)) : '',
        confidence: typeof q.confidence === 'number' ? q.confidence : null,
        rule: q.rule || '',
        continues: q.continues != null ? q.continues : null,
        block: q.block,
        blockEl: page.dom[block.node] || null,
      });
    }
    return items;
  }

  root.QuoteLensExtract = {
    LIMITS, looksLikeArticle, buildTree, buildTreeAsync, makeBudget, yieldToPage, isEditable, editingDocument,
    rangeFor, resolve, collapse, hashString, fingerprint, firstCodePoints,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
