// What a set of events adds to the activity timeline: per tenant and UTC day of the event, the
// projects created and updated (and how many updates changed the status), the work logged.
// Pure and order-independent, like the figures' deltas.
import type { OutboxEvent } from '../../../shared/events.js';
import { toCenti } from './centi.js';

export interface DayDelta {
  tenantId: number;
  /** YYYY-MM-DD, in UTC, of the event's outbox time. */
  day: string;
  projectsCreated: number;
  projectsUpdated: number;
  statusChanges: number;
  workEntries: number;
  hoursCenti: number;
  costCents: number;
  events: number;
}

// Why: one row per tenant and day, keyed "tenant day" and sorted, so each batch writes each row once in key order.
export function toActivity(events: OutboxEvent[]): DayDelta[] {
  const days = new Map<string, DayDelta>();
  for (const { tenantId, createdAt, event } of events) {
    const day = new Date(createdAt).toISOString().slice(0, 10);
    const key = `${String(tenantId).padStart(10, '0')} ${day}`;
    const d = days.get(key) ?? { tenantId, day, projectsCreated: 0, projectsUpdated: 0, statusChanges: 0, workEntries: 0, hoursCenti: 0, costCents: 0, events: 0 };
    days.set(key, d);
    d.events += 1;
    switch (event.type) {
      case 'project.created':
        d.projectsCreated += 1;
        break;
      case 'project.updated':
        d.projectsUpdated += 1;
        if (event.payload.from.status !== event.payload.to.status) d.statusChanges += 1;
        break;
      case 'work_entry.logged':
        d.workEntries += 1;
        d.hoursCenti += toCenti(event.payload.hours);
        d.costCents += event.payload.costCents;
        break;
    }
  }
  return [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => d);
}
