import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError, InputError, UndefinedVariableError } from '../../../lib/errors.js';
import { condition, lazyScope, render } from '../../../lib/playbook/expressions.js';

const site = { context: 'task "t"' };

test('a whole {{ expression }} keeps its type', () => {
  assert.equal(render('{{ ports }}', { ports: [80, 443] }, site), [80, 443]);
  assert.is(render('{{ n + 1 }}', { n: 4 }, site), 5);
});

test('text around a single expression, even a newline, makes the value a string', () => {
  assert.is(render('{{ zone }}\n', { zone: 'America/Sao_Paulo' }, site), 'America/Sao_Paulo\n');
  assert.is(render(' {{ n }}', { n: 1 }, site), ' 1');
});

test('mixed text interpolates each expression as a string', () => {
  assert.is(render('http://{{ host }}:{{ port }}/', { host: 'a', port: 8000 }, site), 'http://a:8000/');
});

test('nested maps and lists are rendered deeply', () => {
  assert.equal(render({ a: ['{{ x }}', { b: '{{ x * 2 }}' }] }, { x: 2 }, site), { a: [2, { b: 4 }] });
});

test('a variable that refers to another is rendered when used', () => {
  const vars = { url: 'http://{{ address }}:8000', address: '10.0.0.2' };
  assert.is(render('{{ url }}/healthz', vars, site), 'http://10.0.0.2:8000/healthz');
});

test('an undefined variable names itself and where it was used', () => {
  try {
    render('{{ missing_var }}', {}, site);
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, UndefinedVariableError);
    assert.is((error as Error).message, 'undefined variable "missing_var" in task "t"');
  }
});

test('vars.name ?? fallback tests for presence without an error', () => {
  assert.is(render('{{ vars.maybe ?? "fallback" }}', {}, site), 'fallback');
});

test('a variable that refers to itself is an error naming the cycle, not a hang', () => {
  assert.is(messageOf(() => render('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, site)), 'variable "a" refers to itself (a → b → a)');
});

test('a variable may read the same-named variable of another scope (hostvars)', () => {
  const db = lazyScope({ port: 5432, url: 'postgres://db:{{ port }}' }, { context: 'hostvars["db"]' });
  assert.is(render('{{ url }}', { url: '{{ hostvars.db.url }}/app', hostvars: { db } }, site), 'postgres://db:5432/app');
});

test('a cycle through another scope is still an error', () => {
  const hosts: Record<string, unknown> = {};
  const hostvars = new Proxy(Object.create(null) as Record<string, unknown>, { get: (_t, name) => hosts[name as string] });
  hosts.web = lazyScope({ url: '{{ hostvars.db.url }}', hostvars }, { context: 'hostvars["web"]' });
  hosts.db = lazyScope({ url: '{{ hostvars.web.url }}', hostvars }, { context: 'hostvars["db"]' });
  assert.match(messageOf(() => render('{{ url }}', { url: '{{ hostvars.web.url }}', hostvars }, site)), /^variable "url" refers to itself/);
});

test('when takes a bare expression, a boolean or a list that must all hold', () => {
  assert.is(condition('x > 1', { x: 2 }, site), true);
  assert.is(condition(false, {}, site), false);
  assert.is(condition(['x > 1', 'y == "a"'], { x: 2, y: 'b' }, site), false);
  assert.is(condition('{{ x }}', { x: true }, site), true);
});

test('JavaScript globals stay usable inside expressions', () => {
  assert.is(render('{{ Math.max(a, 3) }}', { a: 1 }, site), 3);
  assert.is(render('{{ JSON.stringify(o) }}', { o: { k: 1 } }, site), '{"k":1}');
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, InputError, formatError(error));
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const nothing: Array<[string, Record<string, unknown>, string]> = [
  ['a misspelled property in text', { db: { host: 'a' } }, 'psql -h {{ db.hots }}'],
  ['a misspelled property as the whole value', { db: { host: 'a' } }, '{{ db.hots }}'],
  ['null in text', { x: null }, 'value={{ x }}'],
  ['NaN in text', { x: 'a' }, 'n={{ x * 2 }}'],
  ['NaN as the whole value', { x: 'a' }, '{{ x * 2 }}'],
];

for (const [what, vars, text] of nothing) {
  test(`${what} is an error that shows the expression`, () => {
    const expression = /\{\{(.*)\}\}/.exec(text)![1].trim();
    const shown = messageOf(() => render(text, vars, site));
    assert.match(shown, new RegExp(`^expression \\{\\{ ${expression.replace(/[.*]/g, '\\$&')} \\}\\} is (undefined|null|NaN \\(not a number\\)) in task "t"$`));
  });
}

test('null kept as a whole value is a value, not an error', () => {
  assert.is(render('{{ vars.maybe ?? null }}', {}, site), null);
});

test('a map or list inside text is written as JSON', () => {
  assert.is(render('x={{ o }}', { o: { a: [1] } }, site), 'x={"a":[1]}');
});

test('an unclosed {{ is an error, also after a closed one', () => {
  assert.is(messageOf(() => render('/srv/{{ a }}/{{ b', { a: 1, b: 2 }, site)), 'unclosed {{ in task "t": "/srv/{{ a }}/{{ b" has no }} after it');
  assert.is(messageOf(() => condition('{{ a', { a: 1 }, site)), 'unclosed {{ in task "t": "{{ a" has no }} after it');
});

test('a stray }} without {{ is text, as in Jinja (JSON content ends in }})', () => {
  assert.is(render('{"a":{"b":1}}', {}, site), '{"a":{"b":1}}');
  assert.is(render('{{ x }} }}', { x: 1 }, site), '1 }}');
});

test('a literal {{ is written as an expression giving it', () => {
  assert.is(render("{{ '{{' }} name }}", {}, site), '{{ name }}');
});

const jinja: Array<[string, string, string]> = [
  ["x | default('y')", 'uses the Jinja filter "| default"', "write vars.x ?? 'y'"],
  ['x | d', 'uses the Jinja filter "| d"', "write vars.x ?? ''"],
  ['name | upper', 'uses the Jinja filter "| upper"', 'write name.toUpperCase()'],
  ["items | join(', ')", 'uses the Jinja filter "| join"', "write items.join(', ')"],
  ['a + b | int', 'uses the Jinja filter "| int"', 'write parseInt((a + b), 10)'],
  ['a | b', 'uses the Jinja filter "| b"', "filters are written as JavaScript: vars.x ?? 'y' for default('y'), x.toUpperCase() for upper, list.join(', ') for join; || (or) is JavaScript and stays allowed"],
  ['x is defined', 'uses the Jinja test "is defined"', 'write vars.x !== undefined'],
  ['x is not defined', 'uses the Jinja test "is not defined"', 'write vars.x === undefined'],
  ['result is failed', 'uses the Jinja test "is failed"', 'write result.failed'],
  ['x is divisibleby(3)', 'uses the Jinja test "is divisibleby"', 'tests are written as JavaScript comparisons, e.g. vars.x !== undefined for "is defined", typeof x === \'string\' for "is string"'],
];

for (const [expression, says, hint] of jinja) {
  test(`{{ ${expression} }} is refused with the JavaScript to write instead`, () => {
    try {
      render(`{{ ${expression} }}`, { x: 1, a: 1, b: 2, name: 'n', items: [], result: {} }, site);
      assert.unreachable('no error');
    } catch (error) {
      assert.instance(error, InputError);
      assert.is((error as InputError).message, `expression {{ ${expression} }} in task "t" ${says}: bc-play expressions are JavaScript`);
      assert.is((error as InputError).hint, hint);
    }
  });
}

const javascript: Array<[string, Record<string, unknown>, unknown]> = [
  ["a || 'fallback'", { a: '' }, 'fallback'],
  ["x.split('|')[1]", { x: 'a|b' }, 'b'],
  ['/^(web|db)/.test(host)', { host: 'db1' }, true],
  ['`${a}|${b}`', { a: 1, b: 2 }, '1|2'],
  ['a | 0', { a: 5.5 }, 5],
  ["'this is defined'", {}, 'this is defined'],
  ['n / 2 | 0', { n: 5 }, 2],
];

for (const [expression, vars, expected] of javascript) {
  test(`{{ ${expression} }} is JavaScript and stays allowed`, () => {
    assert.equal(render(`{{ ${expression} }}`, vars, site), expected);
  });
}

test('a syntax error with and/or/not says how JavaScript writes them', () => {
  try {
    condition('a and not b', { a: true, b: false }, site);
    assert.unreachable('no error');
  } catch (error) {
    assert.instance(error, InputError);
    assert.is((error as InputError).hint, 'bc-play expressions are JavaScript: write && for and, || for or, ! for not');
  }
});

test('an error in a nested value reports the place of that value', () => {
  const at = (path: ReadonlyArray<string | number>) => ({ file: 'f.yaml', line: path.length, col: 1 });
  try {
    render({ a: ['ok', '{{ nope }}'] }, {}, { context: 'task "t"', at });
    assert.unreachable('no error');
  } catch (error) {
    assert.equal((error as InputError).location, { file: 'f.yaml', line: 2, col: 1 });
  }
});

test('an error inside a variable a value uses is reported where the value uses it', () => {
  const at = (path: ReadonlyArray<string | number>) => ({ file: 'f.yaml', line: 10 + path.length, col: 1 });
  try {
    render({ dest: '{{ url }}' }, { url: 'http://{{ nope }}' }, { context: 'task "t"', at });
    assert.unreachable('no error');
  } catch (error) {
    assert.is((error as InputError).message, 'undefined variable "nope" in variable "url" (used in task "t")');
    assert.equal((error as InputError).location, { file: 'f.yaml', line: 11, col: 1 });
  }
});

test('templates see vars too, for vars.x ?? fallback', () => {
  const scope = lazyScope({ a: 1 }, site);
  assert.is((scope.vars as Record<string, unknown>).a, 1);
  assert.ok('vars' in scope);
});

test.run();
