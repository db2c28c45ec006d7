// Turns a task as written into a Task: finds its one module, normalizes the keywords.
import { InputError } from '../errors.js';
import type { JsonSchema } from '../modules/module.js';
import { validateAt } from '../schema/validate.js';
import { ansibleModule, taskKeywordHint } from './ansible-names.js';
import { FREE_FORM_MODULES, TASK_KEYWORDS } from './schema.js';
import { NO_VARS, type RoleUse, type Source, type Task, type Vars } from './types.js';

/** What a task inherits from where it stands. */
export interface TaskOrigin {
  tags: string[];
  roleUse?: RoleUse;
  handler: boolean;
}

/**
 * Why: the one place a written task becomes a Task, so unknown modules, two modules in one
 * task and bad arguments are reported the same way, at the offending key.
 */
export function normalizeTask(raw: unknown, source: Source, origin: TaskOrigin, modules: ReadonlySet<string>, schemaFor: (module: string) => JsonSchema): Task {
  const location = source.yaml.locate(source.path);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('a task must be a map with a module, e.g. `- name: ...\n    apt: { name: nginx }`', location);
  }
  const task = raw as Record<string, unknown>;
  const moduleKeys = Object.keys(task).filter((k) => !(k in TASK_KEYWORDS));
  const unknown = moduleKeys.find((k) => k !== 'meta' && !modules.has(k));
  if (unknown) {
    const at = source.yaml.locate([...source.path, unknown], { key: true });
    const keyword = taskKeywordHint(unknown);
    if (keyword) throw new InputError(`unknown task keyword "${unknown}" (Ansible's)`, at, keyword);
    const known = `modules: ${[...modules].sort().join(', ')}; task keywords: ${[...Object.keys(TASK_KEYWORDS), 'meta'].join(', ')}`;
    const ansible = ansibleModule(unknown, modules);
    throw new InputError(ansible?.message ?? `unknown module "${unknown}"`, at, ansible?.hint ?? known);
  }
  if (moduleKeys.length === 0) {
    throw new InputError('task names no module', location, `add one of: ${[...modules].sort().join(', ')}`);
  }
  if (moduleKeys.length > 1) {
    throw new InputError(
      `task names two modules: ${moduleKeys.join(', ')}`,
      source.yaml.locate([...source.path, moduleKeys[1]], { key: true }),
      'a task calls exactly one module; split it in two tasks',
    );
  }
  const module = moduleKeys[0];
  validateAt(schemaFor(module), raw, { yaml: source.yaml, path: source.path, what: 'task' });
  if (task.delegate_facts !== undefined && task.delegate_to === undefined) {
    throw new InputError('delegate_facts without delegate_to: there is no delegated host to give the facts to', source.yaml.locate([...source.path, 'delegate_facts'], { key: true }), 'add delegate_to: HOST, or remove delegate_facts');
  }
  let args = task[module];
  if (FREE_FORM_MODULES.has(module) && typeof args === 'string') args = { cmd: args };
  if (args === null || args === undefined) args = {};
  return {
    name: typeof task.name === 'string' ? task.name : defaultName(module, args),
    module,
    args,
    when: task.when,
    register: task.register as string | undefined,
    loop: task.loop,
    ...loopControl(task.loop_control as LoopControl | undefined),
    notify: list(task.notify),
    tags: unique([...origin.tags, ...list(task.tags)]),
    become: task.become as boolean | undefined,
    ...(typeof task.become_user === 'string' ? { becomeUser: task.become_user } : {}),
    checkMode: task.check_mode as boolean | undefined,
    changedWhen: task.changed_when,
    failedWhen: task.failed_when,
    ...(task.until !== undefined ? { until: untilOf(task) } : {}),
    ignoreErrors: task.ignore_errors === true,
    ...(task.run_once === true ? { runOnce: true } : {}),
    ...(typeof task.delegate_to === 'string' ? { delegateTo: task.delegate_to } : {}),
    ...(task.delegate_facts === true ? { delegateFacts: true } : {}),
    ...(task.environment ? { environment: task.environment as Record<string, unknown> } : {}),
    ...(typeof task.no_log === 'boolean' ? { noLog: task.no_log } : {}),
    ...(typeof task.any_errors_fatal === 'boolean' ? { anyErrorsFatal: task.any_errors_fatal } : {}),
    vars: (task.vars as Vars | undefined) ?? NO_VARS,
    source,
    location,
    roleUse: origin.roleUse,
    handler: origin.handler,
    ...(origin.handler && typeof task.listen === 'string' ? { listen: task.listen } : {}),
  };
}

interface LoopControl {
  label?: string;
  loop_var?: string;
  index_var?: string;
  extended?: boolean;
  pause?: number;
}

/** loop_control's keys, where a Task keeps them (only those given). */
function loopControl(lc: LoopControl | undefined): Partial<Task> {
  if (!lc) return {};
  return {
    ...(lc.label !== undefined ? { loopLabel: lc.label } : {}),
    ...(lc.loop_var !== undefined ? { loopVar: lc.loop_var } : {}),
    ...(lc.index_var !== undefined ? { indexVar: lc.index_var } : {}),
    ...(lc.extended ? { loopExtended: true } : {}),
    ...(lc.pause ? { loopPauseMs: lc.pause * 1000 } : {}),
  };
}

/** Ansible's counting: retries unset gives 3 tries in all, retries N gives N + 1; delay 5 s. */
function untilOf(task: Record<string, unknown>): NonNullable<Task['until']> {
  const retries = task.retries as number | undefined;
  return { condition: task.until, attempts: retries === undefined ? 3 : retries + 1, delayMs: ((task.delay as number | undefined) ?? 5) * 1000 };
}

/** Why: tags and notify accept a string or a list; everything downstream sees a list. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function defaultName(module: string, args: unknown): string {
  if (args && typeof args === 'object') {
    const a = args as Record<string, unknown>;
    const what = a.name ?? a.dest ?? a.path ?? a.cmd ?? a.port ?? a.url;
    if (what !== undefined) return `${module} ${Array.isArray(what) ? what.join(', ') : String(what)}`;
  }
  return module;
}
