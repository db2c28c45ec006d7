// Recovery after Redis is lost: republish outbox events (all, or since an id or a time) so every
// engine's group converges; each group's processed_events makes the repeats harmless.
import type { Db } from '../../shared/db.js';
import { fromOutboxRow, type OutboxRow } from '../../shared/events.js';
import type { Logger } from '../../shared/log.js';
import type { Redis } from '../../shared/redis.js';
import type { StreamSettings } from '../../shared/settings.js';
import { ensureGroup, publishEvents } from '../../shared/stream.js';

export type Since = { id: number } | { time: Date } | null;

// Why: `--since 1234` is an outbox id, `--since 2024-05-01T00:00Z` a time; anything else is refused.
export function parseSince(args: string[]): Since {
  const at = args.indexOf('--since');
  if (at === -1) return null;
  const value = args[at + 1] ?? '';
  if (/^\d+$/.test(value)) return { id: Number(value) };
  const time = new Date(value);
  if (!value || Number.isNaN(time.getTime())) throw new Error(`replay --since needs an outbox id or an ISO time, got "${value}"`);
  return { time };
}

/** The largest lag of the given groups: the group furthest behind decides how far replay may run ahead. */
async function groupsLag(redis: Redis, stream: string, groups: string[]): Promise<number> {
  let lag = 0;
  for (const g of (await redis.xinfo('GROUPS', stream)) as unknown[][]) {
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < g.length; i += 2) info.set(String(g[i]), g[i + 1]);
    if (groups.includes(String(info.get('name')))) lag = Math.max(lag, Number(info.get('lag') ?? 0));
  }
  return lag;
}

// Why: pages by id and waits while a group lags, so MAXLEN never trims events one has not read yet.
export async function replay(db: Db, redis: Redis, s: StreamSettings, groups: string[], since: Since, log: Logger, pageSize = 1000): Promise<number> {
  for (const group of groups) await ensureGroup(redis, s.stream, group);
  let after = since && 'id' in since ? since.id - 1 : 0;
  const fromTime = since && 'time' in since ? since.time : new Date(0);
  let total = 0;
  for (;;) {
    const { rows } = await db.query<OutboxRow>(
      `SELECT id, tenant_id, event_type, payload, created_at FROM event_outbox
       WHERE id > $1 AND created_at >= $2 ORDER BY id LIMIT $3`,
      [after, fromTime, pageSize],
    );
    if (!rows.length) break;
    while ((await groupsLag(redis, s.stream, groups)) > s.maxLen / 2) await new Promise((r) => setTimeout(r, 200));
    await publishEvents(redis, s.stream, s.maxLen, rows.map(fromOutboxRow));
    total += rows.length;
    after = Number(rows[rows.length - 1]!.id);
    log.info('replayed', { events: total, upToId: after });
  }
  return total;
}
