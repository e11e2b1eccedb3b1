// The labels as a page sees them (the body of a function run in the page; shared by harness.js and
// firefox.py). Labels are <quotelens-label-…> elements with the test contract's data attributes,
// absolutely positioned in an overlay outside <body>; the quote's text is a CSS Custom Highlight
// API range. Each label is matched with its highlight range (by text), so that the checks can see
// what the page's text is where the quote is highlighted (`before`: the block's text up to the
// range's end) and where in the page the quote is (`excludedAncestor`).
const norm = (s) => s.replace(/[\u00AD]/g, '').replace(/[\s\u00A0]+/g, ' ').trim();
const ranges = [];
if (globalThis.CSS && CSS.highlights) {
  for (const [name, h] of CSS.highlights) {
    if (!/^quotelens-/.test(name)) continue;
    for (const r of h) ranges.push({ r, text: norm(r.toString()), used: false });
  }
}
const SEL = 'nav, aside, footer, [role=navigation], [role=complementary], [role=contentinfo], [class*=comment i], [id*=comment i], [class*=related i], [class*=promo i], [class*=share i], [class*=newsletter i], [class*=sidebar i]';
// page wrappers get such names too ("panel-two-col-sidebar-right"): an element holding
// 40% or more of the page's paragraph text is not furniture
const pText = (e) => [...e.getElementsByTagName('p')].reduce((n, p) => n + p.textContent.length, 0);
const total = document.body ? pText(document.body) : 0;
return [...document.querySelectorAll('[data-quotelens-quote]')].map((el) => {
  const text = el.getAttribute('data-quotelens-text');
  const want = norm(text).replace(/…$/, '');
  const m = ranges.find((x) => !x.used && x.text.startsWith(want)) || ranges.find((x) => x.text.startsWith(want));
  let before = null;
  let excluded = null;
  if (m) {
    m.used = true;
    const start = m.r.startContainer.nodeType === 1 ? m.r.startContainer : m.r.startContainer.parentElement;
    const block = start.closest('p, li, h1, h2, h3, h4, figcaption, blockquote, td, div, article, body') || document.body;
    const r = document.createRange();
    r.setStart(block, 0);
    r.setEnd(m.r.endContainer, m.r.endOffset);
    before = norm(r.toString());
    for (let a = start; a && a !== document.body; a = a.parentElement) {
      if (a.matches(SEL) && pText(a) < 0.4 * total) { excluded = a.outerHTML.slice(0, 100).replace(/\s+/g, ' '); break; }
    }
  }
  return {
    id: el.getAttribute('data-quotelens-quote'),
    speaker: el.getAttribute('data-quotelens-speaker'),
    kind: el.getAttribute('data-quotelens-kind'),
    text,
    tag: el.localName,
    inLink: !!el.closest('a'),
    highlighted: !!m,
    before: before === null ? '' : before,
    excludedAncestor: excluded,
    inOverlay: !!el.closest('[data-quotelens-overlay]') && !document.body.contains(el),
  };
});
