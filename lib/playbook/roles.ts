// Roles from roles/NAME/: tasks.yaml, handlers.yaml, defaults.yaml, vars.yaml, schema.yaml, templates/, files/.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Location } from '../errors.js';
import { validateAt, validateSchemaDocumentAt } from '../schema/validate.js';
import { loadYamlFile, type YamlFile } from '../yaml/load.js';
import { DEFAULTS_SCHEMA, ROLE_SCHEMA_SCHEMA, taskListSchema } from './schema.js';
import { normalizeTaskList, type TaskListContext } from './import-tasks.js';
import type { JsonSchema } from '../modules/module.js';
import type { RoleDef, RoleUse, Task, Vars } from './types.js';

const TASK_LIST = taskListSchema({ type: 'object' });

/** What loading roles needs: where to look, and the module set and task schema. */
export interface RoleLoader extends Omit<TaskListContext, 'baseDir'> {
  searchDirs: string[];
  cache: Map<string, RoleDef>;
}

/** Why: a role is read and validated once per run, however many plays use it. */
export function findRole(loader: RoleLoader, name: string, where: Location): RoleDef {
  const cached = loader.cache.get(name);
  if (cached) return cached;
  const dir = loader.searchDirs.map((d) => join(d, name)).find((d) => existsSync(join(d, 'tasks.yaml')));
  if (!dir) {
    throw new InputError(`unknown role "${name}"`, where, `roles found: ${availableRoles(loader).join(', ') || 'none'} (in ${loader.searchDirs.join(', ')})`);
  }
  const role: RoleDef = { name, dir, defaults: {}, vars: {}, tasks: [], handlers: [] };
  loader.cache.set(name, role);
  const defaults = optionalYaml(join(dir, 'defaults.yaml'));
  if (defaults) role.defaults = roleVarsFile(defaults, `defaults of role ${name}`);
  const vars = optionalYaml(join(dir, 'vars.yaml'));
  if (vars) role.vars = roleVarsFile(vars, `vars of role ${name}`);
  const schema = optionalYaml(join(dir, 'schema.yaml'));
  if (schema) {
    validateAt(ROLE_SCHEMA_SCHEMA, schema.data, { yaml: schema, path: [], what: `schema of role ${name}` });
    validateSchemaDocumentAt(schema.data, { yaml: schema, path: [], what: `schema of role ${name}` });
    role.schema = schema.data as JsonSchema;
    role.schemaSource = { yaml: schema, path: [] };
  }
  return role;
}

/** Why: tasks of a role are normalized per use, so each use carries its own parameters and tags. */
export function roleTasks(loader: RoleLoader, use: RoleUse, file: 'tasks' | 'handlers'): Task[] {
  const yaml = optionalYaml((file === 'tasks' ? use.tasksFile : use.handlersFile) ?? join(use.role.dir, `${file}.yaml`));
  if (!yaml) return [];
  validateAt(TASK_LIST, yaml.data ?? [], { yaml, path: [], what: `${file} of role ${use.role.name}` });
  const items = (yaml.data as unknown[] | null) ?? [];
  return normalizeTaskList(items, { yaml, path: [] }, { tags: use.tags, roleUse: use, handler: file === 'handlers' }, { ...loader, baseDir: use.role.dir });
}

/** Why: defaults.yaml, vars.yaml and the files defaults_from / vars_from name are all a map of variables. */
export function roleVarsFile(yaml: YamlFile, what: string): Vars {
  validateAt(DEFAULTS_SCHEMA, yaml.data, { yaml, path: [], what });
  return (yaml.data as Vars | null) ?? {};
}

/** Why: the YAML files of a role, read where they exist (a missing handlers.yaml is no handlers). */
export function optionalYaml(path: string): YamlFile | undefined {
  return existsSync(path) ? loadYamlFile(path) : undefined;
}

function availableRoles(loader: RoleLoader): string[] {
  return loader.searchDirs
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((n) => existsSync(join(d, n, 'tasks.yaml'))))
    .sort();
}
