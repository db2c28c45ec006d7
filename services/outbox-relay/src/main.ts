// Entry of the outbox-relay bundle: `run` (default), `replay [--since id|time]`, `migrate`.
import { readSettings } from '../../shared/config.js';
import { runCli } from '../../shared/cli.js';
import { migrateCommand } from '../../shared/commands.js';
import { runDaemon } from '../../shared/daemon.js';
import { createDb } from '../../shared/db.js';
import { createLogger } from '../../shared/log.js';
import { createRedis } from '../../shared/redis.js';
import { readDatabase, readGroups, readLogLevel, readStream } from '../../shared/settings.js';
import { startRelay } from './relay.js';
import { parseSince, replay } from './replay.js';
import { readRelaySettings } from './settings.js';

await runCli('outbox-relay', process.argv.slice(2), {
  run: {
    usage: '(default: publish the outbox to the stream until SIGTERM)',
    run: async () => {
      const s = readRelaySettings(process.env);
      const log = createLogger('outbox-relay', s.logLevel);
      runDaemon(log, s.db, s.stream.redisUrl, (db, redis) => startRelay(db, redis, s, log));
    },
  },
  replay: {
    usage: '[--since <outbox id | ISO time>] (republish outbox events after Redis was lost)',
    run: async (args) => {
      const since = parseSince(args);
      const s = readSettings(process.env, (r) => {
        const stream = readStream(r);
        return { db: readDatabase(r, { poolSize: 1, poolOverflow: 0 }), stream, groups: readGroups(r, stream.group), level: readLogLevel(r) };
      });
      const log = createLogger('outbox-relay', s.level, { command: 'replay' });
      const db = createDb(s.db.databaseUrl, 1, 0, log);
      const redis = createRedis(s.stream.redisUrl, log);
      try {
        log.info('replay done', { events: await replay(db, redis, s.stream, s.groups, since, log) });
      } finally {
        await Promise.all([db.end(), redis.quit()]);
      }
    },
  },
  migrate: migrateCommand('outbox-relay', process.env),
}, 'run');
