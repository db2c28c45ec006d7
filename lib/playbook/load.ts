// Loads a playbook and its roles into Plays, validating everything before any host is contacted.
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { getOrCreate } from '../memo.js';
import { MODULES } from '../modules/registry.js';
import { allowingExpressions, validateAt } from '../schema/validate.js';
import { loadYamlFile, type YamlFile } from '../yaml/load.js';
import { playKeywordHint } from './ansible-names.js';
import { findRole, roleTasks, type RoleLoader } from './roles.js';
import { playbookSchema, singleModuleTaskSchema } from './schema.js';
import { normalizeTaskList } from './import-tasks.js';
import { list } from './tasks.js';
import { varsFiles } from './vars-files.js';
import type { JsonSchema } from '../modules/module.js';
import type { Play, Playbook, RoleDef, RoleUse, Source, Task, Vars } from './types.js';

const PLAYBOOK_SCHEMA = playbookSchema({ type: 'object' });
const TASK_SCHEMAS = new Map<string, JsonSchema>();

/** Why: each module's task schema is built and compiled once per process, on first use. */
function taskSchemaFor(module: string): JsonSchema {
  return getOrCreate(TASK_SCHEMAS, module, () => singleModuleTaskSchema(MODULES.get(module)));
}

/**
 * Why: one entry point that reads the playbook file and every role it names, so that YAML
 * errors, schema violations, unknown modules, roles and handlers all surface before a run.
 */
export function loadPlaybook(path: string): Playbook {
  const yaml = loadYamlFile(path);
  validateAt(PLAYBOOK_SCHEMA, yaml.data, { yaml, path: [], what: 'playbook', name: (path) => playPlace(yaml.data, path), unknownKeyHint: playKeywordHint });
  const dir = dirname(resolve(path));
  const loader: RoleLoader = {
    searchDirs: [...new Set([join(dir, 'roles'), join(dir, '..', 'roles'), resolve('roles')])],
    modules: new Set(MODULES.keys()),
    taskSchemaFor,
    cache: new Map(),
  };
  const plays = (yaml.data as Record<string, unknown>[]).map((raw, i) => loadPlay(raw, { yaml, path: [i] }, loader));
  return { file: yaml.file, dir, plays };
}

/** Why: a message names a play by its name (or its hosts), not by its index in the file. */
function playPlace(data: unknown, path: (string | number)[]): string | undefined {
  const [index, ...rest] = path;
  if (typeof index !== 'number' || !Array.isArray(data)) return undefined;
  const play = data[index] as Record<string, unknown> | undefined;
  const label = typeof play?.name === 'string' ? `play "${play.name}"` : `play ${index + 1}${typeof play?.hosts === 'string' ? ` (hosts: ${play.hosts})` : ''}`;
  return rest.length ? `"${rest.join('.')}" of ${label}` : label;
}

function loadPlay(raw: Record<string, unknown>, source: Source, loader: RoleLoader): Play {
  const tags = list(raw.tags);
  const section = (key: string, handler = false): Task[] =>
    normalizeTaskList((raw[key] as unknown[] | undefined) ?? [], { yaml: source.yaml, path: [...source.path, key] }, { tags, handler }, { ...loader, baseDir: resolve(dirname(source.yaml.file)) });
  const roles = ((raw.roles as unknown[] | undefined) ?? []).map((r, i) => roleUse(r, { yaml: source.yaml, path: [...source.path, 'roles', i] }, tags, loader));
  const play: Play = {
    name: typeof raw.name === 'string' ? raw.name : String(raw.hosts),
    hosts: String(raw.hosts),
    vars: { ...((raw.vars as Vars | undefined) ?? {}), ...varsFiles(raw.vars_files, source) },
    roles,
    preTasks: section('pre_tasks'),
    tasks: [...roles.flatMap((u) => roleTasks(loader, u, 'tasks')), ...section('tasks')],
    postTasks: section('post_tasks'),
    handlers: [...roles.flatMap((u) => roleTasks(loader, u, 'handlers')), ...section('handlers', true)],
    serial: raw.serial as Play['serial'],
    maxFailPercentage: raw.max_fail_percentage as number | undefined,
    tags,
    become: raw.become as boolean | undefined,
    gatherFacts: raw.gather_facts !== false,
    source,
    location: source.yaml.locate(source.path),
  };
  checkHandlers(play);
  return raw.environment ? withEnvironment(play, raw.environment as Record<string, unknown>) : play;
}

function roleUse(raw: unknown, source: Source, playTags: string[], loader: RoleLoader): RoleUse {
  const spec = typeof raw === 'string' ? { role: raw } : (raw as Record<string, unknown>);
  const name = String(spec.role);
  const role = findRole(loader, name, source.yaml.locate(typeof raw === 'string' ? source.path : [...source.path, 'role']));
  const { role: _name, tags, when, become, ...params } = spec;
  const use: RoleUse = {
    role,
    params,
    tags: [...new Set([...playTags, ...list(tags)])],
    when,
    become: become as boolean | undefined,
    source,
  };
  if (role.schema) {
    const props = (role.schema.properties ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(params).find((k) => !(k in props));
    if (unknown) {
      throw new InputError(
        `role ${name} has no parameter "${unknown}"`,
        source.yaml.locate([...source.path, unknown], { key: true }),
        `parameters of ${name}: ${Object.keys(props).join(', ')}`,
      );
    }
    validateAt(paramsSchema(role), params, { yaml: source.yaml, path: source.path, what: `parameters of role ${name}` });
  }
  return use;
}

const PARAMS_SCHEMAS = new WeakMap<RoleDef, JsonSchema>();

/** Why: a role use may hold `{{ }}` and need not give every required parameter (defaults, layers). */
function paramsSchema(role: RoleDef): JsonSchema {
  return getOrCreate(PARAMS_SCHEMAS, role, () => allowingExpressions({ ...role.schema, required: [] }));
}

/** Why: a notify naming no handler is a typo that Ansible reports only at run time; we do it now. */
function checkHandlers(play: Play): void {
  const names = new Set(play.handlers.flatMap((h) => [h.name, ...(h.listen ? [h.listen] : [])]));
  for (const task of [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers]) {
    task.notify.forEach((name, i) => {
      if (names.has(name)) return;
      const path = task.source.path;
      const notify = (lookup(task.source.yaml, path) as Record<string, unknown> | undefined)?.notify;
      throw new InputError(
        `notify names an undefined handler "${name}"`,
        task.source.yaml.locate(Array.isArray(notify) ? [...path, 'notify', i] : [...path, 'notify']),
        `handlers of this play: ${[...names].join(', ') || 'none'}`,
      );
    });
  }
}

function lookup(yaml: YamlFile, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], yaml.data);
}

/** A play's `environment` under each task's own (Ansible: the task's names win). */
function withEnvironment(play: Play, env: Record<string, unknown>): Play {
  const under = (tasks: Task[]) => tasks.map((t) => ({ ...t, environment: { ...env, ...t.environment } }));
  return { ...play, environment: env, preTasks: under(play.preTasks), tasks: under(play.tasks), postTasks: under(play.postTasks), handlers: under(play.handlers) };
}
