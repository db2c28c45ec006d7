import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from '../../test-support/http.js';
import { freePort, waitFor } from '../../../test/support/ports.js';
import { spawnService, type ServiceProcess } from '../../test-support/stack.js';

let base: string;
let proc: ServiceProcess;
test.before(async () => {
  const port = await freePort();
  proc = spawnService(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.js'), [], { PORT: String(port), HOST: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
  await waitFor('auth to listen', async () => (await fetch(`${base}/healthz`)).ok);
});
test.after(async () => void (await proc.kill('SIGKILL')));

test('reports healthy on /healthz', async () => {
  const health = await call(base, 'GET', '/healthz');
  assert.equal([health.status, health.json()], [200, { status: 'ok', service: 'auth' }]);
});

test('answers every /auth/ route with 501 and a clear "not implemented yet" JSON', async () => {
  const login = await call(base, 'POST', '/auth/login', { json: { user: 'x' } });
  assert.is(login.status, 501);
  assert.equal(login.json().error.message, 'authentication is not implemented yet');
  assert.is((await call(base, 'GET', '/auth/session')).status, 501);
});

test('answers 404 outside /auth/ and /healthz', async () => {
  assert.is((await call(base, 'GET', '/authx')).status, 404);
});

test('exits 0 on SIGTERM', async () => {
  assert.is(await proc.kill('SIGTERM'), 0);
});

test.run();
