/* QuoteLens — reading the page.
 *
 * A classic script that defines one global, `QuoteLensExtract`. It has no dependency on any
 * extension API, so the content script, the demo page in www/ and tests can all load it.
 *
 *   QuoteLensExtract.looksLikeArticle(doc)  -> {article: boolean, reason: string}   (cheap)
 *   QuoteLensExtract.extract(doc)           -> {roots, blocks, fingerprint, truncated} | null
 *   await QuoteLensExtract.extractAsync(doc, budget)  the same in time slices: `budget.over()` says
 *       when the slice is used up, `await budget.pause()` yields to the page (see makeBudget)
 *       blocks[i] = {text, kind, el, nodes, ni, off}: `text` is what the engine sees; for every
 *       UTF-16 code unit of it, nodes[ni[k]] is the DOM Text node and off[k] the code-unit offset
 *       in that node where the character came from (soft hyphens and zero-width characters are
 *       dropped, whitespace incl. NBSP is collapsed to one space, entities are already decoded).
 *   QuoteLensExtract.rangeFor(doc, block, start, end) -> Range | null  (engine offsets -> DOM)
 *   QuoteLensExtract.resolve(doc, article, analysis)  -> items for QuoteLensRender
 *   QuoteLensExtract.isEditable(el) / editingDocument(doc)   what is never read nor labelled
 *
 * Limits (LIMITS below): at most MAX_BLOCKS blocks and MAX_CHARS UTF-16 code units of article text
 * are read, in document order (`truncated` says when one was hit); statistics over paragraphs
 * (how much text an element holds) look at no more than MAX_SCAN_PARAS paragraphs. Editable
 * content — contenteditable hosts and everything inside them, role=textbox, form fields, a
 * document in designMode — is never read, so it is never labelled.
 */
(function (root) {
  'use strict';

  // Elements whose content is never article text.
  const SKIP_TAGS = new Set([
    'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
    'button', 'input', 'select', 'option', 'textarea', 'form', 'nav', 'aside', 'footer', 'menu',
    'dialog', 'video', 'audio', 'picture', 'img', 'map', 'head', 'title', 'link', 'meta',
    'quotelens-label', 'quotelens-mark',
  ]);
  // Elements that start a new block; the value is the block kind they give their text.
  const BLOCK_KIND = {
    h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
    p: 'paragraph', figcaption: 'caption', caption: 'caption', li: 'listitem', dt: 'paragraph',
    dd: 'paragraph', blockquote: 'blockquote', pre: 'paragraph', td: 'paragraph', th: 'paragraph',
    address: 'paragraph', summary: 'paragraph',
  };
  const BLOCK_LEVEL = new Set([
    ...Object.keys(BLOCK_KIND), 'div', 'section', 'article', 'header', 'main', 'figure', 'ul', 'ol',
    'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'hgroup', 'details', 'center', 'fieldset',
  ]);
  const EXCLUDED_ROLES = new Set([
    'navigation', 'complementary', 'contentinfo', 'search', 'menu', 'menubar', 'dialog',
    'alertdialog', 'banner', 'toolbar', 'tablist', 'button', 'textbox', 'searchbox', 'combobox',
  ]);
  const LIMITS = Object.freeze({
    MAX_BLOCKS: 5000, // blocks read per page
    MAX_CHARS: 1000000, // UTF-16 code units of article text read per page (about 1 MB)
    MAX_SCAN_PARAS: 5000, // paragraphs looked at when measuring how much text an element holds
    TEXT_LEN_CAP: 200000, // code units counted when measuring an element's text (link density)
  });
  // Class/id tokens that mark page furniture. "Strong" ones always exclude the subtree; "weak" ones
  // only when no positive token (article, content, body, …) is present too.
  const STRONG_NEG = /^(comments?|commenting|disqus|replies|related|relatedstories|recirc(ulation)?|outbrain|taboola|share|sharing|sharebar|social|newsletter|promo|promos|promotion|sponsor(ed)?|advert(isement)?s?|ad|ads|adslot|adunit|dfp|most(popular|read|viewed)?|popular|trending|recommend(ed|ations)?|signup|paywall|cookie|cookies|consent|gdpr|breadcrumbs?|byline_share|subscribe|subscription|toolbar|morestories|moreon|readmore|readnext|upnext|whatsnext)$/;
  const WEAK_NEG = /^(footer|foot|sidebar|menu|nav|navbar|navigation|tags|tag|meta|widget|widgets|pager|pagination|banner|popup|modal|masthead|rail|extra|tools|utility|print|skip|offscreen)$/;
  const POSITIVE = /^(article|articlebody|content|entry|main|post|story|storybody|text|body|prose|caption|headline|standfirst|dek|lede|summary)$/;
  const STANDFIRST = /(standfirst|dek|deck|subhead|sub-?title|subtitle|summary|lede|lead|description|intro|strapline|excerpt|teaser|kicker)/i;
  const SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
  const HIDDEN_CLASS = /(^|\s)(sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader|offscreen|a11y-hidden|u-hidden)(\s|$)/i;

  function tokens(el) {
    const raw = ((typeof el.className === 'string' ? el.className : '') + ' ' + (el.id || ''))
      .replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const words = raw.split(/[^a-z0-9]+/).filter(Boolean);
    const out = words.slice();
    // joined neighbours catch "related-stories" -> "relatedstories", "most-popular" -> "mostpopular"
    for (let i = 0; i + 1 < words.length; i++) out.push(words[i] + words[i + 1]);
    return out;
  }

  /** Is this element page furniture (never article text)? `bigText`: the amount of text above
   *  which class/id names alone do not exclude an element (page wrappers get names like
   *  "panel-two-col-sidebar-right" or "js-social-anchor" and still hold the article). */
  /** Content the user may be typing in: never read, never labelled. */
  function isEditable(el) {
    if (!el || el.nodeType !== 1) return false;
    if (el.isContentEditable) return true;
    const ce = el.getAttribute('contenteditable');
    if (ce !== null && ce.toLowerCase() !== 'false') return true;
    return el.getAttribute('role') === 'textbox';
  }

  function editingDocument(doc) {
    return (doc.designMode || '').toLowerCase() === 'on' || !!(doc.body && doc.body.isContentEditable);
  }

  /** Sum of the text length of (at most MAX_SCAN_PARAS of) el's <p> elements. */
  function pLength(el, keep) {
    let n = 0;
    let k = 0;
    for (const p of el.getElementsByTagName('p')) {
      if (++k > LIMITS.MAX_SCAN_PARAS) break;
      if (!keep || keep(p)) n += (p.textContent || '').length;
    }
    return n;
  }

  /** An element's text length, counted up to TEXT_LEN_CAP (textContent of a 10 MB page is slow). */
  function textLength(el) {
    const w = el.ownerDocument.createTreeWalker(el, 4);
    let n = 0;
    while (w.nextNode()) {
      n += w.currentNode.length;
      if (n >= LIMITS.TEXT_LEN_CAP) return LIMITS.TEXT_LEN_CAP;
    }
    return n;
  }

  function excludedSelf(el, bigText) {
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) return true;
    if (isEditable(el)) return true;
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
    const role = el.getAttribute('role');
    if (role && EXCLUDED_ROLES.has(role)) return true;
    if (tag === 'header' && el.querySelector('nav')) {
      // a site header (with navigation); an article header (headline, standfirst) has no nav
      if (!el.querySelector('h1')) return true;
    }
    const cls = typeof el.className === 'string' ? el.className : '';
    if (cls && HIDDEN_CLASS.test(cls)) return true;
    if (!cls && !el.id) return false;
    const toks = tokens(el);
    let strong = false;
    let weak = false;
    let positive = false;
    for (const t of toks) {
      if (STRONG_NEG.test(t)) strong = true;
      if (WEAK_NEG.test(t)) weak = true;
      if (POSITIVE.test(t)) positive = true;
    }
    if (!strong && !(weak && !positive)) return false;
    if (bigText) {
      const n = pLength(el);
      // strong names ("comments", "related") need a large share of the page's text to be kept;
      // weak ones ("rail", "meta", "tools") just some real paragraphs
      if (n > (strong ? bigText : 1000)) return false;
    }
    return true;
  }

  function makeExcluder(doc) {
    const cache = new Map();
    const selfCache = new Map();
    const stop = doc.body || doc.documentElement;
    // "big" = holds a good part of the page's paragraph text
    const pText = pLength(stop);
    const bigText = Math.max(1500, Math.floor(pText * 0.4));
    function self(el) {
      let v = selfCache.get(el);
      if (v === undefined) { v = excludedSelf(el, bigText); selfCache.set(el, v); }
      return v;
    }
    function excluded(el) {
      if (!el || el === stop || el.nodeType !== 1) return false;
      let v = cache.get(el);
      if (v !== undefined) return v;
      v = self(el) || excluded(el.parentElement);
      cache.set(el, v);
      return v;
    }
    return { excluded, self };
  }

  let visibilityUseless = false; // the whole page is hidden (anti-flicker CSS waiting for its JS)
  function isVisible(el) {
    if (visibilityUseless) return true;
    if (typeof el.checkVisibility === 'function') {
      try { return el.checkVisibility(); } catch (_) { /* fall through */ }
    }
    const view = el.ownerDocument.defaultView;
    if (!view) return true;
    const cs = view.getComputedStyle(el);
    return cs.display !== 'none' && cs.visibility !== 'hidden';
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
  // Finding the article container (Readability-style scoring)

  function classWeight(el) {
    if (!el.className && !el.id) return 0;
    let w = 0;
    for (const t of tokens(el)) {
      if (STRONG_NEG.test(t) || WEAK_NEG.test(t)) w -= 25;
      else if (POSITIVE.test(t)) w += 25;
    }
    return Math.max(-50, Math.min(50, w));
  }

  function linkDensity(el, textLen) {
    if (!textLen) return 0;
    let linkLen = 0;
    for (const a of el.getElementsByTagName('a')) {
      linkLen += (a.textContent || '').length;
      if (linkLen >= textLen) break;
    }
    return Math.min(1, linkLen / textLen);
  }

  /** The first `limit` of body.querySelectorAll('p, pre, td, blockquote, div > span:only-child'), in
   *  document order, without matching the selector against the whole of a huge page. */
  function* paragraphCandidates(body, limit) {
    const w = body.ownerDocument.createTreeWalker(body, 1);
    let n = 0;
    while (n < limit && w.nextNode()) {
      const el = w.currentNode;
      const tag = el.localName;
      if (tag === 'p' || tag === 'pre' || tag === 'td' || tag === 'blockquote' ||
        (tag === 'span' && el.parentElement && el.parentElement.localName === 'div' && el.parentElement.childElementCount === 1)) {
        n++;
        yield el;
      }
    }
  }

  function findContainer(doc, ex) {
    const body = doc.body;
    if (!body) return null;
    const scores = new Map();
    const initScore = (el) => {
      let s = 0;
      switch (el.localName) {
        case 'article': s = 10; break;
        case 'main': case 'div': case 'section': s = 5; break;
        case 'pre': case 'td': case 'blockquote': s = 3; break;
        case 'ul': case 'ol': case 'dl': case 'form': case 'address': s = -3; break;
        case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
        default: s = 0;
      }
      if (el.getAttribute('itemprop') === 'articleBody') s += 25;
      return s + classWeight(el);
    };
    for (const p of paragraphCandidates(body, 3000)) {
      if (ex.excluded(p)) continue;
      const text = (p.textContent || '').trim();
      if (text.length < 25) continue;
      let score = 1 + (text.match(/[,،、，]/g) || []).length + Math.min(Math.floor(text.length / 100), 3);
      let anc = p.parentElement;
      for (let level = 0; anc && anc !== doc.documentElement && level < 4; level++, anc = anc.parentElement) {
        if (!scores.has(anc)) scores.set(anc, initScore(anc));
        const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
        scores.set(anc, scores.get(anc) + score / div);
      }
    }
    let top = null;
    let topScore = -Infinity;
    for (const [el, s] of scores) {
      if (ex.excluded(el)) continue;
      const len = textLength(el);
      const final = s * (1 - linkDensity(el, len));
      scores.set(el, final);
      if (final > topScore) { top = el; topScore = final; }
    }
    if (!top) return null;
    return { top, topScore, scores };
  }

  function paragraphTextLength(el, ex) {
    return pLength(el, (p) => !ex.excluded(p));
  }

  /** The article's roots in document order: the scored container, widened to its <article>
   *  (for headline, standfirst and captions) when that adds no large amount of other text,
   *  plus a headline and standfirst from outside when the container has none. */
  function findRoots(doc, ex) {
    const found = findContainer(doc, ex);
    if (!found) return null;
    let { top } = found;
    // Readability: a lone <p> scored highest means its parent is the container
    const inner = paragraphTextLength(top, ex);
    const art = top.closest('article, [role="article"], [itemtype*="Article"], main');
    if (art && art !== top && !ex.excluded(art)) {
      const outer = paragraphTextLength(art, ex);
      if (outer <= inner * 1.6 + 600) top = art;
    }
    // walk up while the parent adds only headline/standfirst-sized text
    for (let i = 0; i < 3 && top.parentElement && top.parentElement !== doc.body; i++) {
      const parent = top.parentElement;
      if (ex.excluded(parent)) break;
      const outer = paragraphTextLength(parent, ex);
      const inParent = paragraphTextLength(top, ex);
      const hasHeadline = !top.querySelector('h1') && parent.querySelector('h1');
      if (hasHeadline && outer <= inParent + 800) top = parent; else break;
    }
    const roots = [top];
    // Readability: siblings of the container that score well (or are good paragraphs) belong to
    // the article too: bodies split into one wrapper per paragraph, list articles, …
    if (top.parentElement && top.parentElement !== doc.documentElement) {
      const threshold = Math.max(10, found.topScore * 0.2);
      for (const sib of top.parentElement.children) {
        if (sib === top || ex.excluded(sib)) continue;
        const sc = found.scores.get(sib);
        let keep = sc !== undefined && sc >= threshold;
        if (!keep && (sib.localName === 'p' || sib.localName === 'blockquote' || sib.localName === 'figure' || sib.localName === 'ul' || sib.localName === 'ol')) {
          const t = (sib.textContent || '').trim();
          const ld = linkDensity(sib, t.length);
          keep = (t.length > 80 && ld < 0.25) || (t.length > 0 && t.length <= 80 && ld === 0 && /\.( |$)/.test(t)) || (sib.localName === 'figure' && !!sib.querySelector('figcaption'));
        }
        if (keep) roots.push(sib);
      }
    }
    if (!roots.some((r) => r.querySelector('h1') || r.localName === 'h1')) {
      // headline + standfirst from outside the container
      const h1s = [...doc.getElementsByTagName('h1')].filter((h) => !ex.excluded(h) && isVisible(h));
      const first = roots.reduce((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING ? b : a));
      const before = h1s.filter((h) => h.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
      const h1 = before[before.length - 1] || h1s[0];
      if (h1 && !roots.some((r) => r.contains(h1) || h1.contains(r))) {
        const extra = [h1];
        // standfirst: a following sibling (of the h1 or of its wrapper) that looks like one
        let sib = h1.nextElementSibling || (h1.parentElement && h1.parentElement.nextElementSibling);
        for (let i = 0; sib && i < 4; i++, sib = sib.nextElementSibling) {
          if (roots.some((r) => sib.contains(r) || r.contains(sib))) break;
          const t = (sib.textContent || '').trim();
          const cls = (typeof sib.className === 'string' ? sib.className : '') + ' ' + (sib.id || '');
          if (!ex.excluded(sib) && t.length >= 30 && t.length <= 600 && (STANDFIRST.test(cls) || sib.localName === 'p')) {
            extra.push(sib);
            break;
          }
        }
        for (const e of extra) roots.push(e);
      }
    }
    roots.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return roots;
  }

  // ---------------------------------------------------------------------------------------------
  // Blocks with a map back to the DOM

  function newBuilder(kind, el) {
    return { kind, el, text: '', nodes: [], ni: [], off: [], pending: null, linkChars: 0, nodeIndex: new Map() };
  }

  function isDrop(c) {
    return c === 0xAD || c === 0x200B || c === 0x2060 || c === 0xFEFF;
  }

  function isSpace(c) {
    // SPACE without a regex per character: ASCII fast, the rest through the regex
    if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0D);
    if (c < 0xA0) return false;
    return SPACE.test(String.fromCharCode(c));
  }

  function appendText(b, node, inLink) {
    const data = node.data;
    if (!data) return;
    let idx = b.nodeIndex.get(node);
    let chunk = '';
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c >= 0xAD && isDrop(c)) continue;
      const ch = data[i];
      if (isSpace(c)) {
        if (!b.pending && (b.text.length || chunk.length)) b.pending = { node, off: i, br: false };
        continue;
      }
      if (idx === undefined) { idx = b.nodes.length; b.nodes.push(node); b.nodeIndex.set(node, idx); }
      if (b.pending) {
        const p = b.pending;
        b.pending = null;
        if (p.br) { b.ni.push(idx); b.off.push(i); } else {
          let pi = b.nodeIndex.get(p.node);
          if (pi === undefined) { pi = b.nodes.length; b.nodes.push(p.node); b.nodeIndex.set(p.node, pi); }
          b.ni.push(pi); b.off.push(p.off);
        }
        chunk += ' ';
        if (inLink) b.linkChars++;
      }
      chunk += ch;
      b.ni.push(idx);
      b.off.push(i);
      if (inLink) b.linkChars++;
    }
    b.text += chunk;
  }

  /** A generator: it yields every 128 nodes, so that a driver can pause there (runAsync) or not
   *  (runSync); returns {blocks, truncated}. */
  function* extractBlocks(roots, ex) {
    const blocks = [];
    const truncated = { blocks: false, chars: false };
    const progress = { blocks, chars: 0 };
    let full = false;
    let steps = 0;
    let cur = null;
    const flush = () => {
      if (cur && cur.text.length) {
        const density = cur.linkChars / cur.text.length;
        // link lists ("Read more: …", related headlines) are not article text
        if (!(density > 0.6 && cur.kind !== 'heading' && cur.kind !== 'caption')) {
          delete cur.pending; delete cur.nodeIndex; delete cur.linkChars;
          blocks.push(cur);
          progress.chars += cur.text.length;
          if (blocks.length >= LIMITS.MAX_BLOCKS) { truncated.blocks = true; full = true; }
          if (progress.chars >= LIMITS.MAX_CHARS) { truncated.chars = true; full = true; }
        }
      }
      cur = null;
    };
    const walk = function* (el, kind, inLink) {
      for (let n = el.firstChild; n && !full; n = n.nextSibling) {
        if ((++steps & 127) === 0) {
          yield progress;
          if (!n.isConnected) throw new Error('quotelens: the article changed while it was being read');
        }
        if (n.nodeType === 3) {
          if (!cur) {
            if (!/[^\s\u00A0]/.test(n.data)) continue;
            cur = newBuilder(kind, el);
          }
          appendText(cur, n, inLink);
          continue;
        }
        if (n.nodeType !== 1) continue;
        const tag = n.localName;
        if (tag === 'br') {
          if (cur && cur.text.length && !cur.pending) cur.pending = { node: null, off: 0, br: true };
          continue;
        }
        if (ex.self(n)) continue;
        if (BLOCK_LEVEL.has(tag)) {
          if (tag !== 'div' && tag !== 'section' && tag !== 'span' && !isVisibleCached(n)) continue;
          flush();
          let k = BLOCK_KIND[tag] || kind;
          if (kind === 'blockquote' && (k === 'paragraph' || k === 'listitem')) k = 'blockquote';
          if (kind === 'caption' && k !== 'heading') k = 'caption';
          if (tag === 'figure' || tag === 'header' || tag === 'section' || tag === 'div' || tag === 'article' || tag === 'main') k = kind === 'blockquote' || kind === 'caption' ? kind : 'paragraph';
          if (tag === 'p' && STANDFIRST.test(typeof n.className === 'string' ? n.className : '')) k = 'paragraph';
          yield* walk(n, k, inLink);
          flush();
        } else {
          yield* walk(n, kind, inLink || tag === 'a');
        }
      }
    };
    const visCache = new Map();
    function isVisibleCached(n) {
      let v = visCache.get(n);
      if (v === undefined) { v = isVisible(n); visCache.set(n, v); }
      return v;
    }
    for (const r of roots) {
      if (full) break;
      flush();
      yield* walk(r, (r.nodeType === 1 && BLOCK_KIND[r.localName]) || 'paragraph', false);
      flush();
    }
    return { blocks, truncated };
  }

  function hashString(s, h) {
    h = h === undefined ? 0x811c9dc5 : h;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** A time budget for extractAsync: slices of `sliceMs`, then a yield to the event loop. */
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

  function begin(doc) {
    if (editingDocument(doc)) return null;
    visibilityUseless = false;
    visibilityUseless = !!doc.body && !isVisible(doc.body);
    const ex = makeExcluder(doc);
    const roots = findRoots(doc, ex);
    return roots ? { roots, ex } : null;
  }

  function finish(roots, out) {
    let h = 0x811c9dc5;
    for (const b of out.blocks) h = hashString(b.kind + '\u0001' + b.text + '\u0002', h);
    return { roots, blocks: out.blocks, truncated: out.truncated, fingerprint: h.toString(36) + ':' + out.blocks.length };
  }

  function extract(doc) {
    const b = begin(doc);
    if (!b) return null;
    const gen = extractBlocks(b.roots, b.ex);
    let r = gen.next();
    while (!r.done) r = gen.next();
    return finish(b.roots, r.value);
  }

  /** extract() in time slices. opts.partialChars / opts.onPartial: once that many characters are
   *  read (and more remain), `await onPartial({roots, blocks, truncated})` with the blocks so far. */
  async function extractAsync(doc, budget, opts) {
    const b = begin(doc);
    if (!b) return null;
    const partialChars = (opts && opts.partialChars) || Infinity;
    const gen = extractBlocks(b.roots, b.ex);
    if (budget.over()) await budget.pause();
    let r = gen.next();
    let partialDone = false;
    while (!r.done) {
      if (!partialDone && r.value && r.value.chars >= partialChars && opts.onPartial) {
        partialDone = true;
        await opts.onPartial({ roots: b.roots, blocks: r.value.blocks.slice(), truncated: null });
      }
      if (budget.over()) await budget.pause();
      r = gen.next();
    }
    return finish(b.roots, r.value);
  }

  // ---------------------------------------------------------------------------------------------
  // Engine offsets -> DOM

  function rangeFor(doc, block, start, end) {
    if (!block || !(end > start) || start < 0 || end > block.text.length) return null;
    const sNode = block.nodes[block.ni[start]];
    const eNode = block.nodes[block.ni[end - 1]];
    if (!sNode || !eNode || !sNode.isConnected || !eNode.isConnected) return null;
    const r = doc.createRange();
    try {
      r.setStart(sNode, Math.min(block.off[start], sNode.length));
      r.setEnd(eNode, Math.min(block.off[end - 1] + 1, eNode.length));
    } catch (_) {
      return null;
    }
    return r;
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

  /** Turn an engine result into render items with live DOM ranges. */
  function resolve(doc, article, analysis) {
    const items = [];
    const seen = new Map();
    const speakers = (analysis && analysis.speakers) || [];
    for (const q of (analysis && analysis.quotes) || []) {
      const block = article.blocks[q.block];
      const range = rangeFor(doc, block, q.start, q.end);
      if (!range) continue;
      const text = collapse(block.text.slice(q.start, q.end));
      const sp = q.speaker != null ? speakers[q.speaker] : null;
      const name = q.speakerName || (sp && sp.name) || '';
      const sent = q.sentence && article.blocks[q.sentence.block];
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
        blockEl: block.el,
      });
    }
    return items;
  }

  root.QuoteLensExtract = {
    LIMITS, looksLikeArticle, extract, extractAsync, makeBudget, yieldToPage, isEditable, editingDocument,
    rangeFor, resolve, collapse, hashString,
    firstCodePoints, _excludedSelf: excludedSelf,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
