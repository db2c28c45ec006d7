// The long-running infra services (relay, worker) share one shape: a pool, a Redis client, a
// loop, and a SIGTERM that stops the loop before closing both connections. A loop that ends on
// its own with an error (a setting the running system refuses) ends the process with exit 1.
import { createDb, type Db } from './db.js';
import type { Logger } from './log.js';
import { createRedis, type Redis } from './redis.js';
import type { DatabaseSettings } from './settings.js';
import { onShutdown } from './shutdown.js';

// Why: the stop order (loop first, then connections) is what keeps in-flight work from being lost.
export function runDaemon(log: Logger, dbSettings: DatabaseSettings, redisUrl: string, start: (db: Db, redis: Redis) => { stop(): Promise<void>; done?: Promise<void> }): void {
  const db = createDb(dbSettings.databaseUrl, dbSettings.poolSize, dbSettings.poolOverflow, log);
  const redis = createRedis(redisUrl, log);
  const loop = start(db, redis);
  loop.done?.catch((err: Error) => {
    log.error(err.message, { err });
    process.exit(1);
  });
  onShutdown(log, async () => {
    await loop.stop();
    await Promise.all([db.end(), redis.quit()]);
  });
}
