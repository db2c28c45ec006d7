// The relay's environment: database, stream, batch size and poll interval.
import { readSettings } from '../../shared/config.js';
import type { Level } from '../../shared/log.js';
import { readDatabase, readGroups, readLogLevel, readStream, type DatabaseSettings, type StreamSettings } from '../../shared/settings.js';

export interface RelaySettings {
  db: DatabaseSettings;
  stream: StreamSettings;
  groups: string[];
  batchSize: number;
  pollMs: number;
  reconcileMs: number;
  reconcileGraceMs: number;
  logLevel: Level;
}

// Why: defaults follow the topology: poll every second, one pooled connection plus the LISTEN one;
// every 5 s look for events published 10 s ago, not applied, and gone from the stream.
export function readRelaySettings(env: Record<string, string | undefined>): RelaySettings {
  return readSettings(env, (r) => {
    const stream = readStream(r);
    return {
      db: readDatabase(r, { poolSize: 1, poolOverflow: 0 }),
      stream,
      groups: readGroups(r, stream.group),
      batchSize: r.int('RELAY_BATCH_SIZE', 500, 1, 10_000),
      pollMs: r.int('RELAY_POLL_MS', 1000, 10, 60_000),
      reconcileMs: r.int('RECONCILE_MS', 5000, 50, 3_600_000),
      reconcileGraceMs: r.int('RECONCILE_GRACE_MS', 10_000, 0, 86_400_000),
      logLevel: readLogLevel(r),
    };
  });
}
