// What systemd hands a service: the listening socket of its .socket unit (socket activation,
// LISTEN_FDS), and the readiness it waits for (Type=notify). Outside systemd both are no-ops.
import { spawn } from 'node:child_process';
import type { Logger } from './log.js';

/** The first file descriptor systemd passes (sd_listen_fds). */
const SD_LISTEN_FDS_START = 3;

/**
 * Why: the socket stays open in systemd across restarts, so connections that arrive while one
 * release stops and the next starts wait in its backlog instead of being refused.
 */
export function inheritedSocket(env: NodeJS.ProcessEnv = process.env, pid = process.pid): number | null {
  if (env.BC_LISTEN_FD) return Number(env.BC_LISTEN_FD);
  if (Number(env.LISTEN_PID) !== pid || Number(env.LISTEN_FDS) < 1) return null;
  return SD_LISTEN_FDS_START;
}

/**
 * Why: `systemctl restart` (and so the deploy's health check) returns only once the new release
 * serves. systemd-notify waits until systemd has the message (NotifyAccess=all in the unit).
 */
export async function notifyReady(log: Logger): Promise<void> {
  if (!process.env.NOTIFY_SOCKET) return;
  await new Promise<void>((resolve) => {
    const child = spawn('systemd-notify', ['--ready', `--pid=${process.pid}`], { stdio: 'ignore' });
    child.once('error', (err) => {
      log.warn('could not tell systemd the service is ready', { err });
      resolve();
    });
    child.once('exit', (code) => {
      if (code !== 0) log.warn('systemd-notify failed', { code });
      resolve();
    });
  });
}
