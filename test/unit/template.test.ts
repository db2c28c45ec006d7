// ejs templates render config files strictly: a value that is not text is an error at its tag.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError } from '../../lib/errors.js';
import { lazyScope } from '../../lib/playbook/expressions.js';
import { renderTemplateFile } from '../../lib/template.js';
import { workspace } from '../support/engine.js';

function rendered(text: string, vars: Record<string, unknown>): string {
  const ws = workspace({ 'conf.ejs': text });
  const cwd = process.cwd();
  process.chdir(ws.dir);
  try {
    return renderTemplateFile(ws.path('conf.ejs'), lazyScope(vars, { context: 'template conf.ejs' }));
  } catch (error) {
    return formatError(error);
  } finally {
    process.chdir(cwd);
    ws.remove();
  }
}

test('values render as text, without HTML escaping', () => {
  assert.is(rendered('a=<%= a %> b=<%- b %> list=<%= list %>\n', { a: '<x>', b: 2, list: ['p', 'q'] }), 'a=<x> b=2 list=p,q\n');
});

const HINT = "  hint: check the names in it (a misspelled property gives undefined in JavaScript, not an error); for a value that may be absent write <%= vars.name ?? '' %>";

const strict: Array<[string, string, Record<string, unknown>, string]> = [
  ['a misspelled property', 'a = 1\nhost = <%= db.hots %>\n', { db: { host: 'h' } }, 'conf.ejs:2:8: output <%= db.hots %> is undefined in template\n  2 | host = <%= db.hots %>\n    |        ^'],
  ['null, also through <%-', 'x <%- x %>\n', { x: null }, 'conf.ejs:1:3: output <%- x %> is null in template\n  1 | x <%- x %>\n    |   ^'],
  ['NaN', 'n=<%= n * 2 %>\n', { n: 'a' }, 'conf.ejs:1:3: output <%= n * 2 %> is NaN (not a number) in template\n  1 | n=<%= n * 2 %>\n    |   ^'],
  ['a whole map', 'm=<%= m %>\n', { m: { a: 1 } }, 'conf.ejs:1:3: output <%= m %> is an object, written as "[object Object]" in template\n  1 | m=<%= m %>\n    |   ^'],
  ['one of two outputs on a line', '<%= a %>:<%= b.c %>\n', { a: 1, b: {} }, 'conf.ejs:1:1: an output on this line (<%= a %>, <%= b.c %>) is undefined in template\n  1 | <%= a %>:<%= b.c %>\n    | ^'],
];

for (const [what, text, vars, expected] of strict) {
  test(`${what} is an error at the template's line and tag`, () => {
    assert.fixture(rendered(text, vars), `${expected}\n${HINT}`);
  });
}

test('an undefined variable is reported at its column on the template line', () => {
  assert.is(rendered('a = <%= nope %>\nb = <%= x.nope + nope %>\n', { x: {} }).split('\n')[0], 'conf.ejs:1:9: undefined variable "nope" in template');
  assert.is(rendered('b = <%= x.nope + nope %>\n', { x: {} }).split('\n')[0], 'conf.ejs:1:18: undefined variable "nope" in template');
});

test('vars.name ?? fallback works in templates as in values', () => {
  assert.is(rendered("<%= vars.port ?? 80 %> <%= vars.name ?? '' %>.\n", { name: 'x' }), '80 x.\n');
});

test('a template that cannot be read is an input error, not a crash', () => {
  const shown = (() => {
    try {
      renderTemplateFile('/nonexistent/bc-play/conf.ejs', {});
      return 'no error';
    } catch (error) {
      return formatError(error);
    }
  })();
  assert.is(shown, 'cannot read template /nonexistent/bc-play/conf.ejs: ENOENT');
});

test('a template changed on disk is rendered from its new text', () => {
  const ws = workspace({ 'conf.ejs': 'old <%= a %>\n' });
  try {
    assert.is(renderTemplateFile(ws.path('conf.ejs'), { a: 1 }), 'old 1\n');
    ws.write({ 'conf.ejs': 'new text, longer: <%= a %>\n' });
    assert.is(renderTemplateFile(ws.path('conf.ejs'), { a: 1 }), 'new text, longer: 1\n');
  } finally {
    ws.remove();
  }
});

test.run();
