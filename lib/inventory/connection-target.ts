// From a host's merged variables to how to reach it; the variable names are listed in types.ts.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ConnectionTarget } from '../connection/connection.js';
import { InputError, type Location } from '../errors.js';
import type { Inventory, Vars } from './types.js';
import { groupVarsFor, hostVarsFor, inventoryVarLocation } from './vars.js';

/** Settings from the command line that apply when a host's variables do not say otherwise. */
export interface ConnectionDefaults {
  knownHosts?: string;
  privateKey?: string;
  acceptNewHostKeys?: boolean;
}

type Check = { test: (value: unknown) => boolean; expected: string };

const text: Check = { test: (v) => typeof v === 'string' && v !== '', expected: 'a non-empty string' };

const CHECKS: Record<string, Check> = {
  connection: { test: (v) => v === 'ssh' || v === 'local', expected: 'ssh or local' },
  address: text,
  ssh_port: { test: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535, expected: 'an integer from 1 to 65535' },
  ssh_user: text,
  ssh_private_key: text,
  ssh_known_hosts: text,
};

/** Where a variable's value in force was written, when one line set it. */
export type VarLocator = (name: string, value: unknown) => Location | undefined;

/**
 * Why: every transport is built from the same variables with the same defaults (ssh, the host's
 * name as address, port 22, root, ~/.ssh/known_hosts; `localhost` is reached locally), and a
 * wrongly typed value is refused before any host is contacted, at the line that set it.
 */
export function connectionTargetFor(host: string, vars: Vars, defaults: ConnectionDefaults = {}, locate: VarLocator = () => undefined): ConnectionTarget {
  for (const [name, check] of Object.entries(CHECKS)) {
    const value = vars[name];
    if (value !== undefined && !check.test(value)) {
      throw new InputError(
        `host "${host}": variable "${name}" must be ${check.expected}, got ${JSON.stringify(value)}`,
        locate(name, value),
        'fix it where it is set: the inventory, the play or -e',
      );
    }
  }
  const kind = (vars.connection as 'ssh' | 'local' | undefined) ?? (host === 'localhost' ? 'local' : 'ssh');
  const base = {
    host,
    kind,
    address: (vars.address as string | undefined) ?? host,
    port: (vars.ssh_port as number | undefined) ?? 22,
    user: (vars.ssh_user as string | undefined) ?? 'root',
  };
  if (kind === 'local') return base;
  const privateKey = (vars.ssh_private_key as string | undefined) ?? defaults.privateKey;
  return {
    ...base,
    ...(privateKey !== undefined && { privateKey: expandHome(privateKey) }),
    knownHosts: expandHome((vars.ssh_known_hosts as string | undefined) ?? defaults.knownHosts ?? '~/.ssh/known_hosts'),
    ...(defaults.acceptNewHostKeys !== undefined && { acceptNewHostKeys: defaults.acceptNewHostKeys }),
  };
}

/**
 * Why: a value that came from the inventory is blamed on its line there; one that the play, -e or
 * the lab set instead (a different value) has no inventory line to point at.
 */
export function inventoryLocator(inventory: Inventory, host: string): VarLocator {
  const own = { ...groupVarsFor(inventory, host), ...hostVarsFor(inventory, host) };
  return (name, value) => (isDeepStrictEqual(own[name], value) ? inventoryVarLocation(inventory, host, name) : undefined);
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}
