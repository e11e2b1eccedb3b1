// The comparison behind "the extension finds the quotes the CLI finds" (tests/e2e/cli_parity.js):
// differences are found both ways and in speakers, documented ones pass, and a marker that is no
// longer needed fails. Sentences written for this project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const { compare, differences } = createRequire(import.meta.url)('./e2e/cli_parity.js');
const q = (text, speaker) => ({ text, speaker });
const pages = (cli) => ({ pages: { p: { cli } } });

test('the same quotes: no difference, whitespace and soft hyphens aside', () => {
  const ext = [q('“We are ready,”', 'Anna Berg'), q('“Nothing,”', '')];
  const cli = [q('“We are\u00A0 ready,”', 'Anna Berg'), q('“No\u00ADthing,”', '')];
  assert.deepEqual(differences(ext, cli), []);
  assert.deepEqual(compare('p', ext, cli, pages([])).problems, []);
});

test('found by one only, or with another speaker: each is a problem', () => {
  const ext = [q('“We are ready,”', 'Anna Berg'), q('“Вчера,”', 'Ivan Petrov')];
  const cli = [q('“We are ready,”', 'Berg'), q('“The pier 🚢 waits,”', '')];
  const d = differences(ext, cli).map((x) => x.differs).sort();
  assert.deepEqual(d, ['cli-only', 'extension-only', 'speaker']);
  assert.equal(compare('p', ext, cli, pages([])).problems.length, 3);
});

test('a long quote cut at a space matches its label (which is cut, then trimmed)', () => {
  const long = '“' + 'word '.repeat(39) + 'and the end,”'; // code point 200 is a space
  const label = Array.from(long).slice(0, 200).join('').trim();
  assert.deepEqual(differences([q(label, 'A')], [q(long, 'A')]), []);
});

test('a duplicate quote counts twice', () => {
  const d = differences([q('“Yes,”', 'A')], [q('“Yes,”', 'A'), q('“Yes,”', 'A')]);
  assert.deepEqual(d.map((x) => x.differs), ['cli-only']);
});

test('a documented difference passes; a marker no longer needed fails; a bad marker fails', () => {
  const ext = [q('“We are ready,”', 'Anna Berg')];
  const cli = [q('“We are ready,”', 'Anna Berg'), q('“Hidden by CSS,”', 'Tom Hale')];
  const ok = compare('p', ext, cli, pages([{ startsWith: 'Hidden by CSS', differs: 'cli-only', why: 'display:none in the style sheet' }]));
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.documented, 1);
  const stale = compare('p', ext, ext, pages([{ startsWith: 'Hidden by CSS', differs: 'cli-only', why: 'display:none in the style sheet' }]));
  assert.equal(stale.problems.length, 1);
  assert.match(stale.problems[0], /no longer needed/);
  const wrongSide = compare('p', ext, cli, pages([{ startsWith: 'Hidden by CSS', differs: 'extension-only', why: 'x' }]));
  assert.equal(wrongSide.problems.length, 2);
  assert.match(compare('p', ext, ext, pages([{ startsWith: 'x', differs: 'other', why: 'x' }])).problems[0], /bad "cli" marker/);
});
