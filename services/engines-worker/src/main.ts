// Entry of the engines-worker bundle: `run` (default), `migrate`, `status`.
import { printReport, runCli } from '../../shared/cli.js';
import { readSettings } from '../../shared/config.js';
import { createRedis } from '../../shared/redis.js';
import { readLogLevel, readStream } from '../../shared/settings.js';
import { migrateCommand } from '../../shared/commands.js';
import { runDaemon } from '../../shared/daemon.js';
import { createLogger } from '../../shared/log.js';
import { startConsumer } from './consumer.js';
import { readWorkerSettings } from './settings.js';
import { formatStatus, streamStatus } from './stream-status.js';

await runCli('engines-worker', process.argv.slice(2), {
  run: {
    usage: '(default: consume the event stream into the engine tables until SIGTERM)',
    run: async () => {
      const s = readWorkerSettings(process.env);
      const log = createLogger('engines-worker', s.logLevel, { engine: s.engine, group: s.stream.group, consumer: s.consumer });
      runDaemon(log, s.db, s.stream.redisUrl, (db, redis) => startConsumer(db, redis, s, log));
    },
  },
  migrate: migrateCommand('engines-worker', process.env),
  status: {
    usage: "(the stream's length; each consumer group's lag and pending entries; each consumer's pending and idle time)",
    run: async () => {
      const s = readSettings(process.env, (r) => ({ stream: readStream(r), level: readLogLevel(r) }));
      const redis = createRedis(s.stream.redisUrl, createLogger('engines-worker', s.level));
      try {
        const silent = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 5 s')), 5000).unref());
        await printReport(formatStatus(await Promise.race([streamStatus(redis, s.stream.stream), silent])));
      } finally {
        redis.disconnect();
      }
    },
  },
}, 'run');
