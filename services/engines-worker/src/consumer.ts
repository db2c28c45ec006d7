// The consume loop: XREADGROUP a batch, apply it (exactly once in effect), XACK after the commit;
// every half reclaim-timeout, XAUTOCLAIM entries a dead consumer left pending. A missing group
// (Redis was flushed) is recreated and reading goes on. Before its first read the worker claims
// its group for its engine (engine-groups.ts); a group taken by another engine ends the loop.
import type { Db } from '../../shared/db.js';
import { fromStreamFields, type OutboxEvent } from '../../shared/events.js';
import type { Logger } from '../../shared/log.js';
import type { Redis } from '../../shared/redis.js';
import { ensureGroup } from '../../shared/stream.js';
import { applyEvents } from './apply-events.js';
import { claimGroup, GroupTaken } from './engine-groups.js';
import { ENGINES } from './engines/index.js';
import type { WorkerSettings } from './settings.js';

type Entry = [id: string, fields: string[]];

export interface Consumer {
  stop(): Promise<void>;
  /** Settles when the loop ends: after stop(), or rejected with GroupTaken. */
  done: Promise<void>;
}

// Why: the worker's only loop; stop() lets the batch in hand commit and ack before it returns.
export function startConsumer(db: Db, redis: Redis, s: WorkerSettings, log: Logger): Consumer {
  const { stream, group } = s.stream;
  const engine = ENGINES[s.engine]!;
  let stopping = false;
  let lastClaim = 0;
  let grouped = false;

  const handle = async (entries: Entry[]) => {
    if (!entries.length) return;
    const events: OutboxEvent[] = [];
    for (const [id, fields] of entries) {
      try {
        events.push(fromStreamFields(fields));
      } catch (err) {
        log.error('dropping a malformed stream entry', { err, entry: id });
      }
    }
    const applied = await applyEvents(db, engine, group, events);
    await redis.xack(stream, group, ...entries.map(([id]) => id));
    log.debug('batch applied', { entries: entries.length, applied });
  };

  const reclaim = async () => {
    let cursor = '0-0';
    do {
      const [next, entries] = (await redis.xautoclaim(stream, group, s.consumer, s.claimIdleMs, cursor, 'COUNT', s.batchSize)) as [string, (Entry | null)[]];
      const live = entries.filter((e): e is Entry => e !== null);
      if (live.length) log.info('reclaimed pending entries', { entries: live.length });
      await handle(live);
      cursor = next;
    } while (cursor !== '0-0' && !stopping);
  };

  const step = async () => {
    if (!grouped) {
      await claimGroup(db, group, engine.name);
      await ensureGroup(redis, stream, group);
      grouped = true;
    }
    if (Date.now() - lastClaim > s.claimIdleMs / 2) {
      await reclaim();
      lastClaim = Date.now();
    }
    const reply = (await redis.xreadgroup('GROUP', group, s.consumer, 'COUNT', s.batchSize, 'BLOCK', s.blockMs, 'STREAMS', stream, '>')) as [string, Entry[]][] | null;
    await handle(reply?.[0]?.[1] ?? []);
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        await step();
      } catch (err) {
        if (err instanceof GroupTaken) throw err;
        if (String((err as Error).message).startsWith('NOGROUP')) {
          log.warn('consumer group missing (Redis lost?), recreating it', { stream, group });
          grouped = false;
          continue;
        }
        log.error('consuming failed, retrying', { err });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  log.info('engines worker started', { stream, group, engine: engine.name, consumer: s.consumer });

  return {
    stop: async () => {
      stopping = true;
      await loop;
    },
    done: loop,
  };
}
