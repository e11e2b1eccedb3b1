// Calls the background's message handler with forged senders and payloads (the body of an async
// function run in the extension's own context; shared by chrome.js and firefox.py). Expects `handle`
// (the background's handleMessage) and `api` (chrome / browser). Returns {name: {ret, answered}}:
// only `ok` may be accepted and answered.
  const id = api.runtime.id;
  const tab = { id, tab: { id: 1 }, url: 'https://news.example/a' };
  const pageSender = { id, url: api.runtime.getURL('popup.html') };
  const other = { id: 'abcdefghijklmnopabcdefghijklmnop', tab: { id: 1 }, url: 'https://news.example/a' };
  const call = (msg, sender) => new Promise((resolve) => {
    let answered = null;
    const ret = handle(msg, sender, (v) => { answered = JSON.parse(JSON.stringify(v)); });
    setTimeout(() => resolve({ ret, answered }), ret ? 1500 : 50);
  });
  // a page tree (extract.js buildTree): html > body > article > three paragraphs, one quote
  const para = (text, parent) => [{ tag: 'p', parent }, { tag: '#text', parent: -2, text }];
  const nodes = [{ tag: 'html', parent: -1 }, { tag: 'body', parent: 0 }, { tag: 'article', parent: 1 }];
  for (const t of [
    'Harbourton council voted on Tuesday to rebuild the old ferry pier before the summer season begins.',
    '“We are ready,” said Anna Berg, the mayor, after the vote in the town hall on Tuesday evening.',
    'Work on the pier is expected to start in March, and the council will meet again in the spring.',
  ]) {
    const [p, text] = para(t, 2);
    nodes.push(p);
    nodes.push(Object.assign(text, { parent: nodes.length - 1 }));
  }
  // the tree travels as JSON text
  const tree = JSON.stringify({ title: 'Pier vote', meta: [['og:type', 'article']], nodes });
  const withNode = (n) => JSON.stringify({ title: 'x', nodes: nodes.concat([n]) });
  return {
    ok: await call({ type: 'analyzePage', tree }, tab),
    analyzeFromPage: await call({ type: 'analyzePage', tree }, pageSender),
    analyzeFromOther: await call({ type: 'analyzePage', tree }, other),
    oldBlocksMessage: await call({ type: 'analyze', blocks: [{ text: nodes[6].text, kind: 'paragraph' }] }, tab),
    toggleFromTab: await call({ type: 'toggleTab', tabId: 1, on: true }, tab),
    toggleBadTab: await call({ type: 'toggleTab', tabId: 'x' }, pageSender),
    tooManyNodes: await call({ type: 'analyzePage', tree: JSON.stringify({ nodes: Array.from({ length: 150001 }, (_, i) => ({ tag: 'div', parent: i - 1 })) }) }, tab),
    treeObject: await call({ type: 'analyzePage', tree: JSON.parse(tree) }, tab),
    treeNotJson: await call({ type: 'analyzePage', tree: '{"nodes": [' }, tab),
    treeTooBig: await call({ type: 'analyzePage', tree: ' '.repeat(16 * 1024 * 1024 + 1) }, tab),
    tooLong: await call({ type: 'analyzePage', tree: withNode({ tag: '#text', parent: 2, text: 'x'.repeat(1500001) }) }, tab),
    parentAfter: await call({ type: 'analyzePage', tree: withNode({ tag: 'p', parent: nodes.length }) }, tab),
    unknownField: await call({ type: 'analyzePage', tree: withNode({ tag: 'p', parent: 2, onclick: 'x' }) }, tab),
    textOnElement: await call({ type: 'analyzePage', tree: withNode({ tag: 'p', parent: 2, text: 'x' }) }, tab),
    noNodes: await call({ type: 'analyzePage', tree: '{"title": "x"}' }, tab),
    badOptions: await call({ type: 'analyzePage', tree, options: { sieves: ['x'] } }, tab),
    unknown: await call({ type: 'status' }, tab),
    notObject: await call('analyzePage', tab),
    badCount: await call({ type: 'count', count: -1 }, tab),
    versionFromTab: await call({ type: 'version' }, tab),
  };
