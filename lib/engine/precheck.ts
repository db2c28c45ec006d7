// Everything about variables that can be known before a host is contacted is checked here.
import { isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import { builtinVars } from '../inventory/vars.js';
import { condition, lazyScope, render } from '../playbook/expressions.js';
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
  const registers = new Set([...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers].map((t) => t.register).filter((r): r is string => !!r));
  for (const name of registers) {
    if (RESERVED_VARS.includes(name)) throw new InputError(`register name "${name}" is reserved by bc-play`, play.location);
  }
  for (const host of hosts) {
    for (const use of play.roles) checkRoleParams(run, play, use, host);
    for (const task of [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers]) {
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
  const when = [task.roleUse?.when, task.when].filter((w) => w !== undefined);
  if (when.length) condition(when.flat(), vars, taskSite(task, `when of task "${task.name}"`));
  const loop = task.loop === undefined ? undefined : render(task.loop, vars, taskSite(task, `loop of task "${task.name}"`));
  const items = Array.isArray(loop) ? loop : [DEFERRED];
  for (const item of items) {
    const itemVars = task.loop === undefined ? vars : { ...vars, item };
    const args = render(task.args, itemVars, taskSite(task)) as Record<string, unknown>;
    if (task.module === 'template' && typeof args?.src === 'string') {
      const base = task.roleUse ? task.roleUse.role.dir : run.playbook.dir;
      renderTemplateFile(isAbsolute(args.src) ? args.src : join(base, 'templates', args.src), lazyScope(itemVars, taskSite(task, `template ${args.src}`)));
    }
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
