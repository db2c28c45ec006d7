// A construction workload through the app's own domain functions (so every event is a real
// change with its outbox row), and the check that the engine figures match the source rows.
import type { Db } from '../shared/db.js';
import { PROJECT_STATUSES } from '../shared/events.js';
import { createProject, updateProject } from '../construction/src/domain/projects.js';
import { logWorkEntry } from '../construction/src/domain/work-entries.js';

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

// Why: a realistic mix (create 20 %, update 30 %, log work 50 %) across tenants, `events` in total.
export async function runWorkload(db: Db, tenantIds: number[], events: number, concurrency = 4): Promise<void> {
  const projects = new Map<number, string[]>(tenantIds.map((t) => [t, []]));
  let left = events;
  const lane = async () => {
    while (left > 0) {
      left -= 1;
      const tenant = pick(tenantIds);
      const own = projects.get(tenant)!;
      const roll = Math.random();
      if (!own.length || roll < 0.2) {
        own.push((await createProject(db, tenant, { name: `P${own.length}`, status: pick(PROJECT_STATUSES), budgetCents: Math.floor(Math.random() * 1e7) })).id);
      } else if (roll < 0.5) {
        await updateProject(db, tenant, pick(own), { status: pick(PROJECT_STATUSES), budgetCents: Math.floor(Math.random() * 1e7) });
      } else {
        const hours = Math.round(Math.random() * 40 + 1) / 4;
        await logWorkEntry(db, tenant, pick(own), { description: 'work', hours, costCents: Math.floor(Math.random() * 1e5), workDate: '2024-06-01' });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

// Why: the engines are right iff their figures equal what the source rows say; returns the differences.
export async function figureMismatches(db: Db): Promise<string[]> {
  const { rows } = await db.query(`
    WITH p AS (SELECT tenant_id, count(*) AS projects, sum(budget_cents) AS budget,
                 count(*) FILTER (WHERE status = 'planned') AS planned, count(*) FILTER (WHERE status = 'active') AS active,
                 count(*) FILTER (WHERE status = 'on_hold') AS on_hold, count(*) FILTER (WHERE status = 'completed') AS completed
               FROM projects GROUP BY tenant_id),
         w AS (SELECT tenant_id, count(*) AS entries, sum(cost_cents) AS cost, sum(hours) AS hours FROM work_entries GROUP BY tenant_id),
         o AS (SELECT tenant_id, count(*) AS events FROM event_outbox GROUP BY tenant_id)
    SELECT 'tenant ' || o.tenant_id AS what FROM o
      LEFT JOIN p USING (tenant_id) LEFT JOIN w USING (tenant_id) LEFT JOIN tenant_figures f USING (tenant_id)
    WHERE f.tenant_id IS NULL OR (f.events_applied, f.projects, f.planned, f.active, f.on_hold, f.completed, f.budget_cents, f.work_entries, f.cost_cents, f.hours)
      IS DISTINCT FROM (o.events, coalesce(p.projects, 0), coalesce(p.planned, 0), coalesce(p.active, 0), coalesce(p.on_hold, 0), coalesce(p.completed, 0),
                        coalesce(p.budget, 0), coalesce(w.entries, 0), coalesce(w.cost, 0), coalesce(w.hours, 0))
    UNION ALL
    SELECT 'project ' || e.project_id FROM (SELECT project_id, count(*) AS n, sum(cost_cents) AS cost, sum(hours) AS hours FROM work_entries GROUP BY project_id) e
      LEFT JOIN project_figures f USING (project_id)
    WHERE (f.work_entries, f.cost_cents, f.hours) IS DISTINCT FROM (e.n, e.cost, e.hours)`);
  return rows.map((r) => String(r.what));
}

const APPLIED = { figures: 'tenant_figures', activity: 'tenant_activity' };

// Why: "0 lost, 0 applied twice" in numbers, for one engine and its group: outbox events the group
// did not record, and the events the engine's table counts (more than the outbox holds means some
// were applied twice).
export async function eventCounts(db: Db, engine: keyof typeof APPLIED = 'figures', group = 'engines'): Promise<{ lost: number; applied: number }> {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM event_outbox o WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer_group = $1 AND p.event_id = o.id)) AS lost,
    (SELECT coalesce(sum(events_applied), 0) FROM ${APPLIED[engine]}) AS applied`, [group]);
  return { lost: Number(rows[0].lost), applied: Number(rows[0].applied) };
}

// Why: the activity engine is right iff each tenant's day equals what the outbox says happened that
// (UTC) day; returns the differing "tenant day" pairs.
export async function activityMismatches(db: Db): Promise<string[]> {
  const { rows } = await db.query(`
    WITH o AS (SELECT tenant_id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS events,
                 count(*) FILTER (WHERE event_type = 'project.created') AS created,
                 count(*) FILTER (WHERE event_type = 'project.updated') AS updated,
                 count(*) FILTER (WHERE event_type = 'project.updated' AND payload->'from'->>'status' <> payload->'to'->>'status') AS status_changes,
                 count(*) FILTER (WHERE event_type = 'work_entry.logged') AS entries,
                 coalesce(sum((payload->>'hours')::numeric) FILTER (WHERE event_type = 'work_entry.logged'), 0) AS hours,
                 coalesce(sum((payload->>'costCents')::bigint) FILTER (WHERE event_type = 'work_entry.logged'), 0) AS cost
               FROM event_outbox GROUP BY 1, 2)
    SELECT coalesce(o.tenant_id, a.tenant_id) || ' ' || coalesce(o.day, a.day) AS what FROM o FULL JOIN tenant_activity a USING (tenant_id, day)
    WHERE (a.events_applied, a.projects_created, a.projects_updated, a.status_changes, a.work_entries, a.hours, a.cost_cents)
      IS DISTINCT FROM (o.events, o.created, o.updated, o.status_changes, o.entries, o.hours, o.cost)`);
  return rows.map((r) => String(r.what));
}
