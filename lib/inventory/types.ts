// The shape of a loaded inventory: hosts, groups and where each was written.
import type { Location } from '../errors.js';

export type Vars = Record<string, unknown>;

/** Why: a host keeps its own variables and its source location for error messages. */
export interface HostDef {
  name: string;
  vars: Vars;
  /** Where each variable's value was written, for errors about that value. */
  varLocations: Map<string, Location>;
  location: Location;
  /** Ansible's implicit localhost: added for a play that names it, not a member of `all`. */
  implicit?: boolean;
}

/** Why: groups form a tree (children); variables of parents rank below their children's. */
export interface GroupDef {
  name: string;
  /** Hosts listed directly in this group. */
  hosts: string[];
  children: string[];
  vars: Vars;
  /** Where each variable's value was written, for errors about that value. */
  varLocations: Map<string, Location>;
  location: Location;
}

/** Why: the one description of the fleet, as the engine and the lab read it. */
export interface Inventory {
  file: string;
  hosts: Map<string, HostDef>;
  /** Always has `all` (every host) and `ungrouped`. */
  groups: Map<string, GroupDef>;
}

/**
 * Connection settings read from host variables (any layer), with these names:
 * `connection` (ssh | local, default ssh; `localhost` defaults to local), `address`
 * (default: the host name), `ssh_port` (22), `ssh_user` (root), `ssh_private_key`,
 * `ssh_known_hosts` (default ~/.ssh/known_hosts). `private_address` is the VPC address.
 */
export const CONNECTION_VARS = ['connection', 'address', 'ssh_port', 'ssh_user', 'ssh_private_key', 'ssh_known_hosts'] as const;
