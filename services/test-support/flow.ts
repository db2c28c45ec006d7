// Helpers for suites that run the whole event flow: start the app, relay and workers as real
// processes, and wait until the engines have applied every outbox event.
import type { Db } from '../shared/db.js';
import { freePort, waitFor } from '../../test/support/ports.js';
import type { ServiceProcess, Stack } from './stack.js';

// Why: the app listens on a fresh port; tests wait for /healthz before they call it.
export async function startApp(stack: Stack, workers = 2): Promise<{ base: string; proc: ServiceProcess }> {
  const port = await freePort();
  const proc = stack.start('construction', { PORT: String(port), HOST: '127.0.0.1', WORKERS: String(workers) });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`construction on ${base}\n${proc.output()}`, async () => (await fetch(`${base}/healthz`)).ok);
  return { base, proc };
}

// Why: fast settings so faults and reclaims happen within a test's patience.
export const FAST_FLOW = { RELAY_POLL_MS: '200', CLAIM_IDLE_MS: '1000', WORKER_BLOCK_MS: '200' };

// Why: "converged" means every outbox row is published and applied by each of the consumer groups
// (default: the figures engine's `engines`); returns the counts, processed being the slowest group's.
export async function waitForApplied(db: Db, timeoutMs = 30_000, groups = ['engines']): Promise<{ outbox: number; processed: number }> {
  return waitFor(`every outbox event to be applied by ${groups.join(' and ')}`, async () => {
    const { rows } = await db.query(`SELECT (SELECT count(*) FROM event_outbox) AS outbox,
      (SELECT count(*) FROM event_outbox WHERE published_at IS NULL) AS unpublished,
      (SELECT coalesce(min(n), 0) FROM (SELECT (SELECT count(*) FROM processed_events p WHERE p.consumer_group = g) AS n FROM unnest($1::text[]) AS g) c) AS processed`, [groups]);
    const r = { outbox: Number(rows[0].outbox), unpublished: Number(rows[0].unpublished), processed: Number(rows[0].processed) };
    return r.unpublished === 0 && r.processed === r.outbox && { outbox: r.outbox, processed: r.processed };
  }, timeoutMs, 100);
}
