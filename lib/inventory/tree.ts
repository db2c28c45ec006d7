// Questions about the group tree that patterns and variables both ask: who is in a group,
// which groups hold a host, how deep a group sits below `all`.
import { getOrCreate } from '../memo.js';
import type { Inventory } from './types.js';

/** Answers per inventory: an inventory does not change once loaded, and runs ask per task and host. */
const memo = new WeakMap<Inventory, Map<string, unknown>>();

/** Why: every question below is asked per task and host; computing each answer once keeps a 100-host run linear. */
export function remembered<T>(inventory: Inventory, key: string, compute: () => T): T {
  return getOrCreate(getOrCreate(memo, inventory, () => new Map()), key, compute) as T;
}

/** Why: a group's hosts include its children's hosts; patterns and `groups` need the full list, in inventory order. */
export function hostsOf(inventory: Inventory, group: string): string[] {
  return [...remembered(inventory, `hosts:${group}`, () => computeHostsOf(inventory, group))];
}

function computeHostsOf(inventory: Inventory, group: string): string[] {
  const members = new Set<string>();
  const seen = new Set<string>();
  const walk = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const def = inventory.groups.get(name);
    if (!def) return;
    def.hosts.forEach((h) => members.add(h));
    def.children.forEach(walk);
  };
  walk(group);
  return [...inventory.hosts.keys()].filter((h) => (group === 'all' && !inventory.hosts.get(h)!.implicit) || members.has(h));
}

/** Why: a host's variables come from every group that holds it, directly or through a child group. */
export function groupsOf(inventory: Inventory, host: string): string[] {
  return [...remembered(inventory, `groups:${host}`, () => [...inventory.groups.keys()].filter((group) => hostsOf(inventory, group).includes(host)))];
}

/**
 * Why: parent groups' variables rank below their children's; depth is the longest path from
 * `all` (0), so a group is always deeper than each of its parents.
 */
export function groupDepths(inventory: Inventory): Map<string, number> {
  return remembered(inventory, 'depths', () => computeGroupDepths(inventory));
}

function computeGroupDepths(inventory: Inventory): Map<string, number> {
  const depths = new Map<string, number>();
  const walk = (name: string, depth: number): void => {
    if ((depths.get(name) ?? -1) >= depth) return;
    depths.set(name, depth);
    inventory.groups.get(name)?.children.forEach((child) => walk(child, depth + 1));
  };
  walk('all', 0);
  return depths;
}
