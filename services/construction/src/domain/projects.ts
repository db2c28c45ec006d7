// Projects: every read and write is scoped by tenant_id, and every change records its event in
// event_outbox inside the same transaction. Callers name a project by its public id (a UUID);
// the internal id stays inside (events, figures).
import { withTransaction, type Db } from '../../../shared/db.js';
import { recordEvent, type ProjectStatus } from '../../../shared/events.js';
import type { NewProject, ProjectPatch } from './validation.js';

export interface Project {
  id: string;
  name: string;
  status: ProjectStatus;
  budgetCents: number;
  costCents: number;
  hours: number;
  workEntries: number;
  createdAt: string;
  updatedAt: string;
}

// Why: cost, hours and entry count per project are the engines' figures, read beside the row.
const SELECT = `
  SELECT p.public_id, p.name, p.status, p.budget_cents, p.created_at, p.updated_at,
         coalesce(f.cost_cents, 0) AS cost_cents, coalesce(f.hours, 0) AS hours, coalesce(f.work_entries, 0) AS work_entries
  FROM projects p LEFT JOIN project_figures f ON f.project_id = p.id AND f.tenant_id = p.tenant_id`;

type Row = Record<string, unknown>;
function toProject(r: Row): Project {
  return {
    id: String(r.public_id),
    name: String(r.name),
    status: r.status as ProjectStatus,
    budgetCents: Number(r.budget_cents),
    costCents: Number(r.cost_cents ?? 0),
    hours: Number(r.hours ?? 0),
    workEntries: Number(r.work_entries ?? 0),
    createdAt: new Date(r.created_at as Date).toISOString(),
    updatedAt: new Date(r.updated_at as Date).toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Why: a malformed id is "not found" like a missing row, without asking PostgreSQL to cast it. */
export const isPublicId = (id: string): boolean => UUID.test(id);

// Why: the dashboard and GET /api/projects list the newest projects of one tenant.
export async function listProjects(db: Db, tenantId: number, limit = 200): Promise<Project[]> {
  const { rows } = await db.query(`${SELECT} WHERE p.tenant_id = $1 ORDER BY p.id DESC LIMIT $2`, [tenantId, limit]);
  return rows.map(toProject);
}

// Why: another tenant's id reads as "not found", never as someone else's project.
export async function getProject(db: Pick<Db, 'query'>, tenantId: number, id: string): Promise<Project | null> {
  if (!isPublicId(id)) return null;
  const { rows } = await db.query(`${SELECT} WHERE p.tenant_id = $1 AND p.public_id = $2`, [tenantId, id]);
  return rows[0] ? toProject(rows[0]) : null;
}

// Why: creating a project and announcing it are one commit.
export async function createProject(db: Db, tenantId: number, input: NewProject): Promise<Project> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query(
      `INSERT INTO projects (tenant_id, name, status, budget_cents) VALUES ($1, $2, $3, $4) RETURNING id, public_id`,
      [tenantId, input.name, input.status, input.budgetCents],
    );
    const projectId = Number(rows[0]!.id);
    await recordEvent(client, tenantId, { type: 'project.created', payload: { projectId, status: input.status, budgetCents: input.budgetCents } });
    return (await getProject(client, tenantId, String(rows[0]!.public_id)))!;
  });
}

// Why: the event carries before and after (read under a row lock) so figures move by exact deltas.
export async function updateProject(db: Db, tenantId: number, id: string, patch: ProjectPatch): Promise<Project | null> {
  if (!isPublicId(id)) return null;
  return withTransaction(db, async (client) => {
    const { rows } = await client.query('SELECT id, status, budget_cents FROM projects WHERE tenant_id = $1 AND public_id = $2 FOR UPDATE', [tenantId, id]);
    if (!rows[0]) return null;
    const projectId = Number(rows[0].id);
    const from = { status: rows[0].status as ProjectStatus, budgetCents: Number(rows[0].budget_cents) };
    const to = { status: patch.status ?? from.status, budgetCents: patch.budgetCents ?? from.budgetCents };
    await client.query(
      `UPDATE projects SET name = coalesce($3, name), status = $4, budget_cents = $5, updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [tenantId, projectId, patch.name ?? null, to.status, to.budgetCents],
    );
    await recordEvent(client, tenantId, { type: 'project.updated', payload: { projectId, from, to } });
    return getProject(client, tenantId, id);
  });
}
