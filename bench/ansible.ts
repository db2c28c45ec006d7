// The Ansible side of the comparison: Debian's ansible-core, configured the fast way (pipelining,
// ControlPersist, forks ≥ hosts, no fact gathering the tasks do not need), and its recap parsed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit, signalTree } from '../test/support/processes.js';
import { measure, processesMentioning, type Measured, type MeasureOptions } from './measure.js';

export interface AnsibleRecap {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
}

/** Why: the version goes into every result row; test/support/prerequisites.ts installed ansible-core. */
export function ansibleVersion(): string {
  const version = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).stdout;
  return /\[core ([^\]]+)\]/.exec(version)?.[1] ?? version.split('\n')[0];
}

/** Why: the fair configuration the issue asks for (forks ≥ hosts, at least 5), in one place the README points to. */
export function ansibleConfig(hosts: number, knownHosts: string): string {
  return [
    '[defaults]',
    `forks = ${Math.max(hosts, 5)}`,
    'gathering = explicit',
    'host_key_checking = True',
    'interpreter_python = /usr/bin/python3',
    'retry_files_enabled = False',
    'deprecation_warnings = False',
    '',
    '[ssh_connection]',
    'pipelining = True',
    `ssh_args = -o ControlMaster=auto -o ControlPersist=120s -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes`,
    '',
  ].join('\n');
}

/** Why: `ok=… changed=… unreachable=… failed=…` per host is all a run has to prove it did nothing. */
export function parseRecap(output: string): Map<string, AnsibleRecap> {
  const recap = new Map<string, AnsibleRecap>();
  const line = /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm;
  for (const m of output.matchAll(line)) {
    recap.set(m[1], { ok: Number(m[2]), changed: Number(m[3]), unreachable: Number(m[4]), failed: Number(m[5]) });
  }
  return recap;
}

/**
 * Why: each run starts with no SSH master, as bc-play starts with no connection (a drift check
 * runs cold); the masters it leaves behind are stopped by PID afterwards.
 */
export async function runAnsible(config: string, playbook: string, inventory: string, extraArgs: string[], options: MeasureOptions = {}): Promise<Measured> {
  const controlDir = mkdtempSync(join(tmpdir(), 'bcplay-bench-cp-'));
  const env = { ...process.env, ...options.env, ANSIBLE_CONFIG: config, ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir, ANSIBLE_NOCOLOR: '1' };
  const stopMasters = () => processesMentioning(controlDir).forEach((pid) => signalTree(pid, 'SIGTERM'));
  const cancel = onExit(stopMasters); // an interrupted benchmark leaves no master behind
  try {
    return await measure('ansible-playbook', ['-i', inventory, playbook, ...extraArgs], { ...options, env, alsoCount: () => processesMentioning(controlDir) });
  } finally {
    cancel();
    stopMasters();
    rmSync(controlDir, { recursive: true, force: true });
  }
}
