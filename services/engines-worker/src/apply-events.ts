// Exactly-once in effect: in one transaction, record the batch's event ids in processed_events
// (ON CONFLICT DO NOTHING) and add the deltas of only the ids that were new. A redelivered
// event finds its id already there and changes nothing.
import { withTransaction, type Client, type Db } from '../../shared/db.js';
import type { OutboxEvent } from '../../shared/events.js';
import { toDeltas, type Deltas } from './deltas.js';

const RETRYABLE = new Set(['40P01', '40001']);

const centi = (n: number) => (n / 100).toFixed(2);

async function writeDeltas(client: Client, d: Deltas): Promise<void> {
  for (const [tenantId, t] of [...d.tenants].sort((a, b) => a[0] - b[0])) {
    await client.query(
      `INSERT INTO tenant_figures AS f (tenant_id, projects, planned, active, on_hold, completed, budget_cents, cost_cents, hours, work_entries, events_applied)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id) DO UPDATE SET
         projects = f.projects + EXCLUDED.projects, planned = f.planned + EXCLUDED.planned, active = f.active + EXCLUDED.active,
         on_hold = f.on_hold + EXCLUDED.on_hold, completed = f.completed + EXCLUDED.completed,
         budget_cents = f.budget_cents + EXCLUDED.budget_cents, cost_cents = f.cost_cents + EXCLUDED.cost_cents,
         hours = f.hours + EXCLUDED.hours, work_entries = f.work_entries + EXCLUDED.work_entries,
         events_applied = f.events_applied + EXCLUDED.events_applied, updated_at = now()`,
      [tenantId, t.projects, t.byStatus.planned, t.byStatus.active, t.byStatus.on_hold, t.byStatus.completed, t.budgetCents, t.costCents, centi(t.hoursCenti), t.workEntries, t.events],
    );
  }
  for (const [projectId, p] of [...d.projects].sort((a, b) => a[0] - b[0])) {
    await client.query(
      `INSERT INTO project_figures AS f (project_id, tenant_id, cost_cents, hours, work_entries) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET cost_cents = f.cost_cents + EXCLUDED.cost_cents,
         hours = f.hours + EXCLUDED.hours, work_entries = f.work_entries + EXCLUDED.work_entries, updated_at = now()`,
      [projectId, p.tenantId, p.costCents, centi(p.hoursCenti), p.workEntries],
    );
  }
}

// Why: returns how many events were new; the caller XACKs the whole batch only after this commits.
export async function applyEvents(db: Db, events: OutboxEvent[], attempts = 5): Promise<number> {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id);
  if (!unique.length) return 0;
  try {
    return await withTransaction(db, async (client) => {
      const { rows } = await client.query<{ event_id: string }>(
        `INSERT INTO processed_events (event_id, tenant_id) SELECT * FROM unnest($1::bigint[], $2::int[])
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [unique.map((e) => e.id), unique.map((e) => e.tenantId)],
      );
      const fresh = new Set(rows.map((r) => Number(r.event_id)));
      await writeDeltas(client, toDeltas(unique.filter((e) => fresh.has(e.id))));
      return fresh.size;
    });
  } catch (err) {
    if (attempts > 1 && RETRYABLE.has((err as { code?: string }).code ?? '')) return applyEvents(db, events, attempts - 1);
    throw err;
  }
}
