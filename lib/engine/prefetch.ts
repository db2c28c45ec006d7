// Facts are read ahead: whenever a host is asked for facts anyway, the same round trip also reads
// every fact the rest of the run will need there that the variables already determine. A run with
// nothing to change then costs about one round trip per host, however many plays it has.
import { hostFacts } from '../facts/host.js';
import type { FactSpec } from '../facts/fact.js';
import type { HostFacts } from '../facts/host.js';
import type { Play, Task } from '../playbook/types.js';
import type { Connection } from '../connection/connection.js';
import { DEFERRED } from './deferred.js';
import { readFacts } from './fact-batch.js';
import type { FactReader } from './fact-store.js';
import { baseDirOf, effectiveBecome, factsAhead, type Become } from './invocation.js';
import type { HostRun, RunState } from './state.js';
import { taskVars } from './task-vars.js';

/**
 * Why: the play's first contact with a host reads the host facts (once per run) together with
 * everything ahead; facts that need registered results or host facts are read when they can be.
 */
export async function gatherAndPrefetch(run: RunState, play: Play, host: HostRun): Promise<string[]> {
  const conn = await run.connect(host);
  const become = effectiveBecome(play);
  const reader = factReader(conn, become);
  const needed: FactSpec<unknown>[] = host.hostFacts ? [] : [hostFacts];
  const ahead = readAheadFor(run, host, play, undefined, become, reader);
  if (needed.length === 0 && ahead.length === 0) return [];
  const reading = await readFacts(conn, needed, become, ahead);
  if (reading.values.has(hostFacts.key)) host.hostFacts = reading.values.get(hostFacts.key) as HostFacts;
  for (const spec of ahead) if (reading.values.has(spec.key)) host.facts.remember(spec, reading.values.get(spec.key), reader);
  return reading.keys;
}

/** Why: facts are kept per reader; a root login reads the same with and without become. */
export function factReader(conn: Connection, become: Become): FactReader {
  if (typeof become === 'string') return `user=${become}`;
  return become || conn.loginIsRoot ? 'root' : 'login';
}

/**
 * Why: what a round trip to `host` can read besides what it is made for: the facts of the tasks
 * after `after` (all of `play` when undefined or a handler) and of the later plays on this host,
 * with the same become, that the current variables determine and that the store does not hold,
 * up to the first task that will run a program for real (command, shell without creates/removes,
 * its condition known to hold): once one ran, every fact is read again (FactStore.reread), so
 * reading past it would read the same facts twice. Past a command that may be skipped it reads
 * on: a run with nothing to change skips it. A guess that turns out unneeded costs a few
 * milliseconds on the host; a fact read ahead stays true because every change replaces the facts
 * about the objects it touches (fact-store.ts).
 */
export function readAheadFor(run: RunState, host: HostRun, play: Play, after: Task | undefined, become: Become, reader: FactReader): FactSpec<unknown>[] {
  if (run.settings.readAhead === false) return [];
  const specs = new Map<string, FactSpec<unknown>>();
  const schedule = run.schedule;
  const from = schedule.findIndex((s) => s.play === play);
  if (from < 0) return [];
  const later = laterRegisters(schedule, from, after);
  const ahead = (aheadPlay: Play, task: Task) => {
    const vars = { ...taskVars(run, aheadPlay, task, host), ...later, facts: host.hostFacts ?? DEFERRED };
    const scope = { mode: 'ahead' as const, host: host.name, vars, hostFacts: (host.hostFacts ?? DEFERRED) as HostFacts, diff: run.settings.diff, baseDir: baseDirOf(task, aheadPlay) };
    const found = factsAhead(task, scope);
    return { specs: found.specs, ends: found.runsProgram && runsForReal(run, task) };
  };
  for (let p = from; p < schedule.length; p++) {
    const { play: aheadPlay, hosts, tasks } = schedule[p];
    if (!hosts.has(host.name)) continue;
    const start = p === from && after ? tasks.indexOf(after) + 1 : 0; // a handler is not in tasks: 0
    // The task asking runs its program next: what it reads ahead would be read again after it.
    if (start > 0 && after && ahead(aheadPlay, after).ends) return [];
    for (const task of tasks.slice(start)) {
      const found = ahead(aheadPlay, task);
      if (effectiveBecome(aheadPlay, task) === become) {
        for (const spec of found.specs) if (!host.facts.has(spec.key, reader)) specs.set(spec.key, spec);
      }
      if (found.ends) return [...specs.values()];
    }
  }
  return [...specs.values()];
}

/** Why: a task's changes run on the host in a real run, and in --check only with check_mode: false. */
export function runsForReal(run: RunState, task: Task): boolean {
  return !run.settings.check || task.checkMode === false;
}

/** Registered names the run has not reached yet stand deferred, so their tasks read nothing ahead. */
function laterRegisters(schedule: RunState['schedule'], from: number, after: Task | undefined): Record<string, unknown> {
  const names = schedule.slice(from).flatMap((s) => s.tasks).filter((t) => t !== after && t.register).map((t) => t.register as string);
  return Object.fromEntries(names.map((n) => [n, DEFERRED]));
}
