// The relay loop: drain the outbox in batches, then sleep until a NOTIFY or the poll interval.
import type { Db } from '../../shared/db.js';
import { listen, type Listener } from '../../shared/listen.js';
import type { Logger } from '../../shared/log.js';
import type { Redis } from '../../shared/redis.js';
import { publishBatch } from './publish-batch.js';
import { reconcile } from './reconcile.js';
import type { RelaySettings } from './settings.js';

export interface Relay {
  stop(): Promise<void>;
}

// Why: NOTIFY brings latency to milliseconds; the poll is the safety net that needs nothing.
export function startRelay(db: Db, redis: Redis, s: RelaySettings, log: Logger): Relay {
  let stopping = false;
  let wake: () => void = () => undefined;
  let listener: Listener | null = null;
  const nudge = () => wake();

  const ensureListener = async () => {
    if (listener?.connected()) return;
    await listener?.close();
    listener = await listen(s.db.databaseUrl, 'event_outbox', nudge, log).catch((err) => {
      log.warn('cannot LISTEN, relying on polling', { err });
      return null;
    });
  };
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  const loop = (async () => {
    const target = { stream: s.stream.stream, maxLen: s.stream.maxLen, batchSize: s.batchSize };
    let lastReconcile = Date.now();
    while (!stopping) {
      await ensureListener();
      if (Date.now() - lastReconcile >= s.reconcileMs) {
        lastReconcile = Date.now();
        const repaired = await reconcile(db, redis, target, s.reconcileGraceMs, s.groups).catch((err) => {
          log.error('reconciling failed, retrying at the next round', { err });
          return 0;
        });
        if (repaired) log.warn('republished events the stream had lost', { events: repaired });
      }
      try {
        const published = await publishBatch(db, redis, target);
        if (published) log.debug('published', { events: published });
        if (published === s.batchSize) continue;
      } catch (err) {
        log.error('publishing failed, retrying after the poll interval', { err });
      }
      if (!stopping) await pause(Math.min(s.pollMs, s.reconcileMs));
    }
  })();
  log.info('relay started', { stream: s.stream.stream, groups: s.groups, batchSize: s.batchSize, pollMs: s.pollMs, reconcileMs: s.reconcileMs });

  return {
    stop: async () => {
      stopping = true;
      wake();
      await loop;
      await listener?.close();
    },
  };
}
