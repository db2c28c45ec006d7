// The self-healing step: events published a grace period ago and still not applied by one of the
// engines' consumer groups are looked up in the stream; those it no longer holds (Redis crashed before its disk
// had them, or lost its disk) are published again. Each group applies an event id once, so a
// repeat is harmless to the groups that have it; an event the stream still holds is left to the (stopped or slow) engines.
import { withTransaction, type Db } from '../../shared/db.js';
import { fromOutboxRow } from '../../shared/events.js';
import type { Redis } from '../../shared/redis.js';
import { presentEntries, publishEvents } from '../../shared/stream.js';
import { markPublished, type BatchTarget } from './publish-batch.js';

// Why: returns how many lost events it republished (0 when the stream holds everything some group has not applied).
export async function reconcile(db: Db, redis: Redis, t: BatchTarget, graceMs: number, groups: string[]): Promise<number> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query(
      `SELECT o.id, o.tenant_id, o.event_type, o.payload, o.created_at, o.stream_id FROM event_outbox o
       WHERE o.published_at < now() - make_interval(secs => $2::double precision / 1000)
         AND EXISTS (SELECT 1 FROM unnest($3::text[]) AS g(name)
                     WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer_group = g.name AND p.event_id = o.id))
       ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
      [t.batchSize, graceMs, groups],
    );
    if (!rows.length) return 0;
    const present = await presentEntries(redis, t.stream, rows.map((r) => String(r.stream_id ?? '0-1')));
    const lost = rows.filter((r, i) => !r.stream_id || !present[i]);
    if (!lost.length) return 0;
    const streamIds = await publishEvents(redis, t.stream, t.maxLen, lost.map(fromOutboxRow));
    await markPublished(client, lost.map((r) => r.id), streamIds);
    return lost.length;
  });
}
