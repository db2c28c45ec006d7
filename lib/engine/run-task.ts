// One task on one host: decide, read facts, plan, then apply the plan or (check mode) predict it.
import { BcError, CommandError, exitCodeMeaning, formatError, InputError, InternalError, UnreachableError } from '../errors.js';
import { condition, render } from '../playbook/expressions.js';
import type { FactSpec } from '../facts/fact.js';
import type { HostFacts } from '../facts/host.js';
import type { Change, FactView, Plan } from '../modules/module.js';
import type { Play, Task, Vars } from '../playbook/types.js';
import { readFacts } from './fact-batch.js';
import { keyLocation, keywordSite } from '../playbook/sites.js';
import { baseDirOf, effectiveBecome, invocation, label, NO_LOOP, type Become } from './invocation.js';
import { factReader, readAheadFor, runsForReal } from './prefetch.js';
import type { EngineEvent, HostStatus } from './events.js';
import type { HostRun, RunState } from './state.js';
import { A_COMMAND_NOT_RUN, ANYTHING_MAY_HAVE_CHANGED, UnknownFactError } from './fact-store.js';
import { unknownOutput, UnknownResultError } from './unknown-output.js';
import { taskVars } from './task-vars.js';
import { environmentPrefix } from './environment.js';
import { waitForConnection } from './connection-wait.js';
import { failInBlocks } from './blocks.js';
import { loopItem, loopResultKeys } from './loop-vars.js';
import { writeControllerFile } from './controller-files.js';

/** The outcome of one loop item (or the task, without a loop): what its event says, and its result. */
type ItemOutcome = Pick<Extract<EngineEvent, { type: 'host-result' }>, 'status' | 'item' | 'changes' | 'message' | 'notChecked' | 'diffs' | 'commands' | 'shown'> & {
  register: Vars;
  /** The loop item itself and its loop_control names (results[i].item), when the task loops. */
  loopKeys?: Vars;
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
    const e = task.noLog ? hidden(o) : o;
    run.emit({ type: 'host-result', task: task.name, host: host.name, status: e.status, item: e.item, changes: e.changes, message: e.message, ...(e.notChecked ? { notChecked: e.notChecked } : {}), shown: e.shown, diffs: e.diffs, commands: e.commands, factsRead, durationMs: Date.now() - started });
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
  const vars = taskVars(run, play, task, host);
  const inv = invocation(task, {
    mode: 'run',
    host: host.name,
    vars,
    hostFacts: host.hostFacts as HostFacts,
    diff: run.settings.diff,
    baseDir: baseDirOf(task, play),
    artifacts: run.artifacts,
  });
  if (inv.skipped) return [skippedOutcome()];
  const become = effectiveBecome(play, task);
  const prepared = inv.items.map((i) => ({ ...i, specs: i.holds ? inv.module.facts(i.args, i.ctx) : [] }));
  // delegate_to: the module runs on (and reads the facts of) another host, with this host's variables.
  const exec = delegateOf(run, task, vars, host);
  const wait = prepared.find((p) => p.holds);
  if (wait && inv.module.connectionWait) await waitForConnection(run, exec, inv.module.connectionWait(wait.args));
  const conn = await run.connect(exec);
  const reader = factReader(conn, become);
  const ensureFacts = async (specs: FactSpec<unknown>[]): Promise<void> => {
    const missing = exec.facts.missing(specs, reader);
    if (!missing.length) return;
    const ahead = exec === host ? readAheadFor(run, host, play, task, become, reader) : [];
    const reading = await readFacts(conn, missing, become, ahead);
    for (const spec of [...missing, ...ahead]) if (reading.values.has(spec.key)) exec.facts.remember(spec, reading.values.get(spec.key), reader);
    factsRead.push(...reading.keys);
  };
  await ensureFacts(prepared.flatMap((p) => p.specs));
  const view: FactView = { get: <T>(spec: { key: string }) => exec.facts.get(spec.key, reader) as T };
  const outcomes: ItemOutcome[] = [];
  for (const [i, p] of prepared.entries()) {
    let outcome: ItemOutcome;
    // loop_control.pause: between items, as Ansible (in check mode too).
    if (task.loopPauseMs && i > 0) await new Promise((resolve) => setTimeout(resolve, task.loopPauseMs));
    try {
      const attempt = async () => {
        // An earlier item's command makes every fact read again (FactStore.reread).
        await ensureFacts(p.specs);
        const plan = inv.module.plan(p.args, view, p.ctx);
        // delegate_facts: the delegated host keeps what set_fact sets; a registered result stays here.
        if (plan.setVars) Object.assign((task.delegateFacts ? exec : host).registered, plan.setVars);
        return applyPlan(run, task, exec, plan, become, p.vars);
      };
      outcome = !p.holds ? skippedOutcome() : task.until && !run.settings.check ? await untilHolds(task, p.vars, attempt) : await attempt();
    } catch (error) {
      const skipped = p.item === NO_LOOP ? undefined : unpredictable(run, task, host, error);
      if (skipped) outcome = skipped;
      else if (error instanceof UnreachableError || p.item === NO_LOOP) throw error;
      else outcome = failedOutcome(error);
    }
    if (p.item !== NO_LOOP) Object.assign(outcome, { item: itemLabel(task, p.vars), loopKeys: loopResultKeys(task, p.vars) });
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Why: Ansible's until/retries/delay: the task is planned and applied again (facts read anew)
 * until its condition holds over the result, on the host's one connection; the tries are
 * registered as `attempts`, and running out of them fails the task.
 */
async function untilHolds(task: Task, vars: Vars, attempt: () => Promise<ItemOutcome>): Promise<ItemOutcome> {
  const until = task.until!;
  for (let n = 1; ; n++) {
    const out = await attempt().catch((error: unknown) => {
      if (error instanceof UnreachableError || error instanceof InputError || error instanceof InternalError) throw error;
      return failedOutcome(error);
    });
    const holds = condition(until.condition, resultScope(task, vars, out.register), keywordSite(task, 'until'));
    out.register.attempts = n;
    if (holds) return out;
    if (n >= until.attempts) {
      return { ...out, status: 'failed', message: `until condition still false after ${n} attempts${out.message ? ` (${out.message})` : ''}`, register: { ...out.register, failed: true } };
    }
    await new Promise((resolve) => setTimeout(resolve, until.delayMs));
  }
}

/** The host a task's module runs on: its delegate_to (an inventory host, or localhost), else the host itself. */
function delegateOf(run: RunState, task: Task, vars: Vars, host: HostRun): HostRun {
  if (task.delegateTo === undefined) return host;
  const name = render(task.delegateTo, vars, keywordSite(task, 'delegate_to'));
  const found = run.hosts.get(String(name));
  if (!found) throw new InputError(`delegate_to of task "${task.name}" names "${String(name)}", which is not in the inventory`, keyLocation(task, 'delegate_to'));
  return found;
}

/** no_log: the status stays, what the task did or said is hidden (Ansible's wording). */
function hidden(o: ItemOutcome): ItemOutcome {
  const message = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
  return { ...o, item: o.item === undefined ? undefined : '(censored due to no_log)', changes: o.changes.map(() => message), message, shown: undefined, notChecked: undefined, diffs: [], commands: [] };
}

function skippedOutcome(): ItemOutcome {
  return { status: 'skipped', changes: [], diffs: [], commands: [], message: 'condition is false', register: { skipped: true, changed: false } };
}

function failedOutcome(error: unknown): ItemOutcome {
  return { status: 'failed', changes: [], diffs: [], commands: [], message: formatError(error), register: { failed: true, msg: formatError(error) } };
}

async function applyPlan(run: RunState, task: Task, host: HostRun, plan: Plan, become: Become, vars: Vars): Promise<ItemOutcome> {
  if (plan.skipped) return { ...skippedOutcome(), message: plan.reason, register: { ...plan.data, skipped: true, changed: false, msg: plan.reason } };
  const out: ItemOutcome = { status: 'ok', changes: [], diffs: [], commands: [], message: plan.reason, shown: plan.show, register: { ...plan.data } };
  const real = runsForReal(run, task);
  for (const warning of plan.warnings ?? []) run.emit({ type: 'warning', message: `${host.name}: task "${task.name}" ${warning}` });
  let result: { rc: number; stdout: string; stderr: string } | undefined;
  const env = environmentPrefix(task, vars);
  for (const change of plan.changes) {
    if (change.probe) {
      if (real) await runChange(run, host, change, become, out, false, env);
      else out.message = out.notChecked = `would ${change.summary}`;
      if (!real && change.result) out.outputUnknown = label(task);
      continue;
    }
    if (real && change.controllerWrite) writeControllerFile(change.controllerWrite.path, change.controllerWrite.content);
    if (real && change.command) {
      const r = await runChange(run, host, change, become, out, plan.commandRun, env);
      if (plan.commandRun) result = r;
    }
    if (!real && change.result) out.outputUnknown = label(task);
    const notRun = !real && plan.commandRun && task.changedWhen !== false;
    if (!real) {
      host.predicted = label(task);
      if (notRun || change.effects?.some((e) => 'unpredictable' in e)) host.unpredicted = label(task);
    }
    host.facts.apply([...(change.effects ?? []), ...(notRun ? A_COMMAND_NOT_RUN : [])], label(task), real && change.command !== undefined);
    out.changes.push(change.summary);
    if (change.diff && run.settings.diff) out.diffs.push(change.diff);
  }
  let changed = out.changes.length > 0;
  let failed = false;
  if (plan.commandRun && result) {
    Object.assign(out.register, result, { stdout_lines: lines(result.stdout), stderr_lines: lines(result.stderr) });
    const scope = resultScope(task, vars, out.register);
    failed = task.failedWhen !== undefined ? condition(task.failedWhen, scope, keywordSite(task, 'failed_when')) : result.rc !== 0;
    changed = task.changedWhen !== undefined ? condition(task.changedWhen, scope, keywordSite(task, 'changed_when')) : true;
    host.facts.reread();
    if (failed) out.message = formatError(new CommandError(host.name, out.commands.at(-1) ?? '', result.rc, result.stderr, result.stdout));
    if (failed && run.settings.check && host.predicted) return notPredictable(run, task, host, out, result);
  } else if (plan.commandRun && task.changedWhen === false) {
    // Not run (check mode), and declared read-only: the real run will report no change either.
    changed = false;
    out.message = out.notChecked = `would ${out.changes.join('; ')} (changed_when: false)`;
  } else if (!plan.commandRun && (task.changedWhen !== undefined || task.failedWhen !== undefined)) {
    // Every other module: its result is known (or predicted) here, so the keywords decide as in Ansible.
    const scope = resultScope(task, vars, { ...out.register, changed, failed: false });
    if (task.changedWhen !== undefined) changed = condition(task.changedWhen, scope, keywordSite(task, 'changed_when'));
    if (task.failedWhen !== undefined) failed = condition(task.failedWhen, scope, keywordSite(task, 'failed_when'));
    if (failed) out.message = `failed_when is true${out.message ? ` (${out.message})` : ''}`;
  }
  if (!changed) out.changes = [];
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

async function runChange(run: RunState, host: HostRun, change: Change, become: Become, out: ItemOutcome, tolerateExit = false, env = ''): Promise<{ rc: number; stdout: string; stderr: string }> {
  const conn = await run.connect(host);
  const command = env + (change.command ?? 'true');
  out.commands.push(command);
  const r = await conn.run(command, { stdin: change.stdin, become, timeoutMs: change.timeoutMs });
  if (r.code !== 0 && !tolerateExit) throw new CommandError(host.name, change.summary, r.code, r.stderr, r.stdout);
  if (change.result) Object.assign(out.register, change.result({ rc: r.code, stdout: r.stdout, stderr: r.stderr }));
  // As Ansible's command module: trailing line ends are not part of the output.
  return { rc: r.code, stdout: r.stdout.replace(/[\r\n]+$/, ''), stderr: r.stderr.replace(/[\r\n]+$/, '') };
}

/** Python's splitlines: a line per line end, empty lines kept, none for empty output. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split(/\r\n|\n|\r/);
}

function resultScope(task: Task, vars: Vars, result: Vars): Vars {
  return { ...vars, result, ...(task.register ? { [task.register]: result } : {}) };
}

function itemLabel(task: Task, vars: Vars): string {
  const label = task.loopLabel !== undefined ? render(task.loopLabel, vars, keywordSite(task, 'loop_control.label')) : loopItem(task, vars);
  return typeof label === 'object' ? JSON.stringify(label) : String(label);
}

function overall(outcomes: ItemOutcome[]): HostStatus {
  const order: HostStatus[] = ['unreachable', 'failed', 'changed', 'ok', 'skipped'];
  return order.find((s) => outcomes.some((o) => o.status === s)) ?? 'ok';
}

/**
 * Why: the recap reads as Ansible's: `ok` counts every task that did not fail or skip, changed
 * ones included (`ok=45 changed=33`); an ignored failure counts as `ok` and `ignored`, not `failed`,
 * and as `changed` too when it ran a change (a failed command: Ansible's result says changed).
 */
export function countInRecap(host: HostRun, status: HostStatus, ignoreErrors: boolean, attempted = false): void {
  if (status === 'failed' && ignoreErrors) {
    host.recap.ok += 1;
    host.recap.ignored += 1;
    if (attempted) host.recap.changed += 1;
    return;
  }
  host.recap[status] += 1;
  if (status === 'changed') host.recap.ok += 1;
}

function record(host: HostRun, task: Task, status: HostStatus, outcomes: ItemOutcome[]): void {
  // A failure inside blocks is theirs to handle (engine/blocks.ts); the host fails when it leaves them.
  const inBlock = status === 'failed' && !task.ignoreErrors && task.blocks !== undefined && !task.handler;
  if (inBlock) failInBlocks(task, host);
  else countInRecap(host, status, task.ignoreErrors, outcomes.some((o) => o.status === 'failed' && o.changes.length > 0));
  if (status === 'changed') for (const name of task.notify) host.notified.add(name);
  if (task.register) {
    const known = (o: ItemOutcome, value: Vars) => (o.outputUnknown ? unknownOutput(value, o.outputUnknown) : value);
    const single = outcomes.length === 1 && outcomes[0].item === undefined ? outcomes[0] : undefined;
    const base = single ? single.register : { results: outcomes.map((o) => known(o, { ...o.loopKeys, ...o.register })) };
    const value = { ...base, changed: status === 'changed', failed: status === 'failed', skipped: status === 'skipped' };
    host.registered[task.register] = single ? known(single, value) : value;
  }
  if (status === 'unreachable') host.state = 'unreachable';
  else if (status === 'failed' && !task.ignoreErrors && !inBlock) host.state = 'failed';
}
