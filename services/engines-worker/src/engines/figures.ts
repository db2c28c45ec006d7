// The figures engine: running totals per tenant (projects by status, budget, cost, hours) and per
// project (cost, hours, work entries), what the dashboard's figures show.
import type { Client } from '../../../shared/db.js';
import type { OutboxEvent } from '../../../shared/events.js';
import { centiText as centi } from './centi.js';
import type { Engine } from './engine.js';
import { toDeltas } from './figures-deltas.js';

// Why: each figure row is written once per batch, in key order, so concurrent workers never deadlock on it.
async function write(client: Client, events: OutboxEvent[]): Promise<void> {
  const d = toDeltas(events);
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

// Why: the engine the fleet has always run, in the consumer group `engines`.
export const figures: Engine = { name: 'figures', group: 'engines', write };
