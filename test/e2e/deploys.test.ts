// Deploys without a failed request, in the lab: the fleet converged, then N deploys of the
// construction app (env change → restart → health check) while a bounded load (under the edge's
// rate limit) goes through nginx. Needs root (the lab); the lab is always taken down at the end.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labSession } from '../support/lab-session.js';

const CLI = 'bin/bc-play.js';
const EDGE = '10.213.0.11';
const DEPLOYS = 3;

function play(args: string[]): { code: number; output: string; events: Record<string, unknown>[] } {
  const r = spawnSync('node', [CLI, ...args, '--lab', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const events = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status ?? -1, output: r.stdout + r.stderr, events };
}

/** As play(), without blocking the event loop, so the load keeps running during the deploy. */
function playAsync(args: string[]): Promise<{ code: number; output: string; events: Record<string, unknown>[] }> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, ...args, '--lab', '--json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code: code ?? -1, output: stdout + stderr, events });
    });
  });
}

function get(path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: EDGE, port: 80, path, headers: { Host: 'demo.basecommerce.com.br' }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

// the lab to itself: refuses when another session holds it; takes down only the lab it started
const session = labSession('the deploys e2e suite');

test.before(async () => {
  await session.claim();
  execFileSync('node', [CLI, 'lab', 'up', '-i', 'inventory.yaml'], { stdio: 'inherit' });
  const site = play(['site']);
  assert.is(site.code, 0, site.output.slice(-4000));
});
test.after(() => session.release());

test(`${DEPLOYS} deploys of the app under load through the edge fail no request`, async () => {
  const statuses = new Map<number, number>();
  let running = true;
  // 2 clients, one request each per 250 ms: ~8 requests/s, under the edge's 10/s per client.
  const client = async () => {
    while (running) {
      const started = Date.now();
      const status = await get('/api/projects');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - started))));
    }
  };
  const clients = [client(), client()];
  const perDeploy: number[] = [];
  for (let i = 1; i <= DEPLOYS; i += 1) {
    const before = [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0);
    const deploy = await playAsync(['test/fixtures/fleet/deploy-app.yaml', '-e', `deploy_mark=${Date.now()}-${i}`]);
    assert.is(deploy.code, 0, deploy.output.slice(-4000));
    const restarted = deploy.events.some((e) => e.type === 'host-result' && e.task === 'restart the service' && e.status === 'changed');
    assert.ok(restarted, 'the deploy restarted the app');
    perDeploy.push([...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0) - before);
  }
  running = false;
  await Promise.all(clients);
  const ok = statuses.get(200) ?? 0;
  const failed = [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0);
  process.stdout.write(`# ${DEPLOYS} deploys through the edge: ${ok} requests answered 200, ${failed} failed (per deploy: ${perDeploy.join(', ')}) ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  assert.ok(ok > 20, `only ${ok} requests`);
  assert.is(failed, 0);
});

test.run();
