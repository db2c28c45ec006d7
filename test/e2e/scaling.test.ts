// Scenario "500 tenants" of docs/scaling.md in the lab: the infra host's memory_mb 2048 → 4096 on
// a running fleet. --check --diff predicts exactly what the converge changes (PostgreSQL's two
// drop-ins, its restart, the pre-update backup first), requests through the edge are counted
// while it runs, a rerun changes nothing, and going back to 2048 converges too.
// Needs root and the lab to itself (test/support/lab-session.ts); takes down only the lab it started.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { changedTasks, onHost, play, type Run } from '../support/lab-fleet.js';
import { labSession } from '../support/lab-session.js';

const CLI = 'bin/bc-play.js';
const EDGE_PUBLIC = '10.213.0.11';
const dir = mkdtempSync(join(tmpdir(), 'bc-play-scaling-'));
const SCALED = join(dir, 'inventory-4096.yaml');
const original = readFileSync('inventory.yaml', 'utf8');
const scaled = original.replace(/(\n        infra1:\n(?:          .*\n)*?          memory_mb: )2048\n/, '$14096\n');

function parseRun(code: number, stdout: string, stderr: string, started: number): Run {
  const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, output: stdout + stderr, events, seconds: (Date.now() - started) / 1000 };
}

/** Runs bc-play while requests go through the edge (bounded load); resolves when bc-play exits. */
function playUnderLoad(args: string[]): Promise<{ run: Run; sent: number; failed: number }> {
  const started = Date.now();
  const child = spawn('node', [CLI, ...args, '--lab', '--json']);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let done = false;
  let sent = 0;
  let failed = 0;
  const load = (async () => {
    while (!done) {
      sent += 1;
      const status = await get('demo.basecommerce.com.br', '/api/projects').then((r) => r.status, () => 0);
      if (status !== 200) failed += 1;
      // 5 requests a second: under the edge's per-client rate limit (10/s), so a failure is the change's.
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return new Promise((resolve) => {
    child.on('close', async (code) => {
      done = true;
      await load;
      resolve({ run: parseRun(code ?? -1, stdout, stderr, started), sent, failed });
    });
  });
}

function get(host: string, path: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: EDGE_PUBLIC, port: 80, path, headers: { Host: host }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

const pairs = (run: Run): string[] => [...new Set(changedTasks(run))].sort();

const memory = () => onHost('infra1', `runuser -u postgres -- psql -X -A -t -c "SELECT string_agg(current_setting(n), ' ') FROM unnest(ARRAY['shared_buffers', 'effective_cache_size', 'work_mem']) n"`).out;
const preUpdateBackups = () => onHost('infra1', '/usr/local/sbin/bc-backup list').out.split('\n').filter((l) => l.includes('pre-update-')).length;

const session = labSession('the scaling e2e suite');

test.before(async () => {
  await session.claim();
  execFileSync('node', [CLI, 'lab', 'up', '-i', 'inventory.yaml'], { stdio: 'inherit' });
  assert.is.not(scaled, original, 'infra1 memory_mb 2048 found in inventory.yaml');
  writeFileSync(SCALED, scaled);
  const first = play(['site']);
  assert.is(first.code, 0, first.output.slice(-4000));
  assert.is(memory(), '512MB 1GB 4MB');
});

test.after(() => {
  session.release();
  rmSync(dir, { recursive: true, force: true });
});

const EXPECTED = [
  'infra1 | pre-update backup: this run changes PostgreSQL\'s settings or deploys a release with migrations',
  'infra1 | restart postgresql',
  'infra1 | settings a reload applies',
  'infra1 | settings that need a restart',
];
let predicted: string[] = [];

test('with memory_mb 4096, --check --diff predicts the two drop-ins, the restart and the pre-update backup, on infra1 only', () => {
  const check = play(['site', '-i', SCALED, '--check', '--diff']);
  assert.is(check.code, 3, check.output.slice(-4000));
  predicted = pairs(check);
  console.error(`predicted: ${predicted.join('; ')}`);
  assert.equal(predicted.filter((p) => p !== 'infra1 | reload postgresql'), EXPECTED);
  assert.match(check.output, /shared_buffers = 1GB/);
  assert.match(check.output, /work_mem = 8MB/);
  assert.match(check.output, /effective_cache_size = 2GB/);
});

test('the converge makes exactly those changes, takes the pre-update backup, and PostgreSQL runs with the new settings', async () => {
  const backupsBefore = preUpdateBackups();
  const { run, sent, failed } = await playUnderLoad(['site', '-i', SCALED]);
  console.error(`500 tenants converge: ${run.seconds.toFixed(1)} s; requests through the edge meanwhile: ${sent} sent, ${failed} failed`);
  assert.is(run.code, 0, run.output.slice(-4000));
  assert.equal(pairs(run), predicted);
  assert.is(preUpdateBackups(), backupsBefore + 1);
  assert.is(memory(), '1GB 2GB 8MB');
});

test('a rerun with memory_mb 4096 changes nothing', () => {
  const again = play(['site', '-i', SCALED]);
  assert.is(again.code, 0, again.output.slice(-3000));
  assert.equal(pairs(again), []);
});

test('going back to memory_mb 2048 converges to the old settings, then a rerun changes nothing', async () => {
  const { run, sent, failed } = await playUnderLoad(['site']);
  console.error(`back to 2 GB: ${run.seconds.toFixed(1)} s; requests meanwhile: ${sent} sent, ${failed} failed`);
  assert.is(run.code, 0, run.output.slice(-4000));
  assert.equal(pairs(run).filter((p) => p !== 'infra1 | reload postgresql'), EXPECTED);
  assert.is(memory(), '512MB 1GB 4MB');
  assert.equal(pairs(play(['site'])), []);
});

test.run();
