// A migrated database and a Redis for one test file, plus the services it starts as real
// processes (from the compiled tree), all stopped by PID at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '../shared/db.js';
import { createLogger, type Logger } from '../shared/log.js';
import { migrate } from '../shared/migrate.js';
import { createRedis, type Redis } from '../shared/redis.js';
import { seedTenants, type Tenant } from '../shared/tenants.js';
import { killOnExit } from '../../test/support/processes.js';
import { startPostgres, startRedis, type RedisServer } from './servers.js';

export interface Stack {
  databaseUrl: string;
  redisUrl: string;
  redis: RedisServer;
  db: Db;
  log: Logger;
  tenants: Record<string, Tenant>;
  env(extra?: Record<string, string>): Record<string, string>;
  start(service: string, extra?: Record<string, string>, args?: string[]): ServiceProcess;
  stop(): Promise<void>;
}

export interface ServiceProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const DIST_SERVICES = join(dirname(fileURLToPath(import.meta.url)), '..');

// Why: tests must not print service logs unless asked (DEBUG_SERVICES=1 shows them).
export const quietLog: Logger = createLogger('test', process.env.DEBUG_SERVICES ? 'debug' : 'error');

// Why: every suite needs the same start: servers, schema, the tenants "alpha" and "beta".
export async function startStack(opts: { persistentRedis?: boolean } = {}): Promise<Stack> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis({ persistent: opts.persistentRedis })]);
  const db = createDb(pg.url, 5, 5, quietLog);
  await migrate(db, quietLog);
  const seeded = await seedTenants(db, [
    { slug: 'alpha', name: 'Alpha Builders' },
    { slug: 'beta', name: 'Beta Construction' },
  ]);
  const tenants = Object.fromEntries(seeded.map((t) => [t.slug, t]));
  const processes = new Set<ServiceProcess>();
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.DEBUG_SERVICES ? 'debug' : 'warn',
    ...extra,
  });
  const start = (service: string, extra: Record<string, string> = {}, args: string[] = []) => {
    const proc = spawnService(join(DIST_SERVICES, service, 'src', 'main.js'), args, env(extra));
    processes.add(proc);
    return proc;
  };
  return {
    databaseUrl: pg.url,
    redisUrl: redis.url,
    redis,
    db,
    log: quietLog,
    tenants,
    env,
    start,
    stop: async () => {
      await Promise.all([...processes].map((p) => p.kill('SIGKILL')));
      await db.end();
      await Promise.all([pg.stop(), redis.stop()]);
    },
  };
}

// Why: a service under test is a real process, so SIGKILL and SIGTERM mean what they mean in prod.
export function spawnService(script: string, args: string[], env: Record<string, string>, node = process.execPath): ServiceProcess {
  const child = spawn(node, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
    if (process.env.DEBUG_SERVICES) process.stderr.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Why: the suites that drive the stack and read its Redis stream start and stop both alike; `ready`
 * hands them over once started.
 */
export function withStackAndRedis(suite: { before(hook: () => Promise<void>): void; after(hook: () => Promise<void>): void }, ready: (stack: Stack, redis: Redis) => void): void {
  let stack: Stack | undefined;
  let redis: Redis | undefined;
  suite.before(async () => {
    stack = await startStack();
    redis = createRedis(stack.redisUrl, quietLog);
    ready(stack, redis);
  });
  suite.after(async () => {
    redis?.disconnect();
    await stack?.stop();
  });
}
