// PostgreSQL access: a pool with a steady size plus short-lived overflow connections (the
// SQLAlchemy pool_size/max_overflow the topology budgets), and one transaction helper.
import pg from 'pg';
import type { Logger } from './log.js';

export type Client = pg.PoolClient;

export interface Db {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  connect(): Promise<Client>;
  end(): Promise<void>;
}

// Why: overflow connections close after a second idle, so a burst does not hold the budget.
export function createDb(url: string, size: number, overflow: number, log: Logger): Db {
  // A database that does not answer fails a request after 5 s (a 503) instead of holding it forever.
  const steady = new pg.Pool({ connectionString: url, max: size, idleTimeoutMillis: 0, connectionTimeoutMillis: 5_000 });
  const burst = overflow > 0 ? new pg.Pool({ connectionString: url, max: overflow, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5_000 }) : null;
  for (const pool of [steady, burst]) pool?.on('error', (err) => log.warn('idle database connection failed', { err }));

  const pick = () => {
    const steadyFree = steady.idleCount > 0 || steady.totalCount < size;
    if (steadyFree || !burst || burst.totalCount >= overflow) return steady;
    return burst;
  };
  return {
    query: (text, params) => pick().query(text, params),
    connect: () => pick().connect(),
    end: async () => {
      await Promise.all([steady.end(), burst?.end()]);
    },
  };
}

// Why: every domain change and its outbox event commit or roll back together through here.
export async function withTransaction<T>(db: Db, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/;

/** Why: "the database is down or overloaded" is a 503 to retry, not a 500 bug; pg reports it in several shapes. */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string' && DOWN_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && DOWN_MESSAGES.test(e.message)) return true;
  return Array.isArray(e.errors) && e.errors.some(isUnavailable);
}
