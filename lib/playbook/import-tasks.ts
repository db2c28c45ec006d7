// import_tasks / include_tasks: a task list from another file, spliced in where it is named.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { JsonSchema } from '../modules/module.js';
import { validateAt } from '../schema/validate.js';
import { loadYamlFile } from '../yaml/load.js';
import { blockTasks } from './blocks.js';
import { inherit } from './inherit.js';
import { taskListSchema } from './schema.js';
import { list, normalizeTask, type TaskOrigin } from './tasks.js';
import type { Source, Task, Vars } from './types.js';

const TASK_LIST = taskListSchema({ type: 'object' });
const INCLUDE_KEYS = new Set(['import_tasks', 'include_tasks', 'name', 'when', 'tags', 'vars']);
const MAX_DEPTH = 20;

/** What normalizing a task list needs besides the tasks. */
export interface TaskListContext {
  modules: ReadonlySet<string>;
  taskSchemaFor(module: string): JsonSchema;
  /** The folder relative task files are found in: the role's, or the playbook's. */
  baseDir: string;
  /** import_role / include_role entries become the role's tasks here (playbook/role-imports.ts). */
  importRole?(raw: Record<string, unknown>, key: 'import_role' | 'include_role', at: Source, origin: TaskOrigin): Task[];
}

/**
 * Why: the one way a list of written tasks becomes Tasks, so a playbook, a role and an imported
 * file alike may name `import_tasks: file.yaml` (or `include_tasks`, resolved the same way, when
 * loading): the file's tasks take the include's `when`, `tags` and `vars`, and keep their own
 * file:line:col.
 */
export function normalizeTaskList(items: unknown[], source: Source, origin: TaskOrigin, ctx: TaskListContext, depth = 0): Task[] {
  return items.flatMap((raw, i) => {
    const at: Source = { yaml: source.yaml, path: [...source.path, i] };
    if (raw && typeof raw === 'object' && 'block' in raw) {
      return blockTasks(raw as Record<string, unknown>, at, origin, (items, source, inner) => normalizeTaskList(items, source, inner, ctx, depth + 1));
    }
    const key = raw && typeof raw === 'object' && !Array.isArray(raw) ? ['import_tasks', 'include_tasks', 'import_role', 'include_role'].find((k) => k in raw) : undefined;
    if (!key) return [normalizeTask(raw, at, origin, ctx.modules, ctx.taskSchemaFor)];
    if (key === 'import_role' || key === 'include_role') {
      if (!ctx.importRole) throw new InputError(`${key} is not supported here`, at.yaml.locate([...at.path, key], { key: true }));
      return ctx.importRole(raw as Record<string, unknown>, key, at, origin);
    }
    return included(raw as Record<string, unknown>, key, at, origin, ctx, depth);
  });
}

function included(raw: Record<string, unknown>, key: string, at: Source, origin: TaskOrigin, ctx: TaskListContext, depth: number): Task[] {
  const where = (k: string) => at.yaml.locate([...at.path, k], { key: true });
  const extra = Object.keys(raw).find((k) => !INCLUDE_KEYS.has(k));
  if (extra) throw new InputError(`${key} takes name, when, tags and vars; "${extra}" is not supported here`, where(extra));
  const file = raw[key];
  if (typeof file !== 'string' || file.includes('{{')) {
    throw new InputError(`${key} needs a file name known when loading (bc-play resolves include_tasks like import_tasks)`, at.yaml.locate([...at.path, key]));
  }
  const path = resolve(ctx.baseDir, file);
  if (!existsSync(path)) throw new InputError(`${key}: ${file} does not exist (looked in ${ctx.baseDir})`, at.yaml.locate([...at.path, key]));
  if (depth >= MAX_DEPTH) throw new InputError(`${key}: ${file} includes itself (more than ${MAX_DEPTH} levels)`, at.yaml.locate([...at.path, key]));
  const yaml = loadYamlFile(path);
  validateAt(TASK_LIST, yaml.data ?? [], { yaml, path: [], what: `tasks of ${file}` });
  const inner: TaskOrigin = { ...origin, tags: [...new Set([...origin.tags, ...list(raw.tags)])] };
  const tasks = normalizeTaskList((yaml.data as unknown[] | null) ?? [], { yaml, path: [] }, inner, { ...ctx, baseDir: dirname(path) }, depth + 1);
  return inherit(tasks, { what: key, source: at, when: raw.when, vars: raw.vars as Vars | undefined });
}
