// Reads an inventory file into hosts and groups, refusing anything ambiguous (a variable set twice
// to different values, a cycle of groups, a group and a host of the same name) with its location.
import { isDeepStrictEqual } from 'node:util';
import { formatLocation, InputError, type Location } from '../errors.js';
import { connectionVariableFor } from '../playbook/ansible-names.js';
import { validateAt } from '../schema/validate.js';
import { loadYamlFile, parseYaml, type YamlFile, type YamlPath } from '../yaml/load.js';
import { INVENTORY_SCHEMA } from './schema.js';
import type { GroupDef, HostDef, Inventory, Vars } from './types.js';

/** The file's shape once the schema has accepted it. */
interface GroupBody {
  hosts?: Record<string, Vars | null>;
  children?: Record<string, GroupBody | null>;
  vars?: Vars;
}

/** Why: the engine, the CLI and the lab all start from the inventory file named by `-i`. */
export function loadInventory(path: string): Inventory {
  return buildInventory(loadYamlFile(path));
}

/** Why: tests and tools build inventories from text without writing files. */
export function parseInventoryText(text: string, file: string): Inventory {
  return buildInventory(parseYaml(text, file));
}

function buildInventory(yaml: YamlFile): Inventory {
  validateAt(INVENTORY_SCHEMA, yaml.data, { yaml, path: [], what: 'inventory' });
  const builder = new Builder(yaml);
  for (const [name, body] of Object.entries(yaml.data as Record<string, GroupBody | null>)) {
    builder.addGroup(name, body, [name]);
  }
  return builder.finish();
}

/** Where each variable of a host or group was set, to name both places of a conflict. */
type VarSources = Map<string, Location>;

class Builder {
  readonly hosts = new Map<string, HostDef>();
  readonly groups = new Map<string, GroupDef>();
  private readonly varSources = new Map<HostDef | GroupDef, VarSources>();
  /** parent → child → where the child was listed. */
  private readonly edges = new Map<string, Map<string, Location>>();

  constructor(private readonly yaml: YamlFile) {
    const data = yaml.data as Record<string, unknown>;
    const builtinAt = yaml.locate('all' in data ? ['all'] : [], { key: true });
    for (const name of ['all', 'ungrouped']) this.groups.set(name, { name, hosts: [], children: [], vars: {}, varLocations: new Map(), location: builtinAt });
  }

  addGroup(name: string, body: GroupBody | null, path: YamlPath, parent?: string): void {
    const location = this.yaml.locate(path, { key: true });
    let group = this.groups.get(name);
    if (!group) {
      group = { name, hosts: [], children: [], vars: {}, varLocations: new Map(), location };
      this.groups.set(name, group);
    }
    if (parent !== undefined) this.addEdge(parent, name, location);
    // In the order written, so hosts keep the file's order whichever section comes first.
    const sections: GroupBody = body ?? {};
    for (const section of Object.keys(sections)) {
      if (section === 'vars') this.mergeVars(group, `group "${name}"`, sections.vars ?? {}, [...path, 'vars']);
      if (section === 'hosts') {
        for (const [host, vars] of Object.entries(sections.hosts ?? {})) {
          this.addHost(host, vars ?? {}, [...path, 'hosts', host]);
          if (!group.hosts.includes(host)) group.hosts.push(host);
        }
      }
      if (section === 'children') {
        for (const [child, childBody] of Object.entries(sections.children ?? {})) {
          this.addGroup(child, childBody, [...path, 'children', child], name);
        }
      }
    }
  }

  private addHost(name: string, vars: Vars, path: YamlPath): void {
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, vars: {}, varLocations: new Map(), location: this.yaml.locate(path, { key: true }) };
      this.hosts.set(name, host);
    }
    this.mergeVars(host, `host "${name}"`, vars, path);
  }

  private addEdge(parent: string, child: string, location: Location): void {
    const children = this.edges.get(parent) ?? new Map<string, Location>();
    this.edges.set(parent, children);
    if (!children.has(child)) children.set(child, location);
    const group = this.groups.get(parent)!;
    if (!group.children.includes(child)) group.children.push(child);
  }

  /** Same key, same value in two places is fine; different values is an error naming both. */
  private mergeVars(target: HostDef | GroupDef, what: string, vars: Vars, path: YamlPath): void {
    const sources = this.varSources.get(target) ?? new Map<string, Location>();
    this.varSources.set(target, sources);
    for (const [key, value] of Object.entries(vars)) {
      const here = this.yaml.locate([...path, key], { key: true });
      const bcPlay = connectionVariableFor(key);
      if (bcPlay) throw new InputError(`${what}: "${key}" is Ansible's name, which bc-play does not read`, here, `write ${bcPlay}: ${show(value)}`);
      const first = sources.get(key);
      if (first && !isDeepStrictEqual(target.vars[key], value)) {
        throw new InputError(
          `${what}: variable "${key}" is set to different values: ${show(target.vars[key])} at ${formatLocation(first)} and ${show(value)} here`,
          here,
          'a host or group written in several places gets the variables of every place; set the variable once',
        );
      }
      if (!first) {
        sources.set(key, here);
        target.varLocations.set(key, this.yaml.locate([...path, key]));
      }
      target.vars[key] = value;
    }
  }

  finish(): Inventory {
    this.adoptOrphanGroups();
    this.checkNameClashes();
    this.checkCycles();
    this.fillUngrouped();
    return { file: this.yaml.file, hosts: this.hosts, groups: this.groups };
  }

  /** Every group without a parent is a child of `all`, as in Ansible; `ungrouped` comes last. */
  private adoptOrphanGroups(): void {
    const hasParent = new Set([...this.edges.values()].flatMap((children) => [...children.keys()]));
    const names = [...this.groups.keys()].filter((name) => name !== 'ungrouped');
    for (const name of [...names, 'ungrouped']) {
      if (name !== 'all' && !hasParent.has(name)) this.addEdge('all', name, this.groups.get(name)!.location);
    }
  }

  private checkNameClashes(): void {
    for (const host of this.hosts.values()) {
      const group = this.groups.get(host.name);
      if (!group) continue;
      const where = ['all', 'ungrouped'].includes(host.name) ? 'a built-in group' : `a group (at ${formatLocation(group.location)})`;
      throw new InputError(
        `host "${host.name}" has the same name as ${where}`,
        host.location,
        'rename the host or the group: a host pattern could not tell them apart',
      );
    }
  }

  private checkCycles(): void {
    const done = new Set<string>();
    // trail: the groups from the start of the walk down to and including `name`.
    const visit = (name: string, trail: string[]): void => {
      if (done.has(name)) return;
      for (const [child, location] of this.edges.get(name) ?? []) {
        if (trail.includes(child)) {
          const cycle = [...trail.slice(trail.indexOf(child)), child].join(' → ');
          throw new InputError(
            `groups form a cycle: ${cycle}`,
            location,
            `remove "${child}" from the children of "${name}"`,
          );
        }
        visit(child, [...trail, child]);
      }
      done.add(name);
    };
    for (const name of this.groups.keys()) visit(name, [name]);
  }

  /** `ungrouped` holds the hosts that no group other than `all` lists. */
  private fillUngrouped(): void {
    const listed = new Set(
      [...this.groups.values()].filter((g) => g.name !== 'all' && g.name !== 'ungrouped').flatMap((g) => g.hosts),
    );
    this.groups.get('ungrouped')!.hosts = [...this.hosts.keys()].filter((h) => !listed.has(h));
  }
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
