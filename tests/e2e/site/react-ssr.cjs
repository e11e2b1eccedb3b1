// Prints react.html: the fixture app server-rendered with react-dom/server (tests/e2e/serve.py runs
// this for /react.html). In the browser react-app.js hydrates it with hydrateRoot.
'use strict';
const path = require('node:path');
const modules = path.resolve(__dirname, '..', '..', '..', 'node_modules');
const React = require(path.join(modules, 'react'));
const { renderToString } = require(path.join(modules, 'react-dom', 'server'));
const { reactApp } = require('./framework-app.js');
const body = renderToString(React.createElement(reactApp(React), { version: 0 }));
process.stdout.write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tram line: council split (React) — Test Gazette</title>
<link rel="icon" href="/favicon.ico">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/news.css">
<script src="/vendor/react.js" defer></script>
<script src="/vendor/react-dom.js" defer></script>
<script src="/framework-app.js" defer></script>
<script src="/react-app.js" defer></script>
</head>
<body>
<main><div id="root">${body}</div></main>
</body>
</html>
`);
