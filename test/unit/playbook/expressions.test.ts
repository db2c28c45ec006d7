import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UndefinedVariableError } from '../../../lib/errors.js';
import { condition, render } from '../../../lib/playbook/expressions.js';

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

test('a variable that refers to itself is an error, not a hang', () => {
  assert.throws(() => render('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, site), /refers to itself/);
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

test.run();
