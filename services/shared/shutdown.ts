// Graceful stop on SIGTERM/SIGINT: finish in-flight work, close pools, exit 0; a second signal
// or a stuck stop exits 1 so systemd is never left waiting forever.
import type { Logger } from './log.js';

// Why: each service registers its own stop(); the exit policy lives once, here.
export function onShutdown(log: Logger, stop: () => Promise<void>, graceMs = 15_000): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('stopping', { signal });
    const timer = setTimeout(() => {
      log.error('stop took too long, exiting', { graceMs });
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err) => {
        log.error('stop failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
