// Handlers: run once, in definition order, on the hosts that notified them.
import { formatLocation } from '../errors.js';
import type { Play } from '../playbook/types.js';
import { inParallel } from './forks.js';
import { runTaskOnHost } from './run-task.js';
import type { HostRun, RunState } from './state.js';

/**
 * Why: a config changed by three tasks must reload its service once, after all three; a
 * handler notified by another handler in the same flush still runs (up to a few passes).
 */
export async function flushHandlers(run: RunState, play: Play, hosts: HostRun[]): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    // What was notified before this pass; handlers notifying others feed the next pass.
    const pending = new Map(hosts.map((h) => [h, new Set(h.notified)]));
    for (const h of hosts) h.notified.clear();
    if (![...pending.values()].some((names) => names.size > 0)) return;
    for (const handler of play.handlers) {
      const names = [handler.name, ...(handler.listen ? [handler.listen] : [])];
      const targets = hosts.filter((h) => h.state === 'active' && names.some((n) => pending.get(h)!.has(n)));
      if (targets.length === 0) continue;
      run.emit({ type: 'task-start', name: handler.name, module: handler.module, handler: true, location: formatLocation(handler.location) });
      await inParallel(targets, run.settings.forks, (h) => runTaskOnHost(run, play, handler, h));
    }
  }
  for (const h of hosts) h.notified.clear();
}
