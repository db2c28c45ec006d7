// The lab's record of everything it made on this machine: written before each change, so `down`
// can undo a half-finished `up` too.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FirewallRule } from './firewall.js';
import type { Suite } from './image.js';

/** One lab host as recorded. */
export interface HostState {
  name: string;
  /** Small number naming its veth interfaces (bcp<index>, bcv<index>) and cgroups. */
  index: number;
  publicAddress: string;
  vpcAddress: string;
  /** PID of its systemd-nspawn while it runs. */
  pid?: number;
  /** Its overlay root while mounted. */
  mountedAt?: string;
  /** cgroup directories created for it (removed bottom-up on stop). */
  cgroups: string[];
  startedAt?: string;
}

/** Why: the state file's shape; `status` reads it, `down` undoes it. */
export interface LabState {
  version: 1;
  suite: Suite;
  /** The base image directory (overlay lower dir). */
  image: string;
  publicBridge: string;
  vpcBridge: string;
  publicSubnet: string;
  vpcSubnet: string;
  gateway: string;
  /** Mirror host name → the IPv4 addresses the firewall allows (pinned in each host's /etc/hosts). */
  mirrorPins: Record<string, string[]>;
  resolvers: string[];
  /** ip_forward before the lab changed it, restored by `down`. */
  ipForwardBefore?: string;
  bridges: string[];
  rules: FirewallRule[];
  hosts: Record<string, HostState>;
}

/** Why: a missing state file means no lab is up; that is not an error. */
export function readState(file: string): LabState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as LabState;
}

/** Why: written atomically (rename), so a crash never leaves a truncated record. */
export function writeState(file: string, state: LabState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}
