import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExtraVars } from '../../../lib/inventory/extra-vars.js';
import type { Vars } from '../../../lib/inventory/types.js';
import { errorOf } from './support.js';
import { EXIT, exitCodeFor } from '../../../lib/cli/exit-codes.js';

// Locations are shown relative to the working directory: run from the repository root.
process.chdir(fileURLToPath(new URL('../../../../', import.meta.url)));

const forms: Array<[string, string[], Vars]> = [
  ['reads one key=value pair as a string', ['release=v2'], { release: 'v2' }],
  ['reads several space-separated pairs', ['a=1 b=two  c=3.5'], { a: 1, b: 'two', c: 3.5 }],
  ['types numbers and booleans as YAML does', ['n=42 f=-1.5 t=true no=false'], { n: 42, f: -1.5, t: true, no: false }],
  ['keeps other words as strings', ['yes=yes n=null v=1.2.3 url=http://x/?a=b'], { yes: 'yes', n: 'null', v: '1.2.3', url: 'http://x/?a=b' }],
  ['reads an empty value as an empty string', ['empty='], { empty: '' }],
  ['keeps quoted values as strings, spaces included', [`msg="hello world" n='42' path=/srv/"my app"`], { msg: 'hello world', n: '42', path: '/srv/my app' }],
  ['reads an inline YAML mapping', ['{release: v2, replicas: 3, tags: [a, b]}'], { release: 'v2', replicas: 3, tags: ['a', 'b'] }],
  ['reads an inline JSON mapping', ['{"db": {"host": "db1", "port": 5432}}'], { db: { host: 'db1', port: 5432 } }],
  ['reads a YAML file named with @', ['@test/fixtures/inventory/extra-vars.yaml'], { release: '2.4.1', replicas: 3, features: { search: true } }],
  ['lets a later value replace an earlier one key by key', ['a=1 b=1', '{b: {x: 2}}', 'c=3'], { a: 1, b: { x: 2 }, c: 3 }],
  ['gives nothing for no values', [], {}],
];

for (const [sentence, values, expected] of forms) {
  test(sentence, () => {
    assert.equal(parseExtraVars(values), expected);
  });
}

const FORMS = 'expected key=value pairs, a {...} mapping (YAML or JSON) or @file.yaml';

const refusals: Array<[string, string, string[]]> = [
  ['a word without =', 'a=1 verbose', [`-e "a=1 verbose": "verbose" is not key=value; ${FORMS}`]],
  ['an unclosed quote', 'msg="hello world', [`-e "msg="hello world": "msg="hello" is not key=value; ${FORMS}`]],
  ['a key that is not a variable name', 'max-conn=5', ['-e "max-conn=5": "max-conn" is not a variable name (letters, digits and _, not starting with a digit)']],
  [
    'inline YAML with a syntax error, at its column',
    '{a: 1, b',
    ['--extra-vars:1:9: YAML syntax error: Flow map must end with a }', '  1 | {a: 1, b', '    |         ^', '  hint: fix the YAML syntax at this place'],
  ],
  [
    'an inline mapping with a bad variable name, at the name',
    '{ok: 1, bad-name: 2}',
    [
      '--extra-vars:1:9: extra vars: the top level has an invalid name "bad-name": it must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"',
      '  1 | {ok: 1, bad-name: 2}',
      '    |         ^',
    ],
  ],
  [
    'a file that is not a mapping, at its first line',
    '@test/fixtures/inventory/extra-vars-list.yaml',
    ['test/fixtures/inventory/extra-vars-list.yaml:1:1: extra vars file: the top level must be an object', '  1 | - release', '    | ^'],
  ],
  ['a missing file by name', '@test/fixtures/inventory/nope.yaml', ['cannot read test/fixtures/inventory/nope.yaml: ENOENT']],
];

for (const [what, value, expected] of refusals) {
  test(`refuses ${what}`, () => {
    assert.fixture(errorOf(() => parseExtraVars([value])), expected.join('\n'));
  });
  test(`a malformed -e (${what}) is a bad option: exit 5, as the exit-code table says`, () => {
    assert.throws(() => parseExtraVars([value]), (error: unknown) => exitCodeFor({ error }) === EXIT.badOptions);
  });
}

test.run();
