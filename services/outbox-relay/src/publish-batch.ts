// One relay step: lock a batch of unpublished outbox rows (SKIP LOCKED, so a second relay takes
// other rows), publish them, and only once Redis has them (on disk, with an append-only file)
// mark them published with their stream ids, then commit. A crash before the commit leaves the
// rows unpublished and they go out again: at-least-once, never lost.
import { withTransaction, type Client, type Db } from '../../shared/db.js';
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
    const streamIds = await publishEvents(redis, t.stream, t.maxLen, rows.map(fromOutboxRow));
    await markPublished(client, rows.map((r) => r.id), streamIds);
    return rows.length;
  });
}

/** Why: published means "Redis has it under this entry id"; the reconciler checks that id later. */
export async function markPublished(client: Client, ids: unknown[], streamIds: string[]): Promise<void> {
  await client.query(
    `UPDATE event_outbox o SET published_at = now(), stream_id = u.stream_id
     FROM unnest($1::bigint[], $2::text[]) AS u(id, stream_id) WHERE o.id = u.id`,
    [ids, streamIds],
  );
}
