// The construction app's environment: listen address, worker count, database pool.
import { readSettings } from '../../shared/config.js';
import type { Level } from '../../shared/log.js';
import { readDatabase, readLogLevel, type DatabaseSettings } from '../../shared/settings.js';

export interface ConstructionSettings {
  host: string;
  port: number;
  workers: number;
  db: DatabaseSettings;
  logLevel: Level;
}

// Why: defaults are the topology's (port 8000, 2 workers, pool 5 + overflow 10 per worker).
export function readConstructionSettings(env: Record<string, string | undefined>): ConstructionSettings {
  return readSettings(env, (r) => ({
    host: r.string('HOST', '0.0.0.0'),
    port: r.int('PORT', 8000, 1, 65_535),
    workers: r.int('WORKERS', 2, 1, 32),
    db: readDatabase(r, { poolSize: 5, poolOverflow: 10 }),
    logLevel: readLogLevel(r),
  }));
}
