import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LocalConnection } from '../../../lib/connection/local.js';
import { openConnection } from '../../../lib/connection/open.js';

const conn = new LocalConnection({ host: 'localhost' });
test('returns stdout, stderr and a non-zero exit code as data', async () => {
  const result = await conn.run('printf out; printf err >&2; exit 3');
  assert.equal(result, { stdout: 'out', stderr: 'err', code: 3 });
});

test('runs the command through sh -c, so shell syntax works', async () => {
  const result = await conn.run('x=5; [ "$x" -gt 2 ] && echo big | tr a-z A-Z');
  assert.equal(result, { stdout: 'BIG\n', stderr: '', code: 0 });
});

test('passes stdin and closes it', async () => {
  const big = 'x'.repeat(3 * 1024 * 1024);
  const result = await conn.run('wc -c', { stdin: big });
  assert.is(result.stdout.trim(), String(big.length));
  assert.is((await conn.run('cat')).stdout, '');
});

test('kills a command that outlives its timeout, children too, with exit code 124', async () => {
  const started = Date.now();
  const result = await conn.run('sleep 60 & sleep 60; echo never', { timeoutMs: 200 });
  assert.is(result.code, 124);
  assert.is(result.stdout, '');
  assert.ok(result.stderr.endsWith('bc-play: timed out after 200 ms, killed\n'));
  // killed, not waited for: far below the commands' 60 s even on a loaded machine
  assert.ok(Date.now() - started < 30_000, `returned after ${Date.now() - started} ms`);
});

test('reports a command killed by a signal as 128 + the signal number', async () => {
  assert.is((await conn.run('kill -9 $$')).code, 137);
});

test('become as root runs the command directly (tests run as root)', async () => {
  assert.is((await conn.run('id -u', { become: true })).stdout, '0\n');
});

test('openConnection picks the local transport for kind local', async () => {
  const opened = openConnection({ host: 'me', kind: 'local', address: '127.0.0.1', port: 22, user: 'root' });
  assert.instance(opened, LocalConnection);
  assert.is(opened.host, 'me');
});

test.run();
