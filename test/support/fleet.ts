// The fleet's inventory and role files run through the engine without the lab: a test playbook
// on the real inventory.yaml (hosts on the local connection) renders the roles' real templates
// with the roles' real defaults into a temp folder, where the test reads what a host would get.
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadInventory } from '../../lib/inventory/load.js';
import { runEngine, workspace, type RunReport } from './engine.js';

/** The repository root (this file is compiled to dist/test/support/). */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

/** A host added to a group of the inventory, as an operator would write it. */
export interface AddedHost {
  group: string;
  name: string;
  vars: Record<string, unknown>;
}

/** What a fleet run left: the engine's report and each file the playbook wrote, by name. */
export interface FleetRun {
  report: RunReport;
  files: Record<string, string>;
}

/** A role for the test playbook: a fleet role's defaults.yaml with tasks of the test's own. */
export interface TestRole {
  defaultsOf?: string;
  tasks: string;
}

/** Why: the inventory.yaml text with hosts added to its groups, the change docs/scaling.md describes. */
export function inventoryWith(added: AddedHost[]): string {
  let text = readFileSync(`${REPO}/inventory.yaml`, 'utf8');
  for (const host of added) {
    const at = new RegExp(`(\\n    ${host.group}:\\n(?:      .*\\n|\\s*\\n)*?      hosts:\\n)`);
    if (!at.test(text)) throw new Error(`inventory.yaml has no group ${host.group} with hosts`);
    text = text.replace(at, `$1        ${host.name}: ${JSON.stringify(host.vars)}\n`);
  }
  return text;
}

/**
 * Why: runs `playbook` (which writes into `{{ out }}`) on the fleet's inventory with every host
 * on the local connection; `hostVars` are added per host as the lab adds its overrides, and the
 * fleet's roles are found as in site.yaml, next to `roles` given here.
 */
export async function runOnFleet(options: { playbook: string; roles?: Record<string, TestRole>; added?: AddedHost[]; hostVars?: Record<string, Record<string, unknown>> }): Promise<FleetRun> {
  const ws = workspace({ 'play.yaml': options.playbook, 'inventory.yaml': inventoryWith(options.added ?? []) });
  try {
    mkdirSync(ws.path('roles'));
    mkdirSync(ws.path('out'));
    for (const role of readdirSync(`${REPO}/roles`, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      symlinkSync(`${REPO}/roles/${role.name}`, ws.path(`roles/${role.name}`));
    }
    for (const [name, role] of Object.entries(options.roles ?? {})) {
      ws.write({ [`roles/${name}/tasks.yaml`]: role.tasks });
      if (role.defaultsOf) symlinkSync(`${REPO}/roles/${role.defaultsOf}/defaults.yaml`, ws.path(`roles/${name}/defaults.yaml`));
    }
    const names = [...loadInventory(ws.path('inventory.yaml')).hosts.keys()];
    const overrides = new Map(names.map((name) => [name, { connection: 'local', ...options.hostVars?.[name] }]));
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { out: `${ws.dir}/out` }, hostOverrides: overrides } });
    const files = Object.fromEntries(readdirSync(ws.path('out')).map((entry) => [entry, readFileSync(ws.path(`out/${entry}`), 'utf8')]));
    return { report, files };
  } finally {
    ws.remove();
  }
}
