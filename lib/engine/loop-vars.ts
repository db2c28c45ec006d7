// loop_control's names: what a loop item is called (loop_var), its index (index_var) and, with
// `extended`, `ansible_loop`; the same names go into each registered result, as Ansible's.
import type { Task, Vars } from '../playbook/types.js';

/** Why: the variables a loop item adds to the task's, computed once for conditions, arguments and labels. */
export function loopItemVars(task: Task, items: unknown[], index: number): Vars {
  const out: Vars = { [task.loopVar ?? 'item']: items[index] };
  if (task.indexVar) out[task.indexVar] = index;
  if (task.loopExtended) out.ansible_loop = extended(items, index);
  return out;
}

/** Why: a registered loop result names its item (and index) as Ansible's does: `results[i][loop_var]`. */
export function loopResultKeys(task: Task, vars: Vars): Vars {
  const loopVar = task.loopVar ?? 'item';
  return {
    [loopVar]: vars[loopVar],
    ansible_loop_var: loopVar,
    ...(task.indexVar ? { [task.indexVar]: vars[task.indexVar], ansible_index_var: task.indexVar } : {}),
    ...(task.loopExtended ? { ansible_loop: vars.ansible_loop } : {}),
  };
}

/** Why: the name a label and a per-item message read the item by. */
export function loopItem(task: Task, vars: Vars): unknown {
  return vars[task.loopVar ?? 'item'];
}

/** Ansible's ansible_loop: previtem is absent on the first item, nextitem on the last. */
function extended(items: unknown[], i: number): Vars {
  const length = items.length;
  return {
    allitems: items,
    index: i + 1,
    index0: i,
    revindex: length - i,
    revindex0: length - i - 1,
    first: i === 0,
    last: i === length - 1,
    length,
    ...(i > 0 ? { previtem: items[i - 1] } : {}),
    ...(i < length - 1 ? { nextitem: items[i + 1] } : {}),
  };
}
