import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { answerOf, pythonJson, uriModule } from '../../../lib/modules/uri.js';
import { checkPlan } from './support/plan-fixture.js';

const out = (status: number, headers: string, body: string) => ({
  rc: 0,
  stdout: `${status} http://h/x\n--headers\nHTTP/1.1 ${status} X\r\n${headers}\r\n\r\n\n--body\n${Buffer.from(body).toString('base64')}\n`,
  stderr: '',
});

test('registers status, lower-cased headers and the JSON answer', () => {
  const r = answerOf(out(200, 'Content-Type: application/json\r\nContent-Length: 9', '{"a": 1}\n'), [200], false);
  assert.equal([r.status, r.content_type, r.content_length, r.json, r.msg, r.content], [200, 'application/json', '9', { a: 1 }, 'OK (9 bytes)', undefined]);
});

test('fails on a status not in status_code', () => {
  assert.throws(() => answerOf(out(500, 'Content-Type: text/plain', 'no'), [200, 201], true), /Status code was 500 and not \[200, 201\]/);
});

test('writes JSON bodies as Python\'s json.dumps does', () => {
  assert.is(pythonJson({ name: 'web', ports: [80, 443], note: 'café' }), '{"name": "web", "ports": [80, 443], "note": "caf\\u00e9"}');
});

test('creates that exists skips the request', () => {
  checkPlan(uriModule, { name: 'x', args: { url: 'http://h/x', creates: '/done' }, facts: { 'path:/done': { exists: true } }, summaries: [], reason: 'skipped, since /done exists' });
});

test('a request is a probe: it runs without counting as a change', () => {
  const plan = checkPlan(uriModule, { name: 'x', args: { url: 'http://h/x', method: 'POST', body: { a: 1 }, body_format: 'json' }, facts: {}, summaries: ['request POST http://h/x'], commands: [["'Content-Type: application/json'", '--data-binary']] });
  assert.ok(plan?.changes[0].probe);
  assert.is(plan?.changes[0].stdin, '{"a": 1}');
});

test.run();
