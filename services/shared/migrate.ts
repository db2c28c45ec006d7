// Versioned migrations: each runs once, in its own transaction, recorded in schema_migrations;
// an advisory lock keeps two deploys from migrating at the same time. Rerunning is a no-op.
import type { Db } from './db.js';
import { withTransaction } from './db.js';
import type { Logger } from './log.js';
import { core } from './migrations/0001-core.js';
import { engines } from './migrations/0002-engines.js';
import { publicIds } from './migrations/0003-public-ids.js';
import { streamIds } from './migrations/0004-stream-ids.js';
import { consumerGroups } from './migrations/0005-consumer-groups.js';
import { activity } from './migrations/0006-activity.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Why: the ordered list is the schema's history; new migrations are appended, never edited.
export const MIGRATIONS: Migration[] = [core, engines, publicIds, streamIds, consumerGroups, activity];

const LOCK_KEY = 4_815_162_342;

// Why: node-service runs this once per deploy; it returns the versions it applied (empty when current).
export async function migrate(db: Db, log: Logger, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  const lock = await db.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await lock.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await lock.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.version))) {
      await withTransaction(db, async (client) => {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      });
      log.info('migration applied', { version: migration.version, name: migration.name });
      applied.push(migration.version);
    }
    if (!applied.length) log.info('schema is current', { version: Math.max(0, ...done) });
    return applied;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    lock.release();
  }
}
