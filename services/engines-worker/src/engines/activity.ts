// The activity engine: a second, independent processing of the same events, in its own consumer
// group: what each tenant did per day (tenant_activity), a timeline the figures' totals cannot give.
import type { Client } from '../../../shared/db.js';
import type { OutboxEvent } from '../../../shared/events.js';
import { toActivity } from './activity-deltas.js';
import { centiText } from './centi.js';
import type { Engine } from './engine.js';

async function write(client: Client, events: OutboxEvent[]): Promise<void> {
  for (const d of toActivity(events)) {
    await client.query(
      `INSERT INTO tenant_activity AS a (tenant_id, day, projects_created, projects_updated, status_changes, work_entries, hours, cost_cents, events_applied)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, day) DO UPDATE SET
         projects_created = a.projects_created + EXCLUDED.projects_created, projects_updated = a.projects_updated + EXCLUDED.projects_updated,
         status_changes = a.status_changes + EXCLUDED.status_changes, work_entries = a.work_entries + EXCLUDED.work_entries,
         hours = a.hours + EXCLUDED.hours, cost_cents = a.cost_cents + EXCLUDED.cost_cents,
         events_applied = a.events_applied + EXCLUDED.events_applied, updated_at = now()`,
      [d.tenantId, d.day, d.projectsCreated, d.projectsUpdated, d.statusChanges, d.workEntries, centiText(d.hoursCenti), d.costCents, d.events],
    );
  }
}

// Why: the engine a fleet adds with `{ name: activity, workers: 1 }` in the inventory's engines.
export const activity: Engine = { name: 'activity', group: 'activity', write };
