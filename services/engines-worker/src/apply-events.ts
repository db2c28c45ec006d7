// Exactly-once in effect, per consumer group: in one transaction, record the batch's event ids
// under the group in processed_events (ON CONFLICT DO NOTHING) and let the group's engine write
// the events whose ids were new. A redelivered event finds its id already there and changes
// nothing; another group's record of the same event does not count for this one.
import { withTransaction, type Db } from '../../shared/db.js';
import type { OutboxEvent } from '../../shared/events.js';
import type { Engine } from './engines/engine.js';

const RETRYABLE = new Set(['40P01', '40001']);

// Why: returns how many events were new; the caller XACKs the whole batch only after this commits.
export async function applyEvents(db: Db, engine: Engine, group: string, events: OutboxEvent[], attempts = 5): Promise<number> {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id);
  if (!unique.length) return 0;
  try {
    return await withTransaction(db, async (client) => {
      const { rows } = await client.query<{ event_id: string }>(
        `INSERT INTO processed_events (consumer_group, event_id, tenant_id) SELECT $1, * FROM unnest($2::bigint[], $3::int[])
         ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
        [group, unique.map((e) => e.id), unique.map((e) => e.tenantId)],
      );
      const fresh = new Set(rows.map((r) => Number(r.event_id)));
      await engine.write(client, unique.filter((e) => fresh.has(e.id)));
      return fresh.size;
    });
  } catch (err) {
    if (attempts > 1 && RETRYABLE.has((err as { code?: string }).code ?? '')) return applyEvents(db, engine, group, events, attempts - 1);
    throw err;
  }
}
