// Writing outbox events to the Redis Stream, trimmed with MAXLEN ~ so Redis stays in its budget.
import { toStreamFields, type OutboxEvent } from './events.js';
import type { Redis } from './redis.js';

// Why: relay and replay publish through one pipeline call per batch (one round trip).
export async function publishEvents(redis: Redis, stream: string, maxLen: number, events: OutboxEvent[]): Promise<void> {
  if (!events.length) return;
  const pipeline = redis.pipeline();
  for (const e of events) pipeline.xadd(stream, 'MAXLEN', '~', maxLen, '*', ...toStreamFields(e));
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
}

// Why: worker and replay both need the group; created at 0 so a fresh stream is read from its start.
export async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (err) {
    if (!String((err as Error).message).startsWith('BUSYGROUP')) throw err;
  }
}
