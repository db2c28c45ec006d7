// One task on one host: decide, read facts, plan, then apply the plan or (check mode) predict it.
import { BcError, CommandError, exitCodeMeaning, formatError, InputError, InternalError, UnreachableError } from '../errors.js';
import { condition, render } from '../playbook/expressions.js';
import type { FactSpec } from '../facts/fact.js';
import type { HostFacts } from '../facts/host.js';
import type { Change, FactView, Plan } from '../modules/module.js';
import type { Play, Task, Vars } from '../playbook/types.js';
import { readFacts } from './fact-batch.js';
import { keywordSite } from '../playbook/sites.js';
import { baseDirOf, effectiveBecome, invocation, label, NO_LOOP } from './invocation.js';
import { factReader, readAheadFor } from './prefetch.js';
import type { EngineEvent, HostStatus } from './events.js';
import type { HostRun, RunState } from './state.js';
import { ANYTHING_MAY_HAVE_CHANGED, UnknownFactError } from './fact-store.js';
import { unknownOutput, UnknownResultError } from './unknown-output.js';
import { taskVars } from './task-vars.js';

/** The outcome of one loop item (or the task, without a loop): what its event says, and its result. */
type ItemOutcome = Pick<Extract<EngineEvent, { type: 'host-result' }>, 'status' | 'item' | 'changes' | 'message' | 'notChecked' | 'diffs' | 'commands'> & {
  register: Vars;
  /** Check mode did not run this command: its output is unknown, said in the name of this task. */
  outputUnknown?: string;
};

/**
 * Why: the heart of the plan/apply loop. Everything a module decides comes from plan(); this
 * function only reads facts, runs or predicts the changes, and reports. No module sees `check`.
 */
export async function runTaskOnHost(run: RunState, play: Play, task: Task, host: HostRun): Promise<HostStatus> {
  const started = Date.now();
  const factsRead: string[] = [];
  let outcomes: ItemOutcome[];
  try {
    outcomes = await outcomesFor(run, play, task, host, factsRead);
  } catch (error) {
    const unreachable = error instanceof UnreachableError;
    // A change that failed half-way leaves the host in a state no effect predicted: read it again.
    host.facts.apply(ANYTHING_MAY_HAVE_CHANGED, label(task));
    outcomes = [
      unpredictable(run, task, host, error) ??
        { status: unreachable ? 'unreachable' : 'failed', changes: [], diffs: [], commands: [], message: formatError(error), register: { failed: true, msg: formatError(error) } },
    ];
  }
  for (const o of outcomes) {
    run.emit({ type: 'host-result', task: task.name, host: host.name, status: o.status, item: o.item, changes: o.changes, message: o.message, ...(o.notChecked ? { notChecked: o.notChecked } : {}), diffs: o.diffs, commands: o.commands, factsRead, durationMs: Date.now() - started });
  }
  const status = overall(outcomes);
  record(host, task, status, outcomes);
  return status;
}

/**
 * Why: check mode cannot know what a command it did not run (or a package it did not install)
 * leaves behind; a later task that cannot plan without it (a key file the command writes) is
 * reported, with a warning, as not predictable, naming the last such task, instead of as a
 * failure the real run will not have.
 */
function unpredictable(run: RunState, task: Task, host: HostRun, error: unknown): ItemOutcome | undefined {
  if (!run.settings.check || !(error instanceof BcError)) return undefined;
  const known = error instanceof UnknownFactError || error instanceof UnknownResultError;
  if (!known && (!host.unpredicted || error instanceof InputError || error instanceof InternalError || error instanceof UnreachableError)) return undefined;
  const message = known ? error.message : `cannot be predicted: ${formatError(error)}\n  check mode did not run task ${host.unpredicted}, which may provide it`;
  run.emit({ type: 'warning', message: `${host.name}: task "${task.name}" ${message}` });
  return { status: 'skipped', changes: [], diffs: [], commands: [], message, register: { skipped: true, changed: false } };
}

async function outcomesFor(run: RunState, play: Play, task: Task, host: HostRun, factsRead: string[]): Promise<ItemOutcome[]> {
  const inv = invocation(task, {
    mode: 'run',
    host: host.name,
    vars: taskVars(run, play, task, host),
    hostFacts: host.hostFacts as HostFacts,
    diff: run.settings.diff,
    baseDir: baseDirOf(task, run.playbook.dir),
    artifacts: run.artifacts,
  });
  if (inv.skipped) {
    return [{ status: 'skipped', changes: [], diffs: [], commands: [], message: 'condition is false', register: { skipped: true, changed: false } }];
  }
  const become = effectiveBecome(play, task);
  const prepared = inv.items.map((i) => ({ ...i, specs: inv.module.facts(i.args, i.ctx) }));
  const conn = await run.connect(host);
  const reader = factReader(conn, become);
  const ensureFacts = async (specs: FactSpec<unknown>[]): Promise<void> => {
    const missing = host.facts.missing(specs, reader);
    if (!missing.length) return;
    const ahead = readAheadFor(run, host, play, task, become, reader);
    const reading = await readFacts(conn, missing, become, ahead);
    for (const spec of [...missing, ...ahead]) if (reading.values.has(spec.key)) host.facts.remember(spec, reading.values.get(spec.key), reader);
    factsRead.push(...reading.keys);
  };
  await ensureFacts(prepared.flatMap((p) => p.specs));
  const view: FactView = { get: <T>(spec: { key: string }) => host.facts.get(spec.key, reader) as T };
  const outcomes: ItemOutcome[] = [];
  for (const p of prepared) {
    let outcome: ItemOutcome;
    try {
      // An earlier item's command makes every fact read again (FactStore.reread).
      await ensureFacts(p.specs);
      outcome = await applyPlan(run, task, host, inv.module.plan(p.args, view, p.ctx), become, p.vars);
    } catch (error) {
      const skipped = p.item === NO_LOOP ? undefined : unpredictable(run, task, host, error);
      if (skipped) outcome = skipped;
      else if (error instanceof UnreachableError || p.item === NO_LOOP) throw error;
      else outcome = { status: 'failed', changes: [], diffs: [], commands: [], message: formatError(error), register: { failed: true, msg: formatError(error) } };
    }
    if (p.item !== NO_LOOP) outcome.item = itemLabel(task, p.vars);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function applyPlan(run: RunState, task: Task, host: HostRun, plan: Plan, become: boolean, vars: Vars): Promise<ItemOutcome> {
  const out: ItemOutcome = { status: 'ok', changes: [], diffs: [], commands: [], message: plan.reason, register: { ...plan.data } };
  const real = !run.settings.check || task.checkMode === false;
  for (const warning of plan.warnings ?? []) run.emit({ type: 'warning', message: `${host.name}: task "${task.name}" ${warning}` });
  let result: { rc: number; stdout: string; stderr: string } | undefined;
  for (const change of plan.changes) {
    if (change.probe) {
      if (real) await runChange(run, host, change, become, out);
      else out.message = out.notChecked = `would ${change.summary}`;
      continue;
    }
    if (real && change.command) {
      const r = await runChange(run, host, change, become, out, plan.commandRun);
      if (plan.commandRun) result = r;
    } else if (!real) {
      host.predicted = label(task);
      if ((plan.commandRun && task.changedWhen !== false) || change.effects?.some((e) => 'unpredictable' in e)) host.unpredicted = label(task);
    }
    host.facts.apply(change.effects ?? [], label(task));
    out.changes.push(change.summary);
    if (change.diff && run.settings.diff) out.diffs.push(change.diff);
  }
  let changed = out.changes.length > 0;
  let failed = false;
  if (plan.commandRun && result) {
    const scope = { ...vars, result, ...(task.register ? { [task.register]: result } : {}) };
    failed = task.failedWhen !== undefined ? condition(task.failedWhen, scope, keywordSite(task, 'failed_when')) : result.rc !== 0;
    changed = task.changedWhen !== undefined ? condition(task.changedWhen, scope, keywordSite(task, 'changed_when')) : true;
    host.facts.reread();
    Object.assign(out.register, result, { stdout_lines: result.stdout.split('\n').filter(Boolean) });
    if (failed) out.message = formatError(new CommandError(host.name, out.commands.at(-1) ?? '', result.rc, result.stderr, result.stdout));
    if (failed && run.settings.check && host.predicted) return notPredictable(run, task, host, out, result);
    if (!changed) out.changes = [];
  } else if (plan.commandRun && task.changedWhen === false) {
    // Not run (check mode), and declared read-only: the real run will report no change either.
    changed = false;
    out.message = out.notChecked = `would ${out.changes.join('; ')} (changed_when: false)`;
    out.changes = [];
  }
  out.status = failed ? 'failed' : changed ? 'changed' : 'ok';
  Object.assign(out.register, { changed, failed, skipped: false });
  // Check mode did not run the command: what it would print nobody knows, and a task that reads it is not predictable.
  if (plan.commandRun && !result && plan.changes.length > 0) out.outputUnknown = label(task);
  return out;
}

/**
 * Why: in --check a check_mode: false command runs on a host that earlier changes were only
 * predicted for (`pgbouncer --version` before pgbouncer is installed): its failure says nothing
 * about the real run, so the task is skipped with a warning that names the task it may need.
 */
function notPredictable(run: RunState, task: Task, host: HostRun, out: ItemOutcome, result: { rc: number; stdout: string; stderr: string }): ItemOutcome {
  const message = `cannot be predicted: its command failed with exit code ${result.rc} (${exitCodeMeaning(result.rc)})\n  check mode did not run task ${host.predicted}, which may provide what it needs`;
  run.emit({ type: 'warning', message: `${host.name}: task "${task.name}" ${message}` });
  return { ...out, status: 'skipped', changes: [], message, register: { ...out.register, ...result, skipped: true, changed: false, failed: false }, outputUnknown: label(task) };
}

async function runChange(run: RunState, host: HostRun, change: Change, become: boolean, out: ItemOutcome, tolerateExit = false): Promise<{ rc: number; stdout: string; stderr: string }> {
  const conn = await run.connect(host);
  const command = change.command ?? 'true';
  out.commands.push(command);
  const r = await conn.run(command, { stdin: change.stdin, become, timeoutMs: change.timeoutMs });
  if (r.code !== 0 && !tolerateExit) throw new CommandError(host.name, change.summary, r.code, r.stderr, r.stdout);
  return { rc: r.code, stdout: r.stdout, stderr: r.stderr };
}

function itemLabel(task: Task, vars: Vars): string {
  const label = task.loopLabel !== undefined ? render(task.loopLabel, vars, keywordSite(task, 'loop_control.label')) : vars.item;
  return typeof label === 'object' ? JSON.stringify(label) : String(label);
}

function overall(outcomes: ItemOutcome[]): HostStatus {
  const order: HostStatus[] = ['unreachable', 'failed', 'changed', 'ok', 'skipped'];
  return order.find((s) => outcomes.some((o) => o.status === s)) ?? 'ok';
}

function record(host: HostRun, task: Task, status: HostStatus, outcomes: ItemOutcome[]): void {
  host.recap[status] += 1;
  if (status === 'changed') for (const name of task.notify) host.notified.add(name);
  if (task.register) {
    const known = (o: ItemOutcome, value: Vars) => (o.outputUnknown ? unknownOutput(value, o.outputUnknown) : value);
    const single = outcomes.length === 1 && outcomes[0].item === undefined ? outcomes[0] : undefined;
    const base = single ? single.register : { results: outcomes.map((o) => known(o, { item: o.item, ...o.register })) };
    const value = { ...base, changed: status === 'changed', failed: status === 'failed', skipped: status === 'skipped' };
    host.registered[task.register] = single ? known(single, value) : value;
  }
  if (status === 'unreachable') host.state = 'unreachable';
  else if (status === 'failed' && !task.ignoreErrors) host.state = 'failed';
}
