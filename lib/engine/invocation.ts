// A task on a host, from its variables to the facts its module will read: `when`, loop items,
// rendered and validated arguments, plan context. Precheck, read-ahead and the run compute it
// here alike; only what each does with a value not known yet differs (see InvocationMode).
import { readFileSync } from 'node:fs';
import { BcError, formatLocation, InputError, InternalError } from '../errors.js';
import { artifactKey, type Artifact, type ArtifactRequest } from '../artifacts/artifacts.js';
import type { FactSpec } from '../facts/fact.js';
import type { HostFacts } from '../facts/host.js';
import { MODULES } from '../modules/registry.js';
import type { ModuleDefinition, PlanContext } from '../modules/module.js';
import { requireSource } from '../playbook/controller-files.js';
import { condition, lazyScope, render, type ExpressionSite } from '../playbook/expressions.js';
import { argumentsSite, keywordSite, loopList, whenHolds } from '../playbook/sites.js';
import type { Play, Task, Vars } from '../playbook/types.js';
import { validateAt } from '../schema/validate.js';
import { renderTemplateFile } from '../template.js';
import { controllerPath } from './controller-files.js';
import { containsDeferred, DEFERRED } from './deferred.js';
import { loopItemVars } from './loop-vars.js';

/**
 * run: every value is known and every error is the task's. precheck: run-time values
 * (facts, registered results) are DEFERRED; `when` is checked but never skips, and arguments
 * are validated where no deferred part remains. ahead: a guess at the facts a later task will
 * need; what cannot be known yet (deferred arguments, an error the task will report at its own
 * turn) reads nothing ahead, a bug of ours still fails loudly.
 */
export type InvocationMode = 'run' | 'precheck' | 'ahead';

/** What computing a task on a host needs: its variables and where its controller files are. */
export interface InvocationScope {
  mode: InvocationMode;
  host: string;
  vars: Vars;
  hostFacts: HostFacts;
  diff: boolean;
  /** The folder relative files and templates are found in: the role's, or the playbook's. */
  baseDir: string;
  /** What the run prepared on the controller before planning (engine/artifacts.ts). */
  artifacts?: ReadonlyMap<string, Artifact>;
}

/** One loop item of a task (or the task itself, without a loop), ready to plan. */
export interface ItemCall {
  item: unknown;
  /** Its `when` (evaluated per item, as Ansible does): false items are skipped, except in precheck. */
  holds: boolean;
  vars: Vars;
  args: unknown;
  ctx: PlanContext;
}

/** A task computed on a host: skipped by its condition, or its module and items. */
export type Invocation = { skipped: true } | { skipped: false; module: ModuleDefinition<unknown>; items: ItemCall[] };

/** Why: the loop item stand-in of a task without a loop, so every task has items. */
export const NO_LOOP = Symbol('no loop');

/** Why: the one computation of a task on a host that precheck, read-ahead and the run share. */
export function invocation(task: Task, scope: InvocationScope): Invocation {
  const module = MODULES.get(task.module) as ModuleDefinition<unknown> | undefined;
  const items = loopItems(task, scope);
  if (items === undefined) return { skipped: true };
  // Precheck sees deferred values; a false condition there may be true at run time, so it does not skip.
  const calls = items.map((item, index) => {
    const vars = item === NO_LOOP ? scope.vars : { ...scope.vars, ...loopItemVars(task, items, index) };
    return { item, vars, holds: whenHolds(task, vars) };
  });
  // A loop whose items are all false is reported per item, as Ansible; a task without one, skipped.
  const oneCall = calls.length === 0 || calls[0].item === NO_LOOP;
  if (scope.mode !== 'precheck' && oneCall && calls.every((c) => !c.holds)) return { skipped: true };
  if (!module) throw new InputError(`unknown module "${task.module}"`, task.location);
  return {
    skipped: false,
    module,
    items: calls.map(({ item, vars, holds }) => {
      if (!holds && scope.mode !== 'precheck') return { item, vars, holds, args: undefined, ctx: planContext(task, scope, vars) };
      const args = render(task.args, vars, argumentsSite(task));
      if (scope.mode === 'precheck') precheckKeywords(task, vars);
      // Arguments of a task whose condition is false may be meant for other hosts: precheck leaves them to the run.
      if (scope.mode === 'run' || (holds && !containsDeferred(args))) {
        validateAt(module.schema, args, { yaml: task.source.yaml, path: [...task.source.path, task.module], what: `arguments of ${task.module}` });
      }
      return { item, vars, holds, args, ctx: planContext(task, scope, vars) };
    }),
  };
}

/**
 * Why: the facts a later task will read, computed now for the round trip under way; [] when
 * they depend on what is not known yet. Only user-level errors are the task's to report later.
 * `runsProgram`: the task will run a program (module.runsProgramSurely), after which every fact
 * is read again anyway; false when that is not known yet (a condition on a registered result).
 */
export function factsAhead(task: Task, scope: InvocationScope): { specs: FactSpec<unknown>[]; runsProgram: boolean } {
  try {
    const inv = invocation(task, scope);
    if (inv.skipped) return { specs: [], runsProgram: false };
    const known = inv.items.filter((i) => i.holds && !containsDeferred(i.args) && i.item !== DEFERRED);
    const specs = known.flatMap((i) => inv.module.facts(i.args, i.ctx));
    return { specs, runsProgram: known.some((i) => inv.module.runsProgramSurely?.(i.args) === true) };
  } catch (error) {
    if (error instanceof BcError) return { specs: [], runsProgram: false };
    throw new InternalError(`reading ahead for task "${task.name}" (${formatLocation(task.location)}): ${(error as Error).stack ?? error}`);
  }
}

/**
 * Why: what precheck finds before any host is touched: undefined variables in conditions,
 * loops, arguments and templates, invalid arguments, controller files that do not exist.
 * Returns, from the same pass, what the task asks the run to prepare on the controller.
 */
export function precheckTask(task: Task, scope: InvocationScope): ArtifactRequest[] {
  const inv = invocation(task, { ...scope, mode: 'precheck' });
  if (inv.skipped) return [];
  const requests: ArtifactRequest[] = [];
  for (const item of inv.items) {
    if (item.item === DEFERRED) continue;
    for (const input of inv.module.controllerInputs?.(item.args) ?? []) {
      if (containsDeferred(input.path) || (!item.holds && input.kind === 'files')) continue;
      requireSource(task, scope.baseDir, input.path, input.kind);
      if (input.kind === 'templates') item.ctx.renderTemplate(input.path);
    }
    const wanted = inv.module.artifacts?.(item.args) ?? [];
    if (containsDeferred(wanted)) {
      throw new InputError(`task "${task.name}": what ${task.module} ships must be known before the run; it may not depend on facts or registered results`, task.location);
    }
    requests.push(...wanted);
  }
  return requests;
}

/** Why: where a task is on its way, so a failure can say what it was doing. */
export function taskSite(task: Task, what = `task "${task.name}"`): ExpressionSite {
  return { location: task.location, context: what };
}

/** Why: how warnings and unknown facts name a task: `"name" (file:line:col)`. */
export function label(task: Task): string {
  return `"${task.name}" (${formatLocation(task.location)})`;
}

/** Who a task's commands run as: the login (false), root (true), or become_user's name. */
export type Become = boolean | string;

/** Why: become set on the task wins over the role use, which wins over the play; become_user likewise, and only with become. */
export function effectiveBecome(play: Play, task?: Task): Become {
  const become = task?.become ?? task?.roleUse?.become ?? play.become ?? false;
  const user = task?.becomeUser ?? play.becomeUser;
  return become && user !== undefined && user !== 'root' ? user : become;
}

/** Why: the folder a task's relative files and templates come from: its role's, or its playbook's. */
export function baseDirOf(task: Task, play: Play): string {
  return task.roleUse ? task.roleUse.role.dir : play.dir;
}

/**
 * The items of a task's loop ([NO_LOOP] without one). As in Ansible, a loop that cannot be
 * computed is an error only when the task's condition (without `item`) would let it run:
 * undefined means the task is skipped.
 */
function loopItems(task: Task, scope: InvocationScope): unknown[] | undefined {
  if (task.loop === undefined) return [NO_LOOP];
  let items: unknown;
  try {
    items = render(task.loop, scope.vars, keywordSite(task, 'loop'));
  } catch (error) {
    if (!(error instanceof BcError) || conditionWithoutItem(task, scope.vars)) throw error;
    // Precheck cannot tell a false condition from one that reads deferred values: the run decides.
    return scope.mode === 'precheck' ? [DEFERRED] : undefined;
  }
  if (scope.mode !== 'run' && !Array.isArray(items) && containsDeferred(items)) return [DEFERRED];
  return loopList(task, items);
}

function conditionWithoutItem(task: Task, vars: Vars): boolean {
  try {
    return whenHolds(task, vars);
  } catch {
    return true;
  }
}

/** Precheck: names in the label and in changed_when / failed_when (with `result` deferred) must be defined. */
function precheckKeywords(task: Task, vars: Vars): void {
  if (task.loopLabel !== undefined) render(task.loopLabel, vars, keywordSite(task, 'loop_control.label'));
  if (task.environment !== undefined) render(task.environment, vars, keywordSite(task, 'environment'));
  const after = { ...vars, result: DEFERRED };
  if (task.changedWhen !== undefined) condition(task.changedWhen, after, keywordSite(task, 'changed_when'));
  if (task.failedWhen !== undefined) condition(task.failedWhen, after, keywordSite(task, 'failed_when'));
  if (task.until !== undefined) condition(task.until.condition, after, keywordSite(task, 'until'));
}

function planContext(task: Task, scope: InvocationScope, vars: Vars): PlanContext {
  return {
    host: scope.host,
    hostFacts: scope.hostFacts,
    diff: scope.diff,
    vars,
    readControllerFile: (path, kind) => readFileSync(requireSource(task, scope.baseDir, path, kind)),
    controllerPath: (path) => controllerPath(scope.baseDir, path),
    artifact: (request) => {
      const found = scope.artifacts?.get(artifactKey(request));
      if (!found) throw new InternalError(`task "${task.name}": ${artifactKey(request)} was not prepared before planning`);
      return found;
    },
    renderTemplate: (path) => renderTemplateFile(requireSource(task, scope.baseDir, path, 'templates'), lazyScope(vars, taskSite(task, `template ${path}`))),
  };
}
