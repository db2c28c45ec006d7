// The tenant's figures as the engines worker computed them (eventually consistent with the rows).
import type { Db } from '../../../shared/db.js';

export interface Figures {
  projects: number;
  byStatus: { planned: number; active: number; on_hold: number; completed: number };
  budgetCents: number;
  costCents: number;
  hours: number;
  workEntries: number;
  eventsApplied: number;
  updatedAt: string | null;
}

// Why: the dashboard panel and GET /api/figures show the same numbers; zeros before the first event.
export async function readFigures(db: Db, tenantId: number): Promise<Figures> {
  const { rows } = await db.query('SELECT * FROM tenant_figures WHERE tenant_id = $1', [tenantId]);
  const r = rows[0] ?? {};
  const n = (v: unknown) => Number(v ?? 0);
  return {
    projects: n(r.projects),
    byStatus: { planned: n(r.planned), active: n(r.active), on_hold: n(r.on_hold), completed: n(r.completed) },
    budgetCents: n(r.budget_cents),
    costCents: n(r.cost_cents),
    hours: n(r.hours),
    workEntries: n(r.work_entries),
    eventsApplied: n(r.events_applied),
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}
