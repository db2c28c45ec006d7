// Entry of the auth bundle: `serve` (default) on PORT (8001).
import { readSettings } from '../../shared/config.js';
import { runCli } from '../../shared/cli.js';
import { createLogger } from '../../shared/log.js';
import { readLogLevel } from '../../shared/settings.js';
import { onShutdown } from '../../shared/shutdown.js';
import { listenOn } from '../../shared/http/server.js';
import { notifyReady } from '../../shared/systemd.js';
import { createAuthApp } from './app.js';

await runCli('auth', process.argv.slice(2), {
  serve: {
    usage: '(default: HTTP on PORT)',
    run: async () => {
      const s = readSettings(process.env, (r) => ({ host: r.string('HOST', '0.0.0.0'), port: r.int('PORT', 8001, 1, 65_535), level: readLogLevel(r) }));
      const log = createLogger('auth', s.level);
      const app = await createAuthApp(log);
      await listenOn(app, log, s.host, s.port);
      await notifyReady(log);
      onShutdown(log, () => app.close());
    },
  },
}, 'serve');
