// The CLI and the extension find the same quotes on the same page (issue 8, step 4: one article
// finder). Shared by chrome.js and firefox.py (which runs `node tests/e2e/cli_parity.js NAME
// LABELS.json` and reads the JSON it prints).
//
// cliQuotes(name): `target/release/quotelens extract --json` on ../shared/pages/NAME/source.html,
// as [{text, speaker}] with the text as the extension's labels carry it (data-quotelens-text:
// whitespace collapsed, at most TEXT_CODE_POINTS code points). compare(name, labels, cli): every
// quote (text and speaker) found by one and not the other is a difference; a difference is allowed
// only where tests/e2e/pages.json documents it for that page:
//   "cli": [{"startsWith": "…", "differs": "cli-only" | "extension-only" | "speaker", "why": "…"}]
// and a documented difference that no longer occurs is a failure too (remove the marker).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(REPO, '..', 'shared');
const CLI = path.join(REPO, 'target', 'release', 'quotelens');
const TEXT_CODE_POINTS = 200; // extract.js resolve(): the label's data-quotelens-text
const DIFFERS = new Set(['cli-only', 'extension-only', 'speaker']);

const norm = (s) => String(s).replace(/[\u00AD]/g, '').replace(/[\s\u00A0]+/g, ' ').trim();
const cut = (s) => Array.from(s).slice(0, TEXT_CODE_POINTS).join('').trimEnd(); // as the label's text, then normalised
// a marker's startsWith is matched without the opening quotation mark (as in pages.json's quotes)
const stripped = (t) => t.replace(/^["“«„‘'‹]\s?/, '');

/** Why the comparison cannot run here, or null. */
function unavailable() {
  if (!fs.existsSync(path.join(SHARED, 'pages'))) return '../shared/pages is absent';
  if (!fs.existsSync(CLI)) return `${path.relative(REPO, CLI)} is absent (make build)`;
  return null;
}

function cliQuotes(name) {
  const file = path.join(SHARED, 'pages', name, 'source.html');
  const out = JSON.parse(execFileSync(CLI, ['extract', '--json', '--html', file], { maxBuffer: 256 << 20, encoding: 'utf8' }));
  return out.quotes.map((q) => ({ text: q.text, speaker: q.speaker || '' }));
}

/** Multiset difference of quote texts, then speakers of the texts both found. */
function differences(labels, cli) {
  const same = (l) => ({ text: cut(norm(l.text)), speaker: l.speaker || '' });
  const ext = labels.map(same);
  const pool = new Map();
  for (const q of cli.map(same)) {
    if (!pool.has(q.text)) pool.set(q.text, []);
    pool.get(q.text).push(q);
  }
  const out = [];
  const paired = [];
  for (const e of ext) {
    const list = pool.get(e.text);
    if (list && list.length) paired.push([e, list.shift()]);
    else out.push({ differs: 'extension-only', text: e.text, speaker: e.speaker });
  }
  for (const list of pool.values()) for (const q of list) out.push({ differs: 'cli-only', text: q.text, speaker: q.speaker });
  for (const [e, q] of paired) {
    if (e.speaker !== q.speaker) out.push({ differs: 'speaker', text: e.text, speaker: e.speaker, cliSpeaker: q.speaker });
  }
  return out;
}

/** {problems: [string], documented: N}: undocumented differences and markers no longer needed. */
function compare(name, labels, cli, pages) {
  const markers = ((pages || readPages()).pages[name] || {}).cli || [];
  const diffs = differences(labels, cli);
  const problems = [];
  const used = new Set();
  for (const m of markers) {
    if (!DIFFERS.has(m.differs) || typeof m.startsWith !== 'string' || !m.why) problems.push(`bad "cli" marker in pages.json: ${JSON.stringify(m)}`);
  }
  for (const d of diffs) {
    const m = markers.find((x) => x.differs === d.differs && stripped(d.text).startsWith(x.startsWith));
    if (m) { used.add(m); continue; }
    const who = d.differs === 'speaker' ? `speaker ${JSON.stringify(d.speaker)} in the extension, ${JSON.stringify(d.cliSpeaker)} in the CLI` : `speaker ${JSON.stringify(d.speaker)}`;
    problems.push(`${d.differs}: ${JSON.stringify(d.text.slice(0, 70))} (${who})`);
  }
  for (const m of markers) {
    if (!used.has(m) && DIFFERS.has(m.differs)) problems.push(`the "cli" marker ${JSON.stringify(m.startsWith)} (${m.differs}) is no longer needed: remove it from tests/e2e/pages.json`);
  }
  return { problems, documented: used.size, extension: labels.length, cli: cli.length };
}

function readPages() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'pages.json'), 'utf8'));
}

module.exports = { unavailable, cliQuotes, compare, differences };

if (require.main === module) {
  // node tests/e2e/cli_parity.js NAME LABELS.json  ->  {"skip": why} or compare()'s result
  const [name, labelsFile] = process.argv.slice(2);
  const why = unavailable();
  const result = why ? { skip: why } : compare(name, JSON.parse(fs.readFileSync(labelsFile, 'utf8')), cliQuotes(name));
  process.stdout.write(JSON.stringify(result) + '\n');
}
