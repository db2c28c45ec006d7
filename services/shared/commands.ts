// The one-shot commands node-service runs on deploy: migrate, and seed-tenants from the inventory.
import { readSettings } from './config.js';
import { createDb, type Db } from './db.js';
import { createLogger, type Logger } from './log.js';
import { migrate } from './migrate.js';
import { readDatabase, readLogLevel } from './settings.js';
import { parseTenantSpecs, seedTenants } from './tenants.js';
import type { Command } from './cli.js';

type Env = Record<string, string | undefined>;

// Why: one-shot commands need one connection and the log, nothing else; this opens and closes them.
async function withDb(service: string, env: Env, work: (db: Db, log: Logger) => Promise<void>): Promise<void> {
  const settings = readSettings(env, (r) => ({ db: readDatabase(r, { poolSize: 1, poolOverflow: 0 }), level: readLogLevel(r) }));
  const log = createLogger(service, settings.level);
  const db = createDb(settings.db.databaseUrl, 2, 0, log); // migrate: one connection holds the advisory lock, one runs each migration
  try {
    await work(db, log);
  } finally {
    await db.end();
  }
}

// Why: `migrate` is offered by every service bundle that talks to PostgreSQL.
export function migrateCommand(service: string, env: Env): Command {
  return { usage: '(apply pending schema migrations; rerun is a no-op)', run: () => withDb(service, env, async (db, log) => void (await migrate(db, log))) };
}

// Why: tenants come from the fleet inventory (args) or SEED_TENANTS="demo=Demo,acme=Acme Ltd".
export function seedTenantsCommand(service: string, env: Env): Command {
  return {
    usage: 'slug[=Name] ... (or SEED_TENANTS="demo=Demo Builders,acme"; insert or rename, idempotent)',
    run: async (args) => {
      const specs = args.length ? args : (env.SEED_TENANTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (!specs.length) throw new Error('seed-tenants: name at least one tenant (arguments or SEED_TENANTS)');
      const tenants = parseTenantSpecs(specs);
      await withDb(service, env, async (db, log) => {
        for (const t of await seedTenants(db, tenants)) log.info('tenant seeded', { ...t });
      });
    },
  };
}
