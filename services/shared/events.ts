// The domain events: what the app writes to event_outbox, what the relay puts on the stream and
// what the engines worker applies. Each carries the deltas it implies, so applying events in any
// order gives the same figures (two workers may take them out of order).
import type { Client } from './db.js';

export type ProjectStatus = 'planned' | 'active' | 'on_hold' | 'completed';
export const PROJECT_STATUSES: ProjectStatus[] = ['planned', 'active', 'on_hold', 'completed'];

export type DomainEvent =
  | { type: 'project.created'; payload: { projectId: number; status: ProjectStatus; budgetCents: number } }
  | {
      type: 'project.updated';
      payload: {
        projectId: number;
        from: { status: ProjectStatus; budgetCents: number };
        to: { status: ProjectStatus; budgetCents: number };
      };
    }
  | { type: 'work_entry.logged'; payload: { projectId: number; workEntryId: number; hours: number; costCents: number } };

export interface OutboxEvent {
  id: number;
  tenantId: number;
  createdAt: number;
  event: DomainEvent;
}

// Why: the outbox row is written with the change, in the caller's transaction, or not at all.
export async function recordEvent(client: Client, tenantId: number, event: DomainEvent): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    'INSERT INTO event_outbox (tenant_id, event_type, payload) VALUES ($1, $2, $3) RETURNING id',
    [tenantId, event.type, JSON.stringify(event.payload)],
  );
  return Number(rows[0]!.id);
}

// Why: a stream entry is a flat list of strings; this is its one encoding.
export function toStreamFields(e: OutboxEvent): string[] {
  return ['id', String(e.id), 'tenant', String(e.tenantId), 'type', e.event.type, 'payload', JSON.stringify(e.event.payload), 'at', String(e.createdAt)];
}

// Why: the worker decodes entries here; a malformed entry is reported, not applied.
export function fromStreamFields(fields: string[]): OutboxEvent {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const id = Number(map.get('id'));
  const tenantId = Number(map.get('tenant'));
  const type = map.get('type');
  if (!Number.isSafeInteger(id) || !Number.isSafeInteger(tenantId) || !type || !map.has('payload')) {
    throw new Error(`malformed stream entry: ${JSON.stringify(fields)}`);
  }
  return { id, tenantId, createdAt: Number(map.get('at') ?? 0), event: { type, payload: JSON.parse(map.get('payload')!) } as DomainEvent };
}

// Why: the columns relay and replay select, as node-postgres returns them.
export interface OutboxRow {
  id: string;
  tenant_id: number;
  event_type: string;
  payload: unknown;
  created_at: Date;
}

// Why: the relay and the replay read outbox rows the same way.
export function fromOutboxRow(row: OutboxRow): OutboxEvent {
  return {
    id: Number(row.id),
    tenantId: row.tenant_id,
    createdAt: row.created_at.getTime(),
    event: { type: row.event_type, payload: row.payload } as DomainEvent,
  };
}
