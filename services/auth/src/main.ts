// Entry of the auth bundle: `serve` (default) on PORT (8001).
import { createServer } from 'node:http';
import { readSettings } from '../../shared/config.js';
import { runCli } from '../../shared/cli.js';
import { createLogger } from '../../shared/log.js';
import { readLogLevel } from '../../shared/settings.js';
import { onShutdown } from '../../shared/shutdown.js';
import { handleAuth } from './app.js';

await runCli('auth', process.argv.slice(2), {
  serve: {
    usage: '(default: HTTP on PORT)',
    run: async () => {
      const s = readSettings(process.env, (r) => ({ host: r.string('HOST', '0.0.0.0'), port: r.int('PORT', 8001, 1, 65_535), level: readLogLevel(r) }));
      const log = createLogger('auth', s.level);
      const server = createServer(handleAuth);
      server.listen(s.port, s.host, () => log.info('listening', { host: s.host, port: s.port }));
      onShutdown(log, () => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }));
    },
  },
}, 'serve');
