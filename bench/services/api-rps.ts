// API requests/s of the construction app with 2 workers, measured with autocannon against real
// PostgreSQL; `--app PATH` measures another build of the app (e.g. main's, for before/after).
// Run: npm run build && node dist/bench/services/api-rps.js [--app dist/services/construction/src/main.js]
import autocannon from 'autocannon';
import { resolve } from 'node:path';
import { createProject } from '../../services/construction/src/domain/projects.js';
import { seedTenants } from '../../services/shared/tenants.js';
import { freePort, waitFor } from '../../test/support/ports.js';
import { spawnService, startStack } from '../../services/test-support/stack.js';

const at = process.argv.indexOf('--app');
const script = resolve(at > 0 ? process.argv[at + 1]! : 'dist/services/construction/src/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const stack = await startStack();
try {
  const [tenant] = await seedTenants(stack.db, [{ slug: 'bench', name: 'Bench Builders' }]);
  for (let i = 0; i < 20; i += 1) await createProject(stack.db, tenant!.id, { name: `Bench ${i}`, status: 'active', budgetCents: 1000 * i });
  const port = await freePort();
  const app = spawnService(script, [], stack.env({ PORT: String(port), HOST: '127.0.0.1', WORKERS: '2' }));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the app', async () => (await fetch(`${base}/healthz`)).ok);
  const headers = { 'x-tenant-slug': 'bench', 'content-type': 'application/json' };
  const rows: string[] = [];
  for (const [name, opts] of [
    ['GET /api/projects (20 rows)', { url: `${base}/api/projects`, headers }],
    ['POST /api/projects (with outbox event)', { url: `${base}/api/projects`, method: 'POST', headers, body: JSON.stringify({ name: 'Load', budgetCents: 100 }) }],
  ] as const) {
    const r = await autocannon({ ...opts, connections: 16, duration: SECONDS } as autocannon.Options);
    rows.push(`| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`);
  }
  await app.kill('SIGTERM');
  process.stdout.write(`app: ${script}\n| request | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
} finally {
  await stack.stop();
}
