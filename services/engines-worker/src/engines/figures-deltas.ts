// What a set of events changes in the engine tables, as additive deltas per tenant and project.
// Pure, so the arithmetic is tested without a database, and order-independent by construction.
import { PROJECT_STATUSES, type OutboxEvent, type ProjectStatus } from '../../../shared/events.js';
import { toCenti } from './centi.js';

export interface TenantDelta {
  projects: number;
  byStatus: Record<ProjectStatus, number>;
  budgetCents: number;
  costCents: number;
  hoursCenti: number;
  workEntries: number;
  events: number;
}

export interface ProjectDelta {
  tenantId: number;
  costCents: number;
  hoursCenti: number;
  workEntries: number;
}

export interface Deltas {
  tenants: Map<number, TenantDelta>;
  projects: Map<number, ProjectDelta>;
}

const zeroTenant = (): TenantDelta => ({
  projects: 0,
  byStatus: Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>,
  budgetCents: 0,
  costCents: 0,
  hoursCenti: 0,
  workEntries: 0,
  events: 0,
});

// Why: the worker sums a whole batch first, then writes each figure row once, in key order.
export function toDeltas(events: OutboxEvent[]): Deltas {
  const tenants = new Map<number, TenantDelta>();
  const projects = new Map<number, ProjectDelta>();
  for (const { tenantId, event } of events) {
    const t = tenants.get(tenantId) ?? zeroTenant();
    tenants.set(tenantId, t);
    t.events += 1;
    switch (event.type) {
      case 'project.created':
        t.projects += 1;
        t.byStatus[event.payload.status] += 1;
        t.budgetCents += event.payload.budgetCents;
        break;
      case 'project.updated':
        t.byStatus[event.payload.from.status] -= 1;
        t.byStatus[event.payload.to.status] += 1;
        t.budgetCents += event.payload.to.budgetCents - event.payload.from.budgetCents;
        break;
      case 'work_entry.logged': {
        const hoursCenti = toCenti(event.payload.hours);
        t.costCents += event.payload.costCents;
        t.hoursCenti += hoursCenti;
        t.workEntries += 1;
        const p = projects.get(event.payload.projectId) ?? { tenantId, costCents: 0, hoursCenti: 0, workEntries: 0 };
        projects.set(event.payload.projectId, p);
        p.costCents += event.payload.costCents;
        p.hoursCenti += hoursCenti;
        p.workEntries += 1;
        break;
      }
    }
  }
  return { tenants, projects };
}
