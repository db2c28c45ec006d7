// Benchmarks the services on this machine with real PostgreSQL and Redis and writes
// bench/RESULTS-services.md: relay + worker throughput, outbox → applied latency, and HTTP
// requests/s for the API and the dashboard with 2 app workers.
// Run: npm run build && node dist/bench/services/bench.js [backlogEvents]
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startApp, waitForApplied } from '../../services/test-support/flow.js';
import { startStack, type Stack } from '../../services/test-support/stack.js';
import { runWorkload } from '../../services/test-support/workload.js';
import { seedTenants } from '../../services/shared/tenants.js';
import { createProject } from '../../services/construction/src/domain/projects.js';
import { load, type LoadResult } from './load.js';

const BACKLOG = Number(process.argv[2] ?? 20_000);
const STEADY = 3_000;
const HTTP_SECONDS = 5;
const CONCURRENCY = 16;

async function throughput(stack: Stack): Promise<{ events: number; seconds: number; perSecond: number }> {
  const tenants = Object.values(stack.tenants).map((t) => t.id);
  await runWorkload(stack.db, tenants, BACKLOG, 8);
  const started = Date.now();
  stack.start('outbox-relay');
  stack.start('engines-worker');
  stack.start('engines-worker');
  const { outbox } = await waitForApplied(stack.db, 300_000);
  const seconds = (Date.now() - started) / 1000;
  return { events: outbox, seconds: +seconds.toFixed(2), perSecond: Math.round(outbox / seconds) };
}

async function latency(stack: Stack): Promise<{ events: number; p50: number; p99: number; eventsPerSecond: number }> {
  const after = Number((await stack.db.query('SELECT coalesce(max(id), 0) AS n FROM event_outbox')).rows[0].n);
  const started = Date.now();
  await runWorkload(stack.db, Object.values(stack.tenants).map((t) => t.id), STEADY, 2);
  const rate = STEADY / ((Date.now() - started) / 1000);
  await waitForApplied(stack.db, 60_000);
  const { rows } = await stack.db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
     FROM (SELECT extract(epoch FROM p.processed_at - o.created_at) * 1000 AS ms
           FROM event_outbox o JOIN processed_events p ON p.consumer_group = 'engines' AND p.event_id = o.id WHERE o.id > $1) t`,
    [after],
  );
  return { events: STEADY, p50: +Number(rows[0].p50).toFixed(1), p99: +Number(rows[0].p99).toFixed(1), eventsPerSecond: Math.round(rate) };
}

async function http(stack: Stack): Promise<Record<string, LoadResult>> {
  const [tenant] = await seedTenants(stack.db, [{ slug: 'bench', name: 'Bench Builders' }]);
  for (let i = 0; i < 20; i += 1) await createProject(stack.db, tenant!.id, { name: `Bench ${i}`, status: 'active', budgetCents: 1000 * i });
  const { base } = await startApp(stack, 2);
  const headers = { 'x-tenant-slug': 'bench' };
  const json = { ...headers, 'content-type': 'application/json' };
  return {
    'GET /api/projects (20 rows)': await load({ url: `${base}/api/projects`, headers }, HTTP_SECONDS, CONCURRENCY),
    'GET /web/dashboard (20 rows, ejs)': await load({ url: `${base}/web/dashboard`, headers }, HTTP_SECONDS, CONCURRENCY),
    'GET /web/figures (htmx fragment)': await load({ url: `${base}/web/figures`, headers }, HTTP_SECONDS, CONCURRENCY),
    'GET /healthz': await load({ url: `${base}/healthz` }, HTTP_SECONDS, CONCURRENCY),
    'POST /api/projects (with outbox event)': await load({ url: `${base}/api/projects`, method: 'POST', headers: json, body: () => JSON.stringify({ name: 'Load', budgetCents: 100 }) }, HTTP_SECONDS, CONCURRENCY),
  };
}

const stack = await startStack();
try {
  const h = await http(stack);
  const t = await throughput(stack);
  const l = await latency(stack);
  const rows = Object.entries(h).map(([name, r]) => `| ${name} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} |`);
  const md = `# Service benchmark results

Written by \`node dist/bench/services/bench.js\` (source: \`bench/services/bench.ts\`) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version};
PostgreSQL and Redis from Debian's packages on loopback (PostgreSQL with fsync off, as in the tests), the
load generator on the same cores: treat the figures as lower bounds for a dedicated droplet, and as a
regression baseline for this machine.

## Events: outbox → relay → Redis Stream → engines worker

| measure | value |
|---|---|
| backlog drained by 1 relay + 2 workers | ${t.events} events in ${t.seconds} s = **${t.perSecond} events/s** |
| outbox → applied latency, steady load (${l.events} events at ~${l.eventsPerSecond}/s) | p50 **${l.p50} ms**, p99 **${l.p99} ms** |

Defaults: RELAY_BATCH_SIZE 500, WORKER_BATCH_SIZE 200, LISTEN/NOTIFY fast path on (poll 1 s as fallback).

## HTTP: construction app, WORKERS=2, pool 5 + overflow 10 per worker

${CONCURRENCY} keep-alive clients for ${HTTP_SECONDS} s each, measured first (before the event phases load the
database); the POST runs last (it adds projects) and its
events join the backlog of the event phase.

| request | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|
${rows.join('\n')}
`;
  const out = join(process.cwd(), 'bench', 'RESULTS-services.md');
  writeFileSync(out, md);
  process.stdout.write(md);
} finally {
  await stack.stop();
}

