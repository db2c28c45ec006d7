// Reaching a host again: its one connection is closed and opened anew until a command runs there.
import { BcError, UnreachableError } from '../errors.js';
import type { ConnectionWait } from '../modules/module.js';
import type { HostRun, RunState } from './state.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Why: wait_for_connection. A host that is booting (or went away with a reboot) is unreachable
 * for a while; the task tries again until `true` runs there, then every fact of the host is read
 * again (the host may have restarted). Running out of time fails the task with the last reason;
 * a refusal that stays (a host key not known or changed) leaves the host unreachable at once.
 */
export async function waitForConnection(run: RunState, host: HostRun, wait: ConnectionWait): Promise<void> {
  const started = Date.now();
  await sleep(wait.delayMs);
  for (let tries = 1; ; tries++) {
    let reason: string;
    try {
      const result = await (await run.connect(host)).run('true');
      if (result.code === 0) {
        if (tries > 1) host.facts.reread();
        return;
      }
      reason = `true exited ${result.code}`;
    } catch (error) {
      if (!(error instanceof UnreachableError) || error.lasting) throw error;
      reason = error.message;
      await run.disconnect(host);
    }
    if (Date.now() - started + wait.sleepMs >= wait.timeoutMs) {
      throw new BcError(`timed out waiting for the connection after ${Math.round((Date.now() - started) / 1000)} s (${tries} tries): ${reason}`);
    }
    await sleep(wait.sleepMs);
  }
}
