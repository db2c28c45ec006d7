import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DomainEvent, OutboxEvent } from '../../shared/events.js';
import { toDeltas } from '../src/engines/figures-deltas.js';

let next = 1;
const ev = (tenantId: number, event: DomainEvent): OutboxEvent => ({ id: next++, tenantId, createdAt: 0, event });
const created = (projectId: number, budgetCents: number) => ev(1, { type: 'project.created', payload: { projectId, status: 'planned', budgetCents } });
const updated = (projectId: number) => ev(1, { type: 'project.updated', payload: { projectId, from: { status: 'planned', budgetCents: 100 }, to: { status: 'active', budgetCents: 150 } } });
const logged = (tenantId: number, projectId: number, hours: number, costCents: number) => ev(tenantId, { type: 'work_entry.logged', payload: { projectId, workEntryId: next, hours, costCents } });

test('counts a created project under its status and adds its budget', () => {
  const t = toDeltas([created(1, 100)]).tenants.get(1)!;
  assert.equal([t.projects, t.byStatus.planned, t.budgetCents, t.events], [1, 1, 100, 1]);
});

test('moves an updated project between statuses and adds only the budget difference', () => {
  const t = toDeltas([created(1, 100), updated(1)]).tenants.get(1)!;
  assert.equal([t.projects, t.byStatus.planned, t.byStatus.active, t.budgetCents, t.events], [1, 0, 1, 150, 2]);
});

test('gives the same figures whatever the order of the events', () => {
  const events = [created(1, 100), updated(1), logged(1, 1, 1.25, 10)];
  assert.equal(toDeltas([...events].reverse()), toDeltas(events));
});

test('sums hours in hundredths so 0.1 + 0.2 is exactly 0.30, per project and per tenant', () => {
  const d = toDeltas([logged(1, 7, 0.1, 5), logged(1, 7, 0.2, 6), logged(2, 8, 1, 1)]);
  assert.equal(d.projects.get(7), { tenantId: 1, costCents: 11, hoursCenti: 30, workEntries: 2 });
  assert.equal([d.tenants.get(1)!.hoursCenti, d.tenants.get(2)!.costCents], [30, 1]);
});

test.run();
