// Everything about variables that can be known before a host is contacted is checked here.
import { InputError } from '../errors.js';
import { builtinVars } from '../inventory/vars.js';
import { requireSource } from '../playbook/controller-files.js';
import { condition, lazyScope, render } from '../playbook/expressions.js';
import { argumentsSite, keyLocation, keywordSite, loopList, whenHolds } from '../playbook/sites.js';
import type { Play, RoleUse, Task, Vars } from '../playbook/types.js';
import { validateAt } from '../schema/validate.js';
import { renderTemplateFile } from '../template.js';
import { containsDeferred, DEFERRED } from './deferred.js';
import { taskSite } from './run-task.js';
import type { RunState } from './state.js';
import { RESERVED_VARS, userVars } from './task-vars.js';

/**
 * Why: undefined variables (in values, conditions, loops and templates), reserved names and
 * role parameters are errors of the input: reporting them after half the fleet changed would
 * leave it half-converged. Run-time values (facts, registered results, items) are deferred.
 */
export function precheck(run: RunState, play: Play, hosts: string[]): void {
  const tasks = [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers];
  const registers = new Set(tasks.map((t) => t.register).filter((r): r is string => !!r));
  const reserved = tasks.find((t) => t.register && RESERVED_VARS.includes(t.register));
  if (reserved) throw new InputError(`register name "${reserved.register}" is reserved by bc-play`, keyLocation(reserved, 'register'));
  for (const host of hosts) {
    for (const use of play.roles) checkRoleParams(run, play, use, host);
    for (const task of tasks) {
      checkTask(run, play, task, host, registers);
    }
  }
}

function checkTask(run: RunState, play: Play, task: Task, host: string, registers: Set<string>): void {
  const user = userVars(run, play, host, task.roleUse, task.vars);
  const reserved = Object.keys(user).find((k) => RESERVED_VARS.includes(k));
  if (reserved) throw new InputError(`variable name "${reserved}" is reserved by bc-play (host ${host})`, task.location, `reserved: ${RESERVED_VARS.join(', ')}`);
  const vars: Vars = {
    ...user,
    ...builtinVars(run.inventory, host),
    ...Object.fromEntries([...registers].map((r) => [r, DEFERRED])),
    facts: DEFERRED,
    hostvars: DEFERRED,
    secret: () => 'secret',
  };
  whenHolds(task, vars);
  const loop = task.loop === undefined ? undefined : render(task.loop, vars, keywordSite(task, 'loop'));
  const items = loop === undefined || (!Array.isArray(loop) && containsDeferred(loop)) ? [DEFERRED] : loopList(task, loop);
  for (const item of items) {
    const itemVars = task.loop === undefined ? vars : { ...vars, item };
    if (task.loopLabel !== undefined) render(task.loopLabel, itemVars, keywordSite(task, 'loop_control.label'));
    const args = render(task.args, itemVars, argumentsSite(task)) as Record<string, unknown>;
    const src = containsDeferred(args?.src) ? undefined : requireSource(task, run.playbook.dir, args?.src);
    if (task.module === 'template' && src) renderTemplateFile(src, lazyScope(itemVars, taskSite(task, `template ${args.src}`)));
    const after = { ...itemVars, result: DEFERRED };
    if (task.changedWhen !== undefined) condition(task.changedWhen, after, keywordSite(task, 'changed_when'));
    if (task.failedWhen !== undefined) condition(task.failedWhen, after, keywordSite(task, 'failed_when'));
  }
}

function checkRoleParams(run: RunState, play: Play, use: RoleUse, host: string): void {
  const schema = use.role.schema;
  if (!schema) return;
  const user = userVars(run, play, host, use);
  const vars = { ...user, ...builtinVars(run.inventory, host), facts: DEFERRED, hostvars: DEFERRED, secret: () => 'secret' };
  const picked: Vars = {};
  const deferred: string[] = [];
  for (const name of Object.keys((schema.properties ?? {}) as object)) {
    if (!(name in user)) continue;
    const value = render(user[name], vars, { location: use.source.yaml.locate(use.source.path), context: `parameter "${name}" of role ${use.role.name}` });
    if (containsDeferred(value)) deferred.push(name);
    else picked[name] = value;
  }
  const required = ((schema.required ?? []) as string[]).filter((r) => !deferred.includes(r));
  const effective = deferred.length ? { ...schema, required } : schema;
  validateAt(effective, picked, { yaml: use.source.yaml, path: use.source.path, what: `parameters of role ${use.role.name} on host ${host}` });
}
