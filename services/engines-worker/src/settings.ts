// The engines worker's environment: its engine, database, stream and group, batch size, reclaim timeout.
import { hostname } from 'node:os';
import { readSettings, type Reader } from '../../shared/config.js';
import type { Level } from '../../shared/log.js';
import { ENGINES } from './engines/index.js';
import { readDatabase, readLogLevel, readStream, type DatabaseSettings, type StreamSettings } from '../../shared/settings.js';

export interface WorkerSettings {
  engine: string;
  db: DatabaseSettings;
  stream: StreamSettings;
  consumer: string;
  batchSize: number;
  blockMs: number;
  claimIdleMs: number;
  logLevel: Level;
}

// Why: the consumer name defaults to host-pid so two workers (or a restarted one) never share a
// name; ENGINE defaults to figures, and CONSUMER_GROUP to the engine's group (figures: engines).
export function readWorkerSettings(env: Record<string, string | undefined>): WorkerSettings {
  return readSettings(env, (r) => {
    const engine = readEngine(r);
    return {
      engine,
      db: readDatabase(r, { poolSize: 1, poolOverflow: 1 }),
      stream: { ...readStream(r), group: r.string('CONSUMER_GROUP', ENGINES[engine]?.group ?? 'engines') },
      consumer: r.string('CONSUMER_NAME', `${hostname()}-${process.pid}`),
      batchSize: r.int('WORKER_BATCH_SIZE', 200, 1, 5_000),
      blockMs: r.int('WORKER_BLOCK_MS', 1000, 10, 60_000),
      claimIdleMs: r.int('CLAIM_IDLE_MS', 30_000, 100, 3_600_000),
      logLevel: readLogLevel(r),
    };
  });
}

function readEngine(r: Reader): string {
  const engine = r.string('ENGINE', 'figures');
  if (!Object.hasOwn(ENGINES, engine)) r.problems.push(`ENGINE="${engine}" is not one of ${Object.keys(ENGINES).join(', ')}`);
  return engine;
}
