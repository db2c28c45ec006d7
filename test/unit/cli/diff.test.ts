import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { unifiedDiff } from '../../../lib/cli/diff.js';

const diff = (before: string, after: string) => unifiedDiff({ path: 'f', before, after });
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);
const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

test('is empty when the texts are equal', () => {
  assert.equal(diff('a\nb\n', 'a\nb\n'), []);
});

test('shows a changed line with three lines of context', () => {
  const before = text(numbered(1, 10));
  const after = before.replace('line 5\n', 'line five\n');
  assert.equal(diff(before, after), [
    '--- f (before)',
    '+++ f (after)',
    '@@ -2,7 +2,7 @@',
    ' line 2',
    ' line 3',
    ' line 4',
    '-line 5',
    '+line five',
    ' line 6',
    ' line 7',
    ' line 8',
  ]);
});

test('splits changes far apart into separate hunks', () => {
  const lines = numbered(1, 20);
  const after = text(lines.map((l) => (l === 'line 2' || l === 'line 18' ? `${l}!` : l)));
  const hunkHeaders = diff(text(lines), after).filter((l) => l.startsWith('@@'));
  assert.equal(hunkHeaders, ['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
});

test('merges changes whose context overlaps into one hunk', () => {
  const lines = numbered(1, 12);
  const after = text(lines.map((l) => (l === 'line 3' || l === 'line 9' ? `${l}!` : l)));
  assert.equal(diff(text(lines), after).filter((l) => l.startsWith('@@')), ['@@ -1,12 +1,12 @@']);
});

test('diffs a new file against nothing', () => {
  assert.equal(diff('', 'a\nb\n'), ['--- f (before)', '+++ f (after)', '@@ -0,0 +1,2 @@', '+a', '+b']);
});

test('diffs an emptied file', () => {
  assert.equal(diff('a\n', ''), ['--- f (before)', '+++ f (after)', '@@ -1 +0,0 @@', '-a']);
});

test('shows insertions and deletions in the middle, keeping common lines', () => {
  assert.equal(diff('a\nb\nc\nd\n', 'a\nc\nx\nd\n').slice(2), ['@@ -1,4 +1,4 @@', ' a', '-b', ' c', '+x', ' d']);
});

test('marks a missing newline at the end of the file', () => {
  assert.equal(diff('a\n', 'a').slice(2), ['@@ -1 +1 @@', '-a', '+a\n\\ No newline at end of file']);
});
test('reconstructs both texts from its lines, for random edits', () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 200; round++) {
    const before = Array.from({ length: random(12) }, () => 'abcd'[random(4)]);
    const after = Array.from({ length: random(12) }, () => 'abcd'[random(4)]);
    const body = unifiedDiff({ path: 'f', before: text(before), after: text(after) }, 1000).slice(3);
    if (body.length === 0) {
      assert.equal(before, after);
      continue;
    }
    assert.equal(body.filter((l) => l[0] !== '+').map((l) => l.slice(1)), before);
    assert.equal(body.filter((l) => l[0] !== '-').map((l) => l.slice(1)), after);
  }
});

test('falls back to removing all old lines and adding all new ones when the texts share nothing and are huge', () => {
  const before = numbered(1, 2500);
  const after = before.map((l) => `${l}!`);
  const lines = diff(text(before), text(after));
  assert.is(lines[2], '@@ -1,2500 +1,2500 @@');
  assert.equal(lines.slice(3, 5), ['-line 1', '-line 2']);
  assert.is(lines[3 + 2500], '+line 1!');
});

test.run();
