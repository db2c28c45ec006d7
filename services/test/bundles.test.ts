import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { bundleService, SERVICES } from '../build.js';
import { call } from '../test-support/http.js';
import { freePort, waitFor } from '../../test/support/ports.js';
import { spawnService, startStack, type Stack } from '../test-support/stack.js';

let stack: Stack;
const out = mkdtempSync(join(tmpdir(), 'bc-bundles-'));
const files: Record<string, string[]> = {};
test.before(async () => {
  stack = await startStack();
});
test.after(async () => {
  await stack.stop();
  rmSync(out, { recursive: true, force: true });
});

test('bundles each service into one .mjs file, with the views and htmx beside the app', async () => {
  for (const name of SERVICES) files[name] = await bundleService(name, join(out, name));
  assert.equal(SERVICES.map((n) => basename(files[n]![0]!)), SERVICES.map((n) => `${n}.mjs`));
  assert.ok(files.construction!.some((f) => f.endsWith('/views/dashboard.ejs')));
  assert.ok(files.construction!.some((f) => f.endsWith('/htmx.min.js')));
  const refused = await bundleService('nope', out).then(() => '', (err: Error) => err.message);
  assert.match(refused, 'unknown service "nope"');
});

test('a bundle refuses to start without its settings, exiting 78 with the missing names', () => {
  const run = spawnSync(process.execPath, [files['engines-worker']![0]!], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
  assert.is(run.status, 78);
  assert.match(run.stderr, 'DATABASE_URL is missing');
  assert.match(run.stderr, 'REDIS_URL is missing');
});

test('the bundled app migrates, seeds tenants and serves the dashboard with its own htmx, outside the repo', async () => {
  const app = files.construction![0]!;
  const env = stack.env();
  const seed = spawnSync(process.execPath, [app, 'seed-tenants', 'demo=Demo Builders'], { env, encoding: 'utf8', cwd: out });
  assert.is(seed.status, 0, seed.stdout + seed.stderr);
  assert.is(spawnSync(process.execPath, [app, 'migrate'], { env, cwd: out }).status, 0);
  const port = await freePort();
  const proc = spawnService(app, [], { ...env, PORT: String(port), HOST: '127.0.0.1', WORKERS: '1' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the bundled app', async () => (await fetch(`${base}/healthz`)).ok);
    assert.match((await call(base, 'GET', '/web/dashboard', { tenant: 'demo' })).text, 'Demo Builders');
    assert.is((await call(base, 'GET', '/static/htmx.min.js')).status, 200);
  } finally {
    assert.is(await proc.kill('SIGTERM'), 0, proc.output());
  }
});

test('the relay and worker bundles run their commands (help, replay) with plain node', () => {
  const help = spawnSync(process.execPath, [files['outbox-relay']![0]!, 'help'], { encoding: 'utf8' });
  assert.is(help.status, 0);
  assert.match(help.stderr, 'replay [--since');
  const replay = spawnSync(process.execPath, [files['outbox-relay']![0]!, 'replay'], { env: stack.env({ LOG_LEVEL: 'info' }), encoding: 'utf8' });
  assert.is(replay.status, 0, replay.stdout + replay.stderr);
  assert.match(replay.stdout, '"msg":"replay done"');
});

test.run();
