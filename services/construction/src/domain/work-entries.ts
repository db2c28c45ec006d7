// Work entries (hours and cost logged on a project), tenant-scoped, each with its outbox event.
import { withTransaction, type Db } from '../../../shared/db.js';
import { recordEvent } from '../../../shared/events.js';
import type { NewWorkEntry } from './validation.js';

export interface WorkEntry {
  id: number;
  projectId: number;
  description: string;
  hours: number;
  costCents: number;
  workDate: string;
}

type Row = Record<string, unknown>;
const toEntry = (r: Row): WorkEntry => ({
  id: Number(r.id),
  projectId: Number(r.project_id),
  description: String(r.description),
  hours: Number(r.hours),
  costCents: Number(r.cost_cents),
  workDate: String(r.work_date),
});
const COLUMNS = `id, project_id, description, hours, cost_cents, to_char(work_date, 'YYYY-MM-DD') AS work_date`;

// Why: logging work on another tenant's project must fail as "not found" (null), inside the lock.
export async function logWorkEntry(db: Db, tenantId: number, projectId: number, input: NewWorkEntry): Promise<WorkEntry | null> {
  return withTransaction(db, async (client) => {
    const owned = await client.query('SELECT 1 FROM projects WHERE tenant_id = $1 AND id = $2 FOR SHARE', [tenantId, projectId]);
    if (!owned.rowCount) return null;
    const { rows } = await client.query(
      `INSERT INTO work_entries (tenant_id, project_id, description, hours, cost_cents, work_date)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [tenantId, projectId, input.description, input.hours, input.costCents, input.workDate],
    );
    const entry = toEntry(rows[0]!);
    await recordEvent(client, tenantId, { type: 'work_entry.logged', payload: { projectId, workEntryId: entry.id, hours: entry.hours, costCents: entry.costCents } });
    return entry;
  });
}

// Why: the API lists a project's entries; the tenant filter makes a foreign project look empty-and-missing.
export async function listWorkEntries(db: Db, tenantId: number, projectId: number): Promise<WorkEntry[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM work_entries WHERE tenant_id = $1 AND project_id = $2 ORDER BY id DESC LIMIT 500`, [tenantId, projectId]);
  return rows.map(toEntry);
}
