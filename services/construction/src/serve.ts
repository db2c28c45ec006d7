// Serving with N worker processes (node:cluster) sharing the port, each with its own pool. Under
// systemd the port is the .socket unit's (inherited, fd 3): the primary holds it, the workers
// accept through it, and systemd hears "ready" once every worker listens.
// SIGTERM: stop accepting, finish in-flight requests (answered with Connection: close), close the
// pool, exit 0.
import cluster from 'node:cluster';
import { createDb } from '../../shared/db.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { onShutdown } from '../../shared/shutdown.js';
import { inheritedSocket, notifyReady } from '../../shared/systemd.js';
import { listenOn } from '../../shared/http/server.js';
import { createApp } from './http/app.js';
import type { ConstructionSettings } from './settings.js';

async function serveWorker(s: ConstructionSettings, log: Logger): Promise<void> {
  const db = createDb(s.db.databaseUrl, s.db.poolSize, s.db.poolOverflow, log);
  const app = await createApp(db, log);
  await listenOn(app, log, s.host, s.port);
  // A worker whose primary vanished (SIGKILL, crash) stops too instead of serving as an orphan.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  onShutdown(log, async () => {
    await app.close();
    await db.end();
  });
}

function superviseWorkers(s: ConstructionSettings, log: Logger): void {
  let stopping = false;
  let listening = 0;
  const fd = inheritedSocket();
  const env = fd === null ? {} : { BC_LISTEN_FD: String(fd) };
  // Each worker accepts on the shared socket itself: with round-robin the primary would accept
  // connections during a stop and reset them once no worker takes them any more.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < s.workers; i += 1) cluster.fork(env);
  cluster.on('listening', () => {
    listening += 1;
    if (listening === s.workers) void notifyReady(log).then(() => log.info('ready', { workers: s.workers }));
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error('app worker died, starting another', { workerPid: worker.process.pid, code, signal });
    cluster.fork(env);
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
  log.info('started app workers', { workers: s.workers, port: s.port, inheritedSocket: fd !== null });
}

// Why: the primary only supervises; each worker serves with its own pool (the topology's budget).
export async function serve(s: ConstructionSettings): Promise<void> {
  const log = createLogger('construction', s.logLevel, { role: cluster.isPrimary ? 'primary' : 'worker', pid: process.pid });
  if (cluster.isPrimary) superviseWorkers(s, log);
  else await serveWorker(s, log);
}
