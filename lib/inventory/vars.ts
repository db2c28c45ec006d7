// The five variable layers and the one function that merges them; the README's variable table
// is generated from VARIABLE_LAYERS, so the documented order is the order the code applies.
import { groupDepths, groupsOf, hostsOf, remembered } from './tree.js';
import type { Location } from '../errors.js';
import type { Inventory, Vars } from './types.js';

/** The variables of each layer for one host; a missing layer counts as empty. */
export interface VarLayers {
  roleDefaults?: Vars;
  group?: Vars;
  host?: Vars;
  play?: Vars;
  extra?: Vars;
}

/** Why: one table, lowest precedence first, drives both the merge and the documentation. */
export const VARIABLE_LAYERS: ReadonlyArray<{ layer: keyof VarLayers; name: string; description: string }> = [
  { layer: 'roleDefaults', name: 'role defaults', description: "`roles/NAME/defaults.yaml`: a role's fallbacks, meant to be overridden." },
  {
    layer: 'group',
    name: 'group vars',
    description: "`vars:` of the host's groups in the inventory; a parent group ranks below its children (by depth below `all`, then by name).",
  },
  { layer: 'host', name: 'host vars', description: 'Variables written under the host in the inventory.' },
  { layer: 'play', name: 'play vars / role params', description: "The play's `vars:`, then role vars (`roles/NAME/vars.yaml` of the roles the play lists or imports, the task's own role last), then a task's `vars:`, then the parameters given to a role in `roles:` (a role parameter wins, as in Ansible)." },
  { layer: 'extra', name: 'extra vars', description: '`-e k=v`, `-e \'{...}\'` and `-e @file.yaml` on the command line; they always win.' },
];

/**
 * Why: Ansible's 22 precedence levels are replaced by five, merged here and nowhere else.
 * Each top-level key of a higher layer replaces the lower one whole (hash_behaviour=replace).
 */
export function mergeVars(layers: VarLayers): Vars {
  return Object.assign({}, ...VARIABLE_LAYERS.map(({ layer }) => layers[layer] ?? {})) as Vars;
}

/** Why: the group layer of one host: its groups' vars, shallowest first, ties by name, deeper winning. */
export function groupVarsFor(inventory: Inventory, host: string): Vars {
  const merged = remembered(inventory, `group-vars:${host}`, () => Object.assign({}, ...rankedGroups(inventory, host).map((g) => inventory.groups.get(g)!.vars)) as Vars);
  return { ...merged };
}

/** The host's groups, lowest precedence first: shallowest first, ties by name. */
function rankedGroups(inventory: Inventory, host: string): string[] {
  const depths = groupDepths(inventory);
  return groupsOf(inventory, host).sort((a, b) => depths.get(a)! - depths.get(b)! || (a < b ? -1 : 1));
}

/** Why: an error about a host's inventory variable points at the line whose value is in force (host, then deepest group). */
export function inventoryVarLocation(inventory: Inventory, host: string, name: string): Location | undefined {
  const defs = [inventory.hosts.get(host), ...rankedGroups(inventory, host).reverse().map((g) => inventory.groups.get(g))];
  return defs.find((def) => def?.varLocations.has(name))?.varLocations.get(name);
}

/** Why: the host layer, copied so a caller's changes cannot leak into the inventory. */
export function hostVarsFor(inventory: Inventory, host: string): Vars {
  return { ...inventory.hosts.get(host)?.vars };
}

/** Why: Ansible's `group_names`: the host's groups (through children too) except `all`, sorted. */
export function groupNamesOf(inventory: Inventory, host: string): string[] {
  return groupsOf(inventory, host)
    .filter((g) => g !== 'all')
    .sort();
}

/**
 * Why: the variables every host has, as Ansible users expect: its name, its groups, every group's
 * hosts, and `ansible_check_mode` (true under --check), under Ansible's names so playbooks port as they are.
 */
export function builtinVars(inventory: Inventory, host: string, check: boolean): Vars {
  return {
    inventory_hostname: host,
    ansible_check_mode: check,
    group_names: groupNamesOf(inventory, host),
    groups: remembered(inventory, 'groups', () => Object.freeze(Object.fromEntries([...inventory.groups.keys()].map((g) => [g, Object.freeze(hostsOf(inventory, g))])))),
  };
}
