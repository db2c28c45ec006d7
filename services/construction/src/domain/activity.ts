// The tenant's activity day by day as the activity engine computed it (eventually consistent; empty
// while the fleet does not run that engine).
import type { Db } from '../../../shared/db.js';

export interface ActivityDay {
  day: string;
  projectsCreated: number;
  projectsUpdated: number;
  statusChanges: number;
  workEntries: number;
  hours: number;
  costCents: number;
}

// Why: GET /api/activity answers the newest `days` days that had events, newest first.
export async function readActivity(db: Db, tenantId: number, days = 30): Promise<ActivityDay[]> {
  const { rows } = await db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, projects_created, projects_updated, status_changes, work_entries, hours, cost_cents
     FROM tenant_activity WHERE tenant_id = $1 ORDER BY day DESC LIMIT $2`,
    [tenantId, days],
  );
  return rows.map((r) => ({
    day: r.day,
    projectsCreated: r.projects_created,
    projectsUpdated: r.projects_updated,
    statusChanges: r.status_changes,
    workEntries: r.work_entries,
    hours: Number(r.hours),
    costCents: Number(r.cost_cents),
  }));
}
