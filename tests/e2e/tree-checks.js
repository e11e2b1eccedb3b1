// The page tree and the offset map on tests/e2e/site/tree.html (the body of a function run in the
// page after extension/src/extract.js was loaded into it; shared by chrome.js and firefox.py).
// Returns the list of problems found (empty: all good).
const X = globalThis.QuoteLensExtract;
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };
const read = X.buildTree(document);
const { tree, dom } = read;
const nodes = tree.nodes;
check(tree.title === 'Ferry pier vote', `title ${JSON.stringify(tree.title)}`);
check(tree.meta.some(([k, v]) => k === 'og:type' && v === 'article') && tree.meta.some(([k]) => k === 'description'), `meta ${JSON.stringify(tree.meta)}`);
check(nodes[0].tag === 'html' && nodes[0].parent === -1, 'nodes[0] is not the root <html>');
check(dom.length === nodes.length, 'dom and nodes differ in length');
check(!read.truncated.nodes && !read.truncated.chars, 'truncated on a small page');
// shape: document order, each node's parent an earlier element still open
const open = [];
nodes.forEach((n, i) => {
  if (i === 0) { open.push(0); return; }
  while (open.length && open[open.length - 1] !== n.parent) open.pop();
  check(open.length > 0 && nodes[n.parent].tag !== '#text', `node ${i} (${n.tag}): parent ${n.parent} is not an open element`);
  if (n.tag !== '#text') open.push(i);
  const d = dom[i];
  check(d && (n.tag === '#text' ? d.nodeType === 3 && d.data === n.text : d.nodeType === 1 && d.localName === n.tag), `node ${i} does not match its DOM node`);
  check(d && (n.parent < 0 || (d.parentNode === dom[n.parent])), `node ${i}: parent is not its DOM parent`);
});
const allText = nodes.filter((n) => n.tag === '#text').map((n) => n.text).join('|');
for (const never of ['Secret draft', 'Typed by the user', 'Typed into a box', 'Our own label text', 'Script text',
  'Hidden by attribute', 'Hidden by inline style', 'Hidden by the style sheet', 'Invisible by the style sheet', 'Hidden from assistive']) {
  check(!allText.includes(never), `the tree holds ${JSON.stringify(never)}`);
}
check(allText.includes('Council votes to rebuild the ferry pier') && allText.includes('North'), 'article text missing from the tree');
const byId = (id) => nodes[dom.findIndex((d) => d.nodeType === 1 && d.id === id)] || {};
const story = byId('story');
check(story.class === 'story body' && story.itemprop === 'articleBody' && story.itemtype === 'https://schema.org/NewsArticle', `article attributes ${JSON.stringify(story)}`);
for (const id of ['draft', 'field', 'box']) check(byId(id).editable === true, `#${id} not marked editable`);
for (const id of ['h1', 'h2', 'h3', 'h4', 'h5']) check(byId(id).hidden === true, `#${id} not marked hidden`);
check(!byId('q1').hidden && !byId('q1').editable, '#q1 marked hidden or editable');
check(JSON.stringify(byId('t').attrs) === JSON.stringify([['summary', 'Votes by ward'], ['data-testid', 'votes']]), `table attrs ${JSON.stringify(byId('t').attrs)}`);
check(!nodes.some((n) => n.tag.startsWith('quotelens-')), 'quotelens\'s own element in the tree');
// the offset map: blocks as the engine gives them, pieces written by hand for this page
const idx = (node) => dom.indexOf(node);
const q1 = document.getElementById('q1');
const [t1, a, t3] = [q1.firstChild, q1.querySelector('a').firstChild, q1.lastChild];
const text1 = '“Мы готовы,” said Anna 😀 Berg.'; // the NBSP collapsed to a space
const b1 = { kind: 'paragraph', text: text1, node: idx(q1), pieces: [0, idx(t1), 0, t1.data.length, t1.data.length, idx(a), 0, 4, t1.data.length + 4, idx(t3), 0, t3.data.length] };
const page = { dom };
const sub = (b, s, e) => { const r = X.rangeFor(document, page, b, s, e); return r ? r.toString() : null; };
const at = (s) => text1.indexOf(s);
check(sub(b1, 0, at(' said')) === '“Мы готовы,”', `Cyrillic quote: ${JSON.stringify(sub(b1, 0, at(' said')))}`);
check(sub(b1, at('Anna'), at('Anna') + 4) === 'Anna', 'the text inside the link');
check(sub(b1, at('said'), at(' 😀')) === 'said Anna', `across a link: ${JSON.stringify(sub(b1, at('said'), at(' 😀')))}`);
check(sub(b1, at('😀'), at('😀') + 2) === '😀', 'the emoji (a surrogate pair)');
check(sub(b1, 0, text1.length) === q1.textContent, 'the whole block');
const q2 = document.getElementById('q2').firstChild; // "said  \n   Anna\u00ADBerg"
const s2 = q2.data.indexOf('Anna');
const b2 = { kind: 'paragraph', text: 'said AnnaBerg', node: idx(q2.parentNode), pieces: [0, idx(q2), 0, 5, 5, idx(q2), s2, 4, 9, idx(q2), s2 + 5, 4] };
check(sub(b2, 5, 13) === 'Anna\u00ADBerg', `after a collapsed run, across a soft hyphen: ${JSON.stringify(sub(b2, 5, 13))}`);
check(sub(b2, 0, 9) === q2.data.slice(0, s2 + 4), `from the start over the collapsed run: ${JSON.stringify(sub(b2, 0, 9))}`);
check(sub(b2, 4, 5) === ' ', 'the collapsed space is the run\'s first character');
check(sub(b2, 9, 13) === 'Berg', 'the piece after the dropped soft hyphen');
check(sub(b2, 0, 14) === null && sub(b2, 3, 3) === null && sub(null, 0, 1) === null, 'out-of-range offsets give no range');
// resolve: engine quotes -> render items with ranges, the block's element, the collapsed text
const items = X.resolve(document, page, { blocks: [b1], quotes: [{ id: 0, block: 0, start: 0, end: at(' said'), kind: 'direct', speaker: 0, confidence: 0.9, rule: 'trailing-cue' }], speakers: [{ name: 'Anna Berg', kind: 'person' }] });
check(items.length === 1 && items[0].blockEl === q1 && items[0].speakerName === 'Anna Berg' && items[0].text === '“Мы готовы,”' && items[0].range.toString() === '“Мы готовы,”', `resolve: ${JSON.stringify(items.map((x) => [x.text, x.speakerName]))}`);
// a page being edited as a whole is not read at all
document.designMode = 'on';
check(X.buildTree(document) === null, 'a document in designMode was read');
document.designMode = 'off';
return problems;
