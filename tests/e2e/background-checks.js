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
  const block = { text: '“We are ready,” said Anna Berg.', kind: 'paragraph' };
  return {
    ok: await call({ type: 'analyze', blocks: [block] }, tab),
    analyzeFromPage: await call({ type: 'analyze', blocks: [block] }, pageSender),
    analyzeFromOther: await call({ type: 'analyze', blocks: [block] }, other),
    toggleFromTab: await call({ type: 'toggleTab', tabId: 1, on: true }, tab),
    toggleBadTab: await call({ type: 'toggleTab', tabId: 'x' }, pageSender),
    tooMany: await call({ type: 'analyze', blocks: Array(5001).fill(block) }, tab),
    tooLong: await call({ type: 'analyze', blocks: [{ text: 'x'.repeat(1000001), kind: 'paragraph' }] }, tab),
    badKind: await call({ type: 'analyze', blocks: [{ text: 'a', kind: 'script' }] }, tab),
    badOptions: await call({ type: 'analyze', blocks: [block], options: { sieves: ['x'] } }, tab),
    unknown: await call({ type: 'status' }, tab),
    notObject: await call('analyze', tab),
    badCount: await call({ type: 'count', count: -1 }, tab),
    versionFromTab: await call({ type: 'version' }, tab),
  };
