// Everything about variables that can be known before a host is contacted is checked here.
import { InputError } from '../errors.js';
import type { HostFacts } from '../facts/host.js';
import { builtinVars, inventoryVarLocation } from '../inventory/vars.js';
import type { JsonSchema } from '../modules/module.js';
import { render } from '../playbook/expressions.js';
import { keyLocation } from '../playbook/sites.js';
import type { Play, RoleUse, Task, Vars } from '../playbook/types.js';
import { validateAt } from '../schema/validate.js';
import { containsDeferred, DEFERRED } from './deferred.js';
import { baseDirOf, precheckTask, type InvocationScope } from './invocation.js';
import type { ArtifactRequest } from '../artifacts/artifacts.js';
import { isSelected } from './run-play.js';
import type { VarContext } from './state.js';
import { RESERVED_VARS, userVars } from './task-vars.js';

/**
 * Why: undefined variables (in values, conditions, loops and templates), reserved names and
 * role parameters are errors of the input: reporting them after half the fleet changed would
 * leave it half-converged. Run-time values (facts, registered results, items) are deferred.
 * Returns what the play's tasks ask the run to build on the controller (release artifacts).
 */
export function precheck(run: VarContext, play: Play, hosts: string[]): ArtifactRequest[] {
  // A host keeps what earlier plays registered or set: every play's names are run-time values.
  const registers = new Set(run.playbook.plays.flatMap((p) => [...registerNames(p)]));
  const tasks = [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers];
  const reserved = tasks.find((t) => t.register && RESERVED_VARS.includes(t.register));
  if (reserved) throw new InputError(`register name "${reserved.register}" is reserved by bc-play`, keyLocation(reserved, 'register'));
  for (const t of tasks) {
    for (const key of ['loop_var', 'index_var'] as const) {
      const name = key === 'loop_var' ? t.loopVar : t.indexVar;
      if (name !== undefined && name !== 'item' && RESERVED_VARS.includes(name)) throw new InputError(`loop_control.${key} "${name}" is reserved by bc-play`, keyLocation(t, 'loop_control', key));
    }
  }
  for (const t of tasks.filter((t) => t.module === 'set_fact')) {
    const name = Object.keys(t.args as object).find((k) => RESERVED_VARS.includes(k));
    if (name) throw new InputError(`set_fact name "${name}" is reserved by bc-play`, keyLocation(t, 'set_fact', name));
  }
  const artifacts: ArtifactRequest[] = [];
  for (const host of hosts) {
    for (const use of [...play.roles, ...play.roleImports]) checkRoleParams(run, play, use, host);
    for (const task of tasks) {
      if (task.module === 'meta') continue; // flush_handlers: nothing to compute
      const wanted = precheckTask(task, precheckScope(run, play, task, host, registers));
      // A task --tags leaves out builds nothing; handlers run whenever they are notified.
      if (play.handlers.includes(task) || isSelected(task, run.settings.tags, run.settings.skipTags)) artifacts.push(...wanted);
    }
  }
  return artifacts;
}

/** Names tasks give values at run time: `register:` and the keys of `set_fact`. */
function registerNames(play: Play): Set<string> {
  const tasks = [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers];
  const facts = tasks.filter((t) => t.module === 'set_fact' && t.args && typeof t.args === 'object').flatMap((t) => Object.keys(t.args as object));
  return new Set([...tasks.map((t) => t.register).filter((r): r is string => !!r), ...facts]);
}

function precheckScope(run: VarContext, play: Play, task: Task, host: string, registers: Set<string>): InvocationScope {
  const user = userVars(run, play, host, task.roleUse, task.vars);
  const reserved = Object.keys(user).find((k) => RESERVED_VARS.includes(k));
  if (reserved) throw new InputError(`variable name "${reserved}" is reserved by bc-play (host ${host})`, task.location, `reserved: ${RESERVED_VARS.join(', ')}`);
  const vars: Vars = {
    ...user,
    ...builtinVars(run.inventory, host, run.settings.check),
    ...Object.fromEntries([...registers].map((r) => [r, DEFERRED])),
    facts: DEFERRED,
    hostvars: DEFERRED,
    secret: () => DEFERRED,
  };
  return { mode: 'precheck', host, vars, hostFacts: DEFERRED as HostFacts, diff: run.settings.diff, baseDir: baseDirOf(task, play) };
}

/**
 * Why: a role parameter set in the inventory (or the play's vars, or -e) that fails the role's
 * schema is the inventory's mistake: the error points at the line that set the value.
 */
function checkAtOrigin(run: VarContext, play: Play, use: RoleUse, host: string, name: string, value: unknown): void {
  const property = ((use.role.schema?.properties ?? {}) as Record<string, JsonSchema>)[name];
  const schema = { type: 'object', properties: { [name]: property } };
  try {
    validateAt(schema, { [name]: value }, { yaml: use.source.yaml, path: use.source.path, what: `parameters of role ${use.role.name} on host ${host}` });
  } catch (error) {
    if (!(error instanceof InputError) || name in use.params) throw error;
    if (name in run.settings.extraVars) throw new InputError(`${error.message} (set with -e)`, undefined, error.hint);
    const location = name in play.vars ? play.source.yaml.locate([...play.source.path, 'vars', name]) : inventoryVarLocation(run.inventory, host, name);
    throw new InputError(error.message, location ?? error.location, error.hint);
  }
}

function checkRoleParams(run: VarContext, play: Play, use: RoleUse, host: string): void {
  const schema = use.role.schema;
  if (!schema) return;
  const user = userVars(run, play, host, use, use.vars);
  const vars = { ...user, ...builtinVars(run.inventory, host, run.settings.check), facts: DEFERRED, hostvars: DEFERRED, secret: () => DEFERRED };
  const picked: Vars = {};
  const deferred: string[] = [];
  for (const name of Object.keys((schema.properties ?? {}) as object)) {
    if (!(name in user)) continue;
    const value = render(user[name], vars, { location: use.source.yaml.locate(use.source.path), context: `parameter "${name}" of role ${use.role.name}` });
    if (containsDeferred(value)) deferred.push(name);
    else picked[name] = value;
  }
  for (const name of Object.keys(picked)) checkAtOrigin(run, play, use, host, name, picked[name]);
  const required = ((schema.required ?? []) as string[]).filter((r) => !deferred.includes(r));
  const effective = deferred.length ? { ...schema, required } : schema;
  validateAt(effective, picked, { yaml: use.source.yaml, path: use.source.path, what: `parameters of role ${use.role.name} on host ${host}` });
}
