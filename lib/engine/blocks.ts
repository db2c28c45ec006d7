// Ansible's block/rescue/always at run time: which parts of its blocks a host still runs after a
// failure, how a failure an inner block did not rescue reaches the block around it, and the recap.
import type { BlockPart, Task } from '../playbook/types.js';
import type { BlockState, HostRun } from './state.js';

/** Why: a task inside blocks runs on a host only where every block around it lets that part run. */
export function runsBlockParts(task: Task, host: HostRun): boolean {
  return (task.blocks ?? []).every((b) => {
    const state = host.blocks.get(b.id);
    if (b.part === 'body') return state === undefined;
    if (b.part === 'rescue') return state === 'rescuing';
    return state !== 'always-failed';
  });
}

/**
 * Why: a failure inside blocks is the blocks' to handle. The innermost block moves on (to its
 * rescue, or its always); the host fails only when the failure leaves the outermost block. As
 * Ansible counts it, the failure is `rescued` when a block around it with a rescue is still in
 * its body, else `failed`, at once.
 */
export function failInBlocks(task: Task, host: HostRun): void {
  const blocks = task.blocks!;
  if (blocks.some((b) => b.part === 'body' && b.hasRescue)) host.recap.rescued += 1;
  else host.recap.failed += 1;
  const inner = blocks[blocks.length - 1];
  host.blocks.set(inner.id, after(inner));
}

/**
 * Why: when the tasks move out of blocks (the next task is in fewer of them, or the section
 * ends), each block left is settled, innermost first: a failure it did not rescue goes to the
 * block around it, at the part it stood in, or fails the host when no block is left.
 */
export function leaveBlocks(previous: Task | undefined, next: Task | undefined, hosts: HostRun[]): void {
  const was = previous?.blocks ?? [];
  const now = next?.blocks ?? [];
  let common = 0;
  while (common < was.length && common < now.length && was[common].id === now[common].id) common++;
  for (let level = was.length - 1; level >= common; level--) {
    for (const host of hosts) {
      const state = host.blocks.get(was[level].id);
      if (state === undefined) continue;
      host.blocks.delete(was[level].id);
      if (state === 'rescuing' || host.state !== 'active') continue;
      if (level === 0) host.state = 'failed';
      else host.blocks.set(was[level - 1].id, after(was[level - 1]));
    }
  }
}

/** Where a failure in this part of the block takes the host. */
function after(b: BlockPart): BlockState {
  if (b.part === 'body') return b.hasRescue ? 'rescuing' : 'failed';
  return b.part === 'rescue' ? 'failed' : 'always-failed';
}
