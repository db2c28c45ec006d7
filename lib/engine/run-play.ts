// A play: its hosts in batches (serial), its sections with handler flushes, its failure limits.
import { formatError, formatLocation, UnreachableError } from '../errors.js';
import type { Play, Task } from '../playbook/types.js';
import { inParallel } from './forks.js';
import { leaveBlocks, runsBlockParts } from './blocks.js';
import { flushHandlers } from './handlers.js';
import { gatherAndPrefetch } from './prefetch.js';
import { runTaskOnHost } from './run-task.js';
import type { HostRun, RunSettings, RunState } from './state.js';

const PROGRESS_EVERY_MS = 10_000;

/** Why: tells the run whether a play hit max_fail_percentage, which ends the whole run. */
export type PlayOutcome = 'completed' | 'aborted';

/** Why: Ansible's linear strategy: each task runs on every host of the batch before the next starts. */
export async function runPlay(run: RunState, play: Play, hostNames: string[]): Promise<PlayOutcome> {
  run.emit({ type: 'play-start', name: play.name, hosts: hostNames });
  const hosts = hostNames.map((n) => run.hosts.get(n)!).filter((h) => h.state === 'active');
  for (const batch of serialBatches(hosts, play.serial)) {
    if ((await runBatch(run, play, batch)) === 'aborted') return 'aborted';
  }
  run.emit({ type: 'play-end', name: play.name });
  return 'completed';
}

/** Why: the pre-tasks, tasks and post-tasks that --tags and --skip-tags leave (meta tasks stay). */
export function selectedSections(play: Play, settings: Pick<RunSettings, 'tags' | 'skipTags'>): Task[][] {
  const selected = (tasks: Task[]): Task[] => tasks.filter((t) => t.module === 'meta' || isSelected(t, settings.tags, settings.skipTags));
  return [selected(play.preTasks), selected(play.tasks), selected(play.postTasks)];
}

async function runBatch(run: RunState, play: Play, batch: HostRun[]): Promise<PlayOutcome> {
  const sections = selectedSections(play, run.settings);
  if (play.gatherFacts) await gather(run, play, batch);
  let fatal = false;
  for (const section of sections) {
    let previous: Task | undefined;
    for (const task of section) {
      leaveBlocks(previous, task, batch);
      previous = task;
      const active = batch.filter((h) => h.state === 'active');
      if (active.length === 0) return fatal ? 'aborted' : 'completed';
      if (task.module === 'meta') {
        await flushHandlers(run, play, active);
        continue;
      }
      const inPart = active.filter((h) => runsBlockParts(task, h));
      if (inPart.length === 0) continue;
      run.emit({ type: 'task-start', name: task.name, module: task.module, handler: false, location: formatLocation(task.location) });
      const targets = task.runOnce ? inPart.slice(0, 1) : inPart;
      const before = task.runOnce ? { ...targets[0].registered } : undefined;
      const failures = targets.map(failuresOf);
      await withProgress(run, task, targets, (done) =>
        inParallel(targets, run.settings.forks, async (h) => {
          await runTaskOnHost(run, play, task, h);
          done(h.name);
        }),
      );
      if (before && targets.length) shareRunOnce(targets[0], inPart.slice(1), before);
      const failed = targets.filter((h, i) => failuresOf(h) > failures[i]);
      if (failed.length && (task.anyErrorsFatal ?? play.anyErrorsFatal)) {
        fatal = true;
        stopAll(run, task, failed, batch);
      }
      if (exceedsFailLimit(play, batch)) {
        run.emit({ type: 'warning', message: `max_fail_percentage ${play.maxFailPercentage}% exceeded in play "${play.name}": stopping` });
        return 'aborted';
      }
    }
    leaveBlocks(previous, undefined, batch);
    await flushHandlers(run, play, batch);
  }
  return fatal ? 'aborted' : 'completed';
}

/** A host's failures so far: failed or unreachable, rescued ones not counted. */
function failuresOf(host: HostRun): number {
  return host.recap.failed + host.recap.unreachable;
}

/**
 * Why: Ansible's any_errors_fatal: a failure no block rescued stops the play on every host
 * (counted failed only where it failed); a host in the rescue or always of a block it failed in
 * still finishes them, and no later play runs.
 */
function stopAll(run: RunState, task: Task, failed: HostRun[], batch: HostRun[]): void {
  run.emit({ type: 'warning', message: `any_errors_fatal: task "${task.name}" failed on ${failed.map((h) => h.name).join(', ')}: stopping the play on every host` });
  for (const h of batch) if (h.state === 'active' && h.blocks.size === 0) h.state = 'failed';
}

/** Why: as Ansible's run_once, what the one host registered or set is every batch host's result. */
function shareRunOnce(ran: HostRun, others: HostRun[], before: Record<string, unknown>): void {
  const changed = Object.keys(ran.registered).filter((k) => ran.registered[k] !== before[k]);
  for (const h of others) for (const k of changed) h.registered[k] = ran.registered[k];
}

async function gather(run: RunState, play: Play, batch: HostRun[]): Promise<void> {
  const started = Date.now();
  run.emit({ type: 'task-start', name: 'Gathering Facts', module: 'facts', handler: false, location: formatLocation(play.location) });
  await inParallel(batch, run.settings.forks, async (host) => {
    try {
      const keys = await gatherAndPrefetch(run, play, host);
      host.recap.ok += 1;
      run.emit({ type: 'host-result', task: 'Gathering Facts', host: host.name, status: 'ok', changes: [], diffs: [], commands: [], factsRead: keys, durationMs: Date.now() - started });
    } catch (error) {
      const unreachable = error instanceof UnreachableError;
      host.state = unreachable ? 'unreachable' : 'failed';
      host.recap[unreachable ? 'unreachable' : 'failed'] += 1;
      run.emit({ type: 'host-result', task: 'Gathering Facts', host: host.name, status: unreachable ? 'unreachable' : 'failed', changes: [], message: formatError(error), diffs: [], commands: [], factsRead: [], durationMs: Date.now() - started });
    }
  });
}

async function withProgress<T>(run: RunState, task: Task, hosts: HostRun[], work: (done: (host: string) => void) => Promise<T>): Promise<T> {
  const started = Date.now();
  const pending = new Set(hosts.map((h) => h.name));
  const timer = setInterval(() => {
    run.emit({ type: 'task-progress', task: task.name, hosts: [...pending], elapsedMs: Date.now() - started });
  }, run.settings.progressEveryMs ?? PROGRESS_EVERY_MS);
  try {
    return await work((host) => pending.delete(host));
  } finally {
    clearInterval(timer);
  }
}

/**
 * Why: Ansible's tag rules: `--tags` picks tasks with any listed tag (and `always`); a task
 * tagged `never` runs only when `--tags` names `never` or another of its tags; `--skip-tags`
 * wins over all of them.
 */
export function isSelected(task: Task, tags: string[], skipTags: string[]): boolean {
  if (task.tags.some((t) => skipTags.includes(t))) return false;
  const named = task.tags.some((t) => tags.includes(t));
  if (task.tags.includes('never')) return named;
  if (tags.length === 0 || tags.includes('all')) return true;
  return task.tags.includes('always') || named;
}

/** Why: rolling updates: `serial: 1`, `"30%"` or a list of sizes (the last one repeats). */
export function serialBatches<T>(hosts: T[], serial: Play['serial']): T[][] {
  if (serial === undefined) return hosts.length ? [hosts] : [];
  const sizes = (Array.isArray(serial) ? serial : [serial]).map((s) =>
    typeof s === 'string' && s.endsWith('%') ? Math.max(1, Math.floor((hosts.length * Number(s.slice(0, -1))) / 100)) : Number(s),
  );
  const batches: T[][] = [];
  for (let i = 0, b = 0; i < hosts.length; b++) {
    const size = sizes[Math.min(b, sizes.length - 1)];
    batches.push(hosts.slice(i, i + size));
    i += size;
  }
  return batches;
}

function exceedsFailLimit(play: Play, batch: HostRun[]): boolean {
  if (play.maxFailPercentage === undefined) return false;
  const failed = batch.filter((h) => h.state !== 'active').length;
  return (failed / batch.length) * 100 > play.maxFailPercentage;
}
