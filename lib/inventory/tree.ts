// Questions about the group tree that patterns and variables both ask: who is in a group,
// which groups hold a host, how deep a group sits below `all`.
import type { Inventory } from './types.js';

/** Why: a group's hosts include its children's hosts; patterns and `groups` need the full list, in inventory order. */
export function hostsOf(inventory: Inventory, group: string): string[] {
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
  return [...inventory.hosts.keys()].filter((h) => group === 'all' || members.has(h));
}

/** Why: a host's variables come from every group that holds it, directly or through a child group. */
export function groupsOf(inventory: Inventory, host: string): string[] {
  return [...inventory.groups.keys()].filter((group) => hostsOf(inventory, group).includes(host));
}

/**
 * Why: parent groups' variables rank below their children's; depth is the longest path from
 * `all` (0), so a group is always deeper than each of its parents.
 */
export function groupDepths(inventory: Inventory): Map<string, number> {
  const depths = new Map<string, number>();
  const walk = (name: string, depth: number): void => {
    if ((depths.get(name) ?? -1) >= depth) return;
    depths.set(name, depth);
    inventory.groups.get(name)?.children.forEach((child) => walk(child, depth + 1));
  };
  walk('all', 0);
  return depths;
}
