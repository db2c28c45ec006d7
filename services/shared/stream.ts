// Writing outbox events to the Redis Stream, trimmed with MAXLEN ~ so Redis stays in its budget,
// and durably: with an append-only file, WAITAOF confirms the entries reached the disk.
import { toStreamFields, type OutboxEvent } from './events.js';
import type { Redis } from './redis.js';

// Why: a Redis without WAITAOF (before 7.2) or without appendonly cannot confirm; the reconciler covers it.
async function waitDurable(redis: Redis): Promise<void> {
  let local: number;
  try {
    [local] = (await redis.call('WAITAOF', '1', '0', '2000')) as [number, number];
  } catch (err) {
    if (/unknown command|appendonly is disabled/i.test(String((err as Error).message))) return;
    throw err;
  }
  if (local < 1) throw new Error('Redis did not write the events to its append-only file within 2 s');
}

/**
 * Why: relay, replay and the reconciler publish through one pipeline call per batch (one round
 * trip); they get the entry ids back, in order, once Redis has them on disk.
 */
export async function publishEvents(redis: Redis, stream: string, maxLen: number, events: OutboxEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const pipeline = redis.pipeline();
  for (const e of events) pipeline.xadd(stream, 'MAXLEN', '~', maxLen, '*', ...toStreamFields(e));
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
  await waitDurable(redis);
  return results.map(([, id]) => String(id));
}

/** Why: the reconciler asks which entries the stream still holds, one pipelined XRANGE per id. */
export async function presentEntries(redis: Redis, stream: string, ids: string[]): Promise<boolean[]> {
  if (!ids.length) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.xrange(stream, id, id);
  const results = (await pipeline.exec()) ?? [];
  return results.map(([err, entries]) => {
    if (err) throw err;
    return (entries as unknown[]).length > 0;
  });
}

// Why: worker and replay both need the group; created at 0 so a fresh stream is read from its start.
export async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (err) {
    if (!String((err as Error).message).startsWith('BUSYGROUP')) throw err;
  }
}
