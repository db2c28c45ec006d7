// block/rescue/always as written, flattened into tasks that each know the blocks around them.
import { InputError } from '../errors.js';
import type { JsonSchema } from '../modules/module.js';
import { validateAt } from '../schema/validate.js';
import { aroundOf, inherit } from './inherit.js';
import { BLOCK_SCHEMA } from './schema.js';
import { list, type TaskOrigin } from './tasks.js';
import type { Source, Task } from './types.js';

/** Normalizes one of the block's task lists (the caller's normalizeTaskList, one level deeper). */
export type TaskListOf = (items: unknown[], source: Source, origin: TaskOrigin) => Task[];

/**
 * Why: Ansible's block/rescue/always, at any depth: the three lists in order, each task marked
 * (outermost block first) with its part of every block around it, so the run can tell which
 * tasks a host that failed at some level still runs. The block's `when`, `tags`, `vars` and
 * other keywords apply to every task inside, nested blocks included.
 */
export function blockTasks(raw: Record<string, unknown>, at: Source, origin: TaskOrigin, taskList: TaskListOf): Task[] {
  validateAt(BLOCK_SCHEMA as JsonSchema, raw, { yaml: at.yaml, path: at.path, what: 'block' });
  const inner: TaskOrigin = { ...origin, tags: [...new Set([...origin.tags, ...list(raw.tags)])] };
  const part = (key: 'block' | 'rescue' | 'always'): Task[] => {
    const items = raw[key];
    if (items === undefined || items === null) return [];
    if (!Array.isArray(items)) throw new InputError(`${key} must be a list of tasks`, at.yaml.locate([...at.path, key]));
    return taskList(items, { yaml: at.yaml, path: [...at.path, key] }, inner);
  };
  const id = {};
  const [body, rescue, always] = [part('block'), part('rescue'), part('always')];
  const hasRescue = rescue.length > 0;
  const marked = (tasks: Task[], p: 'body' | 'rescue' | 'always') => tasks.map((t) => ({ ...t, blocks: [{ id, part: p, hasRescue }, ...(t.blocks ?? [])] }));
  return inherit([...marked(body, 'body'), ...marked(rescue, 'rescue'), ...marked(always, 'always')], aroundOf(raw, 'block', at));
}
