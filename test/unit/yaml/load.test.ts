// YAML errors point at the place a user has to fix, with a message that names the mistake.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError } from '../../../lib/errors.js';
import { parseYaml } from '../../../lib/yaml/load.js';

function errorText(text: string): string {
  try {
    parseYaml(text, 'play.yaml');
  } catch (error) {
    return formatError(error);
  }
  throw new Error('expected a YAML error');
}

test('a double-quoted string that never closes is reported where its quote opens', () => {
  const text = '- hosts: all\n  tasks:\n    - name: "unclosed\n      shell: echo\n    - name: b\n      shell: c\n\n';
  assert.fixture(
    errorText(text),
    [
      'play.yaml:3:13: YAML syntax error: this double-quoted string is never closed',
      '  3 |     - name: "unclosed',
      '    |             ^',
      '  hint: end it with " on the line where it should end (a " inside it is written \\")',
    ].join('\n'),
  );
});

test('a single-quoted string that never closes is reported where its quote opens', () => {
  assert.fixture(
    errorText("a: 1\nb: 'open\nc: 2\n"),
    ["play.yaml:2:4: YAML syntax error: this single-quoted string is never closed", "  2 | b: 'open", '    |    ^', "  hint: end it with ' on the line where it should end (a ' inside it is written '')"].join('\n'),
  );
});

const tabs: Array<[string, string, string]> = [
  ['a tab at the start of a line', 'a:\n\tb: 1\n', 'play.yaml:2:1'],
  ['a tab after spaces of a sequence item', '- hosts: all\n  tasks:\n  \t- shell: x\n', 'play.yaml:3:3'],
  ['a tab between the spaces of a mapping key', 'a:\n    b: 1\n  \tc: 2\n', 'play.yaml:3:3'],
  ['a tab before a task keyword', '- hosts: all\n  tasks:\n    - shell: x\n\t  when: y\n', 'play.yaml:4:1'],
];

for (const [what, text, where] of tabs) {
  test(`${what} is reported as a tab in the indentation, at the tab`, () => {
    const shown = errorText(text);
    assert.is(shown.split('\n')[0], `${where}: YAML syntax error: a tab in the indentation: YAML indents with spaces only`);
    assert.match(shown, /hint: replace the tab with spaces/);
  });
}

test('other syntax errors keep the parser message at their own place', () => {
  assert.is(errorText('a: [1, 2\nb: 3\n').split('\n')[0].replace(/:\d+:\d+:/, ':L:C:'), 'play.yaml:L:C: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]');
});

test('a parsed file locates values and keys by path', () => {
  const yaml = parseYaml('a:\n  b: [x, "y"]\n', 'f.yaml');
  assert.equal(yaml.data, { a: { b: ['x', 'y'] } });
  assert.is(yaml.locate(['a', 'b', 1]).col, 10);
  assert.is(yaml.locate(['a', 'b'], { key: true }).col, 3);
  assert.is(yaml.locate(['a', 'missing']).line, 2, 'the nearest existing parent');
});

test.run();
