// Entry of the engines-worker bundle: `run` (default), `migrate`.
import { runCli } from '../../shared/cli.js';
import { migrateCommand } from '../../shared/commands.js';
import { runDaemon } from '../../shared/daemon.js';
import { createLogger } from '../../shared/log.js';
import { startConsumer } from './consumer.js';
import { readWorkerSettings } from './settings.js';

await runCli('engines-worker', process.argv.slice(2), {
  run: {
    usage: '(default: consume the event stream into the engine tables until SIGTERM)',
    run: async () => {
      const s = readWorkerSettings(process.env);
      const log = createLogger('engines-worker', s.logLevel, { consumer: s.consumer });
      runDaemon(log, s.db, s.stream.redisUrl, (db, redis) => startConsumer(db, redis, s, log));
    },
  },
  migrate: migrateCommand('engines-worker', process.env),
}, 'run');
