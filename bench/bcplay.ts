// The bc-play side of the comparison: the real CLI in its own process, as a user runs it, and the
// recap of its last JSON event; plus the check both tools' runs must pass to count.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecapCounts } from '../lib/engine/events.js';
import { measure, type Measured, type MeasureOptions } from './measure.js';

/** bin/bc-play.js of this checkout (dist/bench/ → ../../). */
export const BC_PLAY = join(fileURLToPath(new URL('../../', import.meta.url)), 'bin', 'bc-play.js');

/** Why: what `node bin/bc-play.js PLAYBOOK -i INVENTORY --json ARGS` costs, start to exit. */
export function runBcPlay(playbook: string, inventory: string, extraArgs: string[], options: MeasureOptions = {}): Promise<Measured> {
  return measure(process.execPath, [BC_PLAY, playbook, '-i', inventory, '--json', ...extraArgs], options);
}

/** Why: the last JSON line is `run-end`; its recap proves what the run did. */
export function bcPlayRecap(stdout: string): Map<string, RecapCounts> {
  const last = stdout.trim().split('\n').pop() ?? '';
  let event: { type?: string; recap?: Record<string, RecapCounts> };
  try {
    event = JSON.parse(last) as typeof event;
  } catch {
    throw new Error(`bc-play did not end with a JSON run-end event:\n${stdout.slice(-2000)}`);
  }
  if (event.type !== 'run-end' || !event.recap) throw new Error(`bc-play's last event is ${event.type}, not run-end`);
  return new Map(Object.entries(event.recap));
}

/**
 * Why: a first converge is mostly apt; what bc-play adds is what is left. With the hosts running
 * each task in parallel, a task takes as long as its slowest host: this sums that over the apt
 * tasks of a `--json` event stream.
 */
export function aptTaskMs(stdout: string): number {
  let apt = false;
  const slowest: number[] = []; // per apt task
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { type: string; module?: string; durationMs?: number };
    if (event.type === 'task-start') {
      apt = event.module === 'apt';
      if (apt) slowest.push(0);
    } else if (event.type === 'host-result' && apt) {
      slowest[slowest.length - 1] = Math.max(slowest[slowest.length - 1], event.durationMs ?? 0);
    }
  }
  return slowest.reduce((sum, v) => sum + v, 0);
}

/** A failed or unreachable host's line in bc-play's --json events or in Ansible's output. */
const FAILURE_LINE = /"status":"(failed|unreachable)"|^(fatal|failed):|UNREACHABLE!/;

type Counts = Pick<RecapCounts, 'changed' | 'failed' | 'unreachable'>;

/**
 * Why: a timing only counts when the run did what the scenario says: every host answered, none
 * failed, and (for a no-op scenario) nothing changed.
 */
export function checkRun(tool: string, run: Measured, recap: Map<string, Counts>, hosts: string[], expectNoChange: boolean): void {
  const problems: string[] = [];
  if (run.code !== 0) problems.push(`exit code ${run.code}`);
  for (const host of hosts) {
    const counts = recap.get(host);
    if (!counts) problems.push(`${host} missing from the recap`);
    else if (counts.failed || counts.unreachable) problems.push(`${host}: failed=${counts.failed} unreachable=${counts.unreachable}`);
    else if (expectNoChange && counts.changed) problems.push(`${host}: changed=${counts.changed} in a no-op run`);
  }
  if (problems.length) {
    // the failures themselves first: on 100 hosts they are rarely in the output's tail
    const failures = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => FAILURE_LINE.test(line)).slice(0, 5).map((line) => line.slice(0, 1500));
    const tail = `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`;
    throw new Error(`${tool} run does not count: ${problems.slice(0, 5).join('; ')}\n${failures.join('\n')}\n${tail}`);
  }
}
