// `engines-worker status`: what an operator asks when the engines fall behind. The stream's
// length, then per consumer group its lag (entries not delivered to any consumer yet) and pending
// count (delivered, not acknowledged), and each consumer's pending entries and idle time: a dead
// worker shows as a consumer whose idle time grows while it holds pending entries.
import type { Redis } from '../../shared/redis.js';

export interface ConsumerStatus {
  name: string;
  pending: number;
  idleMs: number;
}

export interface GroupStatus {
  name: string;
  /** null when Redis cannot tell (entries were trimmed or deleted past the group's position). */
  lag: number | null;
  pending: number;
  consumers: ConsumerStatus[];
}

export interface StreamStatus {
  stream: string;
  length: number;
  groups: GroupStatus[];
}

/** XINFO replies are flat [key, value, key, value ...] lists. */
function fields(reply: unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), reply[i + 1]);
  return map;
}

// Why: one read of everything the status shows (XLEN, XINFO GROUPS, XINFO CONSUMERS per group).
export async function streamStatus(redis: Redis, stream: string): Promise<StreamStatus> {
  const length = await redis.xlen(stream);
  if (length === 0 && (await redis.exists(stream)) === 0) return { stream, length, groups: [] };
  const groups: GroupStatus[] = [];
  for (const raw of (await redis.xinfo('GROUPS', stream)) as unknown[][]) {
    const g = fields(raw);
    const name = String(g.get('name'));
    const consumers = ((await redis.xinfo('CONSUMERS', stream, name)) as unknown[][]).map((c) => {
      const f = fields(c);
      return { name: String(f.get('name')), pending: Number(f.get('pending')), idleMs: Number(f.get('idle')) };
    });
    const lag = g.get('lag');
    groups.push({ name, lag: lag === null || lag === undefined ? null : Number(lag), pending: Number(g.get('pending')), consumers });
  }
  return { stream, length, groups };
}

// Why: the lines `engines-worker status` prints, one group and then its consumers.
export function formatStatus(s: StreamStatus): string[] {
  const lines = [`stream ${s.stream}: ${s.length} entries, ${s.groups.length} consumer group${s.groups.length === 1 ? '' : 's'}`];
  for (const g of s.groups) {
    lines.push(`group ${g.name}: lag ${g.lag ?? 'unknown'}, pending ${g.pending}, ${g.consumers.length} consumer${g.consumers.length === 1 ? '' : 's'}`);
    for (const c of g.consumers) lines.push(`  ${c.name}: pending ${c.pending}, idle ${(c.idleMs / 1000).toFixed(1)} s`);
  }
  return lines;
}
