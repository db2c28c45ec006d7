// Work entries (hours and cost logged on a project), tenant-scoped, each with its outbox event;
// named by public ids like projects.
import { withTransaction, type Db } from '../../../shared/db.js';
import { recordEvent } from '../../../shared/events.js';
import { isPublicId } from './projects.js';
import type { NewWorkEntry } from './validation.js';

export interface WorkEntry {
  id: string;
  projectId: string;
  description: string;
  hours: number;
  costCents: number;
  workDate: string;
}

type Row = Record<string, unknown>;
const toEntry = (r: Row): WorkEntry => ({
  id: String(r.public_id),
  projectId: String(r.project_public_id),
  description: String(r.description),
  hours: Number(r.hours),
  costCents: Number(r.cost_cents),
  workDate: String(r.work_date),
});
const COLUMNS = `w.public_id, w.description, w.hours, w.cost_cents, to_char(w.work_date, 'YYYY-MM-DD') AS work_date`;

// Why: logging work on another tenant's project must fail as "not found" (null), inside the lock.
export async function logWorkEntry(db: Db, tenantId: number, projectId: string, input: NewWorkEntry): Promise<WorkEntry | null> {
  if (!isPublicId(projectId)) return null;
  return withTransaction(db, async (client) => {
    const owned = await client.query('SELECT id FROM projects WHERE tenant_id = $1 AND public_id = $2 FOR SHARE', [tenantId, projectId]);
    if (!owned.rowCount) return null;
    const internal = Number(owned.rows[0].id);
    const { rows } = await client.query(
      `INSERT INTO work_entries AS w (tenant_id, project_id, description, hours, cost_cents, work_date)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING w.id, $7::uuid AS project_public_id, ${COLUMNS}`,
      [tenantId, internal, input.description, input.hours, input.costCents, input.workDate, projectId],
    );
    const entry = toEntry(rows[0]!);
    await recordEvent(client, tenantId, { type: 'work_entry.logged', payload: { projectId: internal, workEntryId: Number(rows[0]!.id), hours: entry.hours, costCents: entry.costCents } });
    return entry;
  });
}

// Why: the API lists a project's entries; the tenant filter makes a foreign project look empty-and-missing.
export async function listWorkEntries(db: Db, tenantId: number, projectId: string): Promise<WorkEntry[]> {
  if (!isPublicId(projectId)) return [];
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, p.public_id AS project_public_id FROM work_entries w JOIN projects p ON p.id = w.project_id
     WHERE w.tenant_id = $1 AND p.public_id = $2 ORDER BY w.id DESC LIMIT 500`,
    [tenantId, projectId],
  );
  return rows.map(toEntry);
}
