// Where each part of a task was written, so an error in its `when`, `loop`, `register`, label or
// one nested argument points at that key's own line and column instead of the task's first line.
import { InputError, type Location } from '../errors.js';
import type { YamlPath } from '../yaml/load.js';
import { condition, type ExpressionSite, type Vars } from './expressions.js';
import type { Task } from './types.js';

/** The task keywords that hold expressions, as written in YAML. */
export type TaskKeyword = 'when' | 'loop' | 'register' | 'loop_control.label' | 'changed_when' | 'failed_when' | 'until' | 'delegate_to' | 'environment';

/** Why: the value at a path inside a task (`keyLocation(task, 'when')`, `keyLocation(task, 'copy', 'dest')`). */
export function keyLocation(task: Task, ...path: YamlPath): Location {
  return task.source.yaml.locate([...task.source.path, ...path]);
}

/** Why: expressions in a keyword report at that keyword's value, or at the item of a list of them. */
export function keywordSite(task: Task, keyword: TaskKeyword): ExpressionSite {
  const path = keyword.split('.');
  return { context: `${keyword} of task "${task.name}"`, at: (inner) => keyLocation(task, ...path, ...inner) };
}

/** Why: an error in an argument points at that argument, however deep (`copy: { dest: "{{ nope }}" }`). */
export function argumentsSite(task: Task): ExpressionSite {
  return { context: `task "${task.name}"`, at: (inner) => keyLocation(task, task.module, ...inner) };
}

/** Why: a role use's `when` and the task's own both decide, each reporting at its own place. */
export function whenHolds(task: Task, vars: Vars): boolean {
  const use = task.roleUse;
  if (use?.when !== undefined) {
    const site: ExpressionSite = {
      context: `when of role "${use.role.name}" (task "${task.name}")`,
      at: (inner) => use.source.yaml.locate([...use.source.path, 'when', ...inner]),
    };
    if (!condition(use.when, vars, site)) return false;
  }
  for (const inherited of task.inheritedWhen ?? []) {
    const site: ExpressionSite = {
      context: `when of the ${inherited.around} around task "${task.name}"`,
      at: (inner) => inherited.source.yaml.locate([...inherited.source.path, 'when', ...inner]),
    };
    if (!condition(inherited.when, vars, site)) return false;
  }
  return task.when === undefined || condition(task.when, vars, keywordSite(task, 'when'));
}

/** Why: a loop must give a list; said at the loop, before any host is contacted when the list is known. */
export function loopList(task: Task, items: unknown): unknown[] {
  if (!Array.isArray(items)) throw new InputError(`loop of task "${task.name}" must give a list, got ${typeof items}`, keyLocation(task, 'loop'));
  return items;
}
