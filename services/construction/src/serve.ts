// Serving with N worker processes (node:cluster) sharing the port, each with its own pool.
// SIGTERM: stop accepting, finish in-flight requests, close the pool, exit 0.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { createDb } from '../../shared/db.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { onShutdown } from '../../shared/shutdown.js';
import { createApp } from './http/app.js';
import type { ConstructionSettings } from './settings.js';

function serveWorker(s: ConstructionSettings, log: Logger): void {
  const db = createDb(s.db.databaseUrl, s.db.poolSize, s.db.poolOverflow, log);
  const app = createApp(db, log);
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => void app(req, res));
  server.listen(s.port, s.host, () => log.info('listening', { host: s.host, port: s.port }));
  // A worker whose primary vanished (SIGKILL, crash) stops too instead of serving as an orphan.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  onShutdown(log, async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await db.end();
  });
}

function superviseWorkers(s: ConstructionSettings, log: Logger): void {
  let stopping = false;
  for (let i = 0; i < s.workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error('app worker died, starting another', { pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  onShutdown(log, async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (!w || w.isDead()) return resolve();
      w.once('exit', () => resolve());
      w.process.kill('SIGTERM');
    })));
  });
  log.info('started app workers', { workers: s.workers, port: s.port });
}

// Why: the primary only supervises; each worker serves with its own pool (the topology's budget).
export function serve(s: ConstructionSettings): void {
  const log = createLogger('construction', s.logLevel, { role: cluster.isPrimary ? 'primary' : 'worker', pid: process.pid });
  if (cluster.isPrimary) superviseWorkers(s, log);
  else serveWorker(s, log);
}
