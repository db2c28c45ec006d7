// import_role / include_role: a role's tasks spliced in where a task list names it, resolved when
// loading (include_role too, like include_tasks), each task keeping its own file:line:col.
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError, type Location } from '../errors.js';
import { validateAt } from '../schema/validate.js';
import { aroundOf, inherit } from './inherit.js';
import { findRole, optionalYaml, roleTasks, roleVarsFile, type RoleLoader } from './roles.js';
import { ROLE_IMPORT_SCHEMA } from './schema.js';
import { list, type TaskOrigin } from './tasks.js';
import type { RoleUse, Source, Task, Vars } from './types.js';

const MAX_DEPTH = 20;

interface RoleRef {
  name: string;
  tasks_from?: string;
  handlers_from?: string;
  defaults_from?: string;
  vars_from?: string;
}

/**
 * Why: Ansible's import_role (and include_role, resolved the same way): the role's tasks (or
 * `tasks_from`'s) run in place with the entry's `when`, `tags`, `vars` and `become`, read from
 * the role's folder; its defaults, vars (or `vars_from`'s) and handlers come along. Every use is added to `uses`, so the
 * play takes its handlers and checks its parameters.
 */
export function importRole(loader: RoleLoader, uses: RoleUse[], raw: Record<string, unknown>, key: 'import_role' | 'include_role', at: Source, origin: TaskOrigin): Task[] {
  validateAt(ROLE_IMPORT_SCHEMA, raw, { yaml: at.yaml, path: at.path, what: key });
  const ref = raw[key] as RoleRef;
  const where = (k: keyof RoleRef) => at.yaml.locate([...at.path, key, k]);
  for (const k of ['name', 'tasks_from', 'handlers_from', 'defaults_from', 'vars_from'] as const) {
    if (ref[k]?.includes('{{')) throw new InputError(`${key}: ${k} must be known when loading (no {{ }}); bc-play resolves include_role like import_role`, where(k));
  }
  const role = findRole(loader, ref.name, where('name'));
  const use: RoleUse = {
    role,
    params: {},
    tags: [...new Set([...origin.tags, ...list(raw.tags)])],
    source: at,
    ...(raw.vars ? { vars: raw.vars as Vars } : {}),
    ...(key === 'import_role' ? { imported: true } : {}),
    ...(ref.tasks_from ? { tasksFile: roleFile(role.dir, ref.tasks_from, key, 'tasks_from', where('tasks_from')) } : {}),
    ...(ref.handlers_from ? { handlersFile: roleFile(role.dir, ref.handlers_from, key, 'handlers_from', where('handlers_from')) } : {}),
    ...(origin.roleUse ? { importedBy: origin.roleUse } : {}),
  };
  if (ref.defaults_from) use.defaults = varsOf(roleFile(role.dir, ref.defaults_from, key, 'defaults_from', where('defaults_from')), `defaults of role ${role.name}`);
  if (ref.vars_from) use.varsFrom = varsOf(roleFile(role.dir, ref.vars_from, key, 'vars_from', where('vars_from')), `vars of role ${role.name}`);
  if (depthOf(use) > MAX_DEPTH) throw new InputError(`${key}: role ${role.name} imports itself (more than ${MAX_DEPTH} levels)`, where('name'));
  uses.push(use);
  const tasks = inherit(roleTasks(loader, use, 'tasks'), aroundOf(raw, key, at));
  // A role listed in `roles:` decides its tasks' condition and become by its use; they reach the roles it imports.
  const outer = origin.roleUse;
  return outer ? inherit(tasks, { what: `role "${outer.role.name}"`, source: outer.source, when: outer.when, become: outer.become }) : tasks;
}

/** A file of the role's folder: `setup` is roles/NAME/setup.yaml (or .yml), a name with its extension stays. */
function roleFile(dir: string, name: string, key: string, option: string, at: Location): string {
  const candidates = extname(name) ? [name] : [`${name}.yaml`, `${name}.yml`];
  const found = candidates.map((c) => join(dir, c)).find((p) => existsSync(p));
  if (!found) throw new InputError(`${key}: ${option} ${name} does not exist (looked for ${candidates.join(', ')} in ${dir})`, at);
  return found;
}

function varsOf(path: string, what: string): Vars {
  return roleVarsFile(optionalYaml(path)!, what);
}

function depthOf(use: RoleUse): number {
  let depth = 0;
  for (let u: RoleUse | undefined = use; u; u = u.importedBy) depth++;
  return depth;
}
