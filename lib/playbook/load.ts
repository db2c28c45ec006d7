// Loads a playbook and its roles into Plays, validating everything before any host is contacted.
import { existsSync } from 'node:fs';
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
import { importRole } from './role-imports.js';
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
  const dir = dirname(resolve(path));
  const loader: RoleLoader = {
    searchDirs: [...new Set([join(dir, 'roles'), join(dir, '..', 'roles'), resolve('roles')])],
    modules: new Set(MODULES.keys()),
    taskSchemaFor,
    cache: new Map(),
  };
  const { file, plays } = loadPlays(path, loader, { tags: [], vars: {}, when: [] }, 0);
  return { file, dir, plays };
}

/** What the import_playbook entries around a playbook give its plays (outermost's vars winning, its when first). */
interface PlaybookImport {
  tags: string[];
  vars: Vars;
  when: NonNullable<Task['inheritedWhen']>;
}

const MAX_IMPORT_DEPTH = 20;

function loadPlays(path: string, outer: RoleLoader, around: PlaybookImport, depth: number): { file: string; plays: Play[] } {
  const yaml = loadYamlFile(path);
  validateAt(PLAYBOOK_SCHEMA, yaml.data, { yaml, path: [], what: 'playbook', name: (path) => playPlace(yaml.data, path), unknownKeyHint: playKeywordHint });
  // A playbook's own roles/ folder comes first, as Ansible looks beside the playbook.
  const loader: RoleLoader = { ...outer, searchDirs: [...new Set([join(dirname(resolve(path)), 'roles'), ...outer.searchDirs])] };
  const plays = (yaml.data as Record<string, unknown>[]).flatMap((raw, i) => {
    const source: Source = { yaml, path: [i] };
    if ('import_playbook' in raw) return importedPlays(raw, source, loader, around, depth);
    return [underImport(loadPlay(raw, source, loader, around.tags), around)];
  });
  return { file: yaml.file, plays };
}

/**
 * Why: Ansible's import_playbook: the other playbook's plays (relative to this one) run here,
 * each keeping its own file:line:col; the entry's vars win over each play's, its tags are added
 * and its when holds before every task's (not the handlers').
 */
function importedPlays(raw: Record<string, unknown>, source: Source, loader: RoleLoader, around: PlaybookImport, depth: number): Play[] {
  const at = source.yaml.locate([...source.path, 'import_playbook']);
  const file = raw.import_playbook as string;
  if (file.includes('{{')) throw new InputError('import_playbook needs a file name known when loading (no {{ }})', at);
  const path = resolve(dirname(source.yaml.file), file);
  if (!existsSync(path)) throw new InputError(`import_playbook: ${file} does not exist (looked in ${dirname(path)})`, at);
  if (depth >= MAX_IMPORT_DEPTH) throw new InputError(`import_playbook: ${file} imports itself (more than ${MAX_IMPORT_DEPTH} levels)`, at);
  const inner: PlaybookImport = {
    tags: [...new Set([...around.tags, ...list(raw.tags)])],
    vars: { ...((raw.vars as Vars | undefined) ?? {}), ...around.vars },
    when: [...around.when, ...(raw.when === undefined ? [] : [{ when: raw.when, source, around: 'import_playbook' }])],
  };
  return loadPlays(path, loader, inner, depth + 1).plays;
}

function underImport(play: Play, around: PlaybookImport): Play {
  if (Object.keys(around.vars).length === 0 && around.when.length === 0) return play;
  const guarded = (tasks: Task[]) => (around.when.length ? tasks.map((t) => ({ ...t, inheritedWhen: [...around.when, ...(t.inheritedWhen ?? [])] })) : tasks);
  return { ...play, vars: { ...play.vars, ...around.vars }, preTasks: guarded(play.preTasks), tasks: guarded(play.tasks), postTasks: guarded(play.postTasks) };
}

/** Why: a message names a play by its name (or its hosts), not by its index in the file. */
function playPlace(data: unknown, path: (string | number)[]): string | undefined {
  const [index, ...rest] = path;
  if (typeof index !== 'number' || !Array.isArray(data)) return undefined;
  const play = data[index] as Record<string, unknown> | undefined;
  const label = typeof play?.name === 'string' ? `play "${play.name}"` : `play ${index + 1}${typeof play?.hosts === 'string' ? ` (hosts: ${play.hosts})` : ''}`;
  return rest.length ? `"${rest.join('.')}" of ${label}` : label;
}

function loadPlay(raw: Record<string, unknown>, source: Source, playbookLoader: RoleLoader, importTags: string[]): Play {
  const tags = [...new Set([...importTags, ...list(raw.tags)])];
  const roleImports: RoleUse[] = [];
  const loader: RoleLoader = { ...playbookLoader, importRole: (entry, key, at, origin) => importRole(loader, roleImports, entry, key, at, origin) };
  const section = (key: string, handler = false): Task[] =>
    normalizeTaskList((raw[key] as unknown[] | undefined) ?? [], { yaml: source.yaml, path: [...source.path, key] }, { tags, handler }, { ...loader, baseDir: resolve(dirname(source.yaml.file)) });
  const roles = ((raw.roles as unknown[] | undefined) ?? []).map((r, i) => roleUse(r, { yaml: source.yaml, path: [...source.path, 'roles', i] }, tags, loader));
  const preTasks = section('pre_tasks');
  const tasks = [...roles.flatMap((u) => roleTasks(loader, u, 'tasks')), ...section('tasks')];
  const postTasks = section('post_tasks');
  const ownHandlers = section('handlers', true);
  const play: Play = {
    name: typeof raw.name === 'string' ? raw.name : String(raw.hosts),
    hosts: String(raw.hosts),
    vars: { ...((raw.vars as Vars | undefined) ?? {}), ...varsFiles(raw.vars_files, source) },
    roles,
    roleImports,
    preTasks,
    tasks,
    postTasks,
    handlers: [...roleHandlers(loader, [...roles, ...roleImports]), ...ownHandlers],
    serial: raw.serial as Play['serial'],
    maxFailPercentage: raw.max_fail_percentage as number | undefined,
    tags,
    become: raw.become as boolean | undefined,
    ...(typeof raw.become_user === 'string' ? { becomeUser: raw.become_user } : {}),
    gatherFacts: raw.gather_facts !== false,
    ...(raw.any_errors_fatal === true ? { anyErrorsFatal: true } : {}),
    dir: resolve(dirname(source.yaml.file)),
    source,
    location: source.yaml.locate(source.path),
  };
  checkHandlers(play);
  return raw.environment ? withEnvironment(play, raw.environment as Record<string, unknown>) : play;
}

/** Handlers of the roles a play uses, each role's handler file once (a role used twice does not run them twice). */
function roleHandlers(loader: RoleLoader, uses: RoleUse[]): Task[] {
  const seen = new Set<string>();
  return uses.flatMap((u) => {
    const file = u.handlersFile ?? join(u.role.dir, 'handlers.yaml');
    if (seen.has(file)) return [];
    seen.add(file);
    return roleTasks(loader, u, 'handlers');
  });
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
