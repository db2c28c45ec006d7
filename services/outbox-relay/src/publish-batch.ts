// One relay step: lock a batch of unpublished outbox rows (SKIP LOCKED, so a second relay takes
// other rows), publish them, mark them published, commit. A crash before the commit leaves the
// rows unpublished and they go out again: at-least-once, never lost.
import { withTransaction, type Db } from '../../shared/db.js';
import { fromOutboxRow } from '../../shared/events.js';
import type { Redis } from '../../shared/redis.js';
import { publishEvents } from '../../shared/stream.js';

export interface BatchTarget {
  stream: string;
  maxLen: number;
  batchSize: number;
}

// Why: the unit of relay work; returns how many rows went out so the loop knows to keep going.
export async function publishBatch(db: Db, redis: Redis, t: BatchTarget): Promise<number> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query(
      `SELECT id, tenant_id, event_type, payload, created_at FROM event_outbox
       WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [t.batchSize],
    );
    if (!rows.length) return 0;
    await publishEvents(redis, t.stream, t.maxLen, rows.map(fromOutboxRow));
    await client.query('UPDATE event_outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    return rows.length;
  });
}
