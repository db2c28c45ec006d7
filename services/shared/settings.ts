// The settings several services share, read the same way everywhere (names, defaults, limits).
import type { Reader } from './config.js';
import { isLevel, type Level } from './log.js';

export interface DatabaseSettings {
  databaseUrl: string;
  poolSize: number;
  poolOverflow: number;
}

export interface StreamSettings {
  redisUrl: string;
  stream: string;
  maxLen: number;
  group: string;
}

// Why: LOG_LEVEL is the one knob every service has; a typo must refuse the start, not be ignored.
export function readLogLevel(r: Reader): Level {
  const level = r.string('LOG_LEVEL', 'info');
  if (!isLevel(level)) r.problems.push(`LOG_LEVEL="${level}" is not one of debug, info, warn, error`);
  return isLevel(level) ? level : 'info';
}

// Why: pool defaults are the topology's connection budget (5 + 10 per app worker, 2 for infra).
export function readDatabase(r: Reader, defaults: { poolSize: number; poolOverflow: number }): DatabaseSettings {
  return {
    databaseUrl: r.url('DATABASE_URL', ['postgres', 'postgresql']),
    poolSize: r.int('DB_POOL_SIZE', defaults.poolSize, 1, 50),
    poolOverflow: r.int('DB_POOL_OVERFLOW', defaults.poolOverflow, 0, 50),
  };
}

// Why: relay, worker and replay must agree on the stream and group names; one reader, one default.
export function readStream(r: Reader): StreamSettings {
  return {
    redisUrl: r.url('REDIS_URL', ['redis', 'rediss']),
    stream: r.string('EVENT_STREAM', 'bc:events'),
    maxLen: r.int('EVENT_STREAM_MAXLEN', 100_000, 1_000, 10_000_000),
    group: r.string('CONSUMER_GROUP', 'engines'),
  };
}

// Why: the relay's reconciler and replay serve every engine's group: an event is applied once each
// of CONSUMER_GROUPS (default: CONSUMER_GROUP alone) recorded it; the fleet lists its engines' groups.
export function readGroups(r: Reader, group: string): string[] {
  const raw = r.string('CONSUMER_GROUPS', group);
  const groups = [...new Set(raw.split(',').map((g) => g.trim()))];
  if (groups.some((g) => !/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(g))) r.problems.push(`CONSUMER_GROUPS="${raw}" is not a comma-separated list of group names`);
  return groups;
}
