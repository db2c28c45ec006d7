import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DomainEvent, OutboxEvent } from '../../shared/events.js';
import { toActivity } from '../src/engines/activity-deltas.js';

let next = 1;
const at = (iso: string, tenantId: number, event: DomainEvent): OutboxEvent => ({ id: next++, tenantId, createdAt: Date.parse(iso), event });
const created = (iso: string, tenantId = 1) => at(iso, tenantId, { type: 'project.created', payload: { projectId: 1, status: 'planned', budgetCents: 100 } });
const updated = (iso: string, from: 'planned' | 'active', to: 'planned' | 'active') =>
  at(iso, 1, { type: 'project.updated', payload: { projectId: 1, from: { status: from, budgetCents: 100 }, to: { status: to, budgetCents: 200 } } });
const logged = (iso: string, hours: number, costCents: number) => at(iso, 1, { type: 'work_entry.logged', payload: { projectId: 1, workEntryId: next, hours, costCents } });

test('counts each tenant\'s events on the UTC day they happened, one row per tenant and day', () => {
  const days = toActivity([created('2024-06-01T23:59:59.999Z'), created('2024-06-02T00:00:00Z'), created('2024-06-01T10:00:00Z', 2)]);
  assert.equal(days.map((d) => [d.tenantId, d.day, d.projectsCreated, d.events]), [[1, '2024-06-01', 1, 1], [1, '2024-06-02', 1, 1], [2, '2024-06-01', 1, 1]]);
});

test('counts updates, and among them those that changed the status', () => {
  const [d] = toActivity([updated('2024-06-01T08:00:00Z', 'planned', 'active'), updated('2024-06-01T09:00:00Z', 'active', 'active')]);
  assert.equal([d!.projectsUpdated, d!.statusChanges, d!.events], [2, 1, 2]);
});

test('sums the day\'s logged work in hundredths of an hour, so 0.1 + 0.2 is exactly 0.30', () => {
  const [d] = toActivity([logged('2024-06-01T08:00:00Z', 0.1, 5), logged('2024-06-01T09:00:00Z', 0.2, 6)]);
  assert.equal([d!.workEntries, d!.hoursCenti, d!.costCents], [2, 30, 11]);
});

test('gives the same rows whatever the order of the events', () => {
  const events = [created('2024-06-02T00:00:00Z'), logged('2024-06-01T08:00:00Z', 1, 1), created('2024-06-01T10:00:00Z', 2), updated('2024-06-01T09:00:00Z', 'planned', 'active')];
  assert.equal(toActivity([...events].reverse()), toActivity(events));
});

test.run();
