// Checks that this machine can run the lab: Linux, root, and the tools (by Debian package).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BcError } from '../errors.js';
import { mustRun } from './exec.js';

/** Why: each tool the lab calls, with the Debian package that ships it, for the error message. */
export const LAB_TOOLS: ReadonlyArray<readonly [tool: string, pkg: string]> = [
  ['systemd-nspawn', 'systemd-container'],
  ['mmdebstrap', 'mmdebstrap'],
  ['iptables', 'iptables'],
  ['ip', 'iproute2'],
  ['ssh', 'openssh-client'],
  ['ssh-keygen', 'openssh-client'],
];

/** Why: a missing tool is reported by package, which is what the user can act on. */
export function missingPackages(onPath: (tool: string) => boolean): string[] {
  const pkgs = LAB_TOOLS.filter(([tool]) => !onPath(tool)).map(([, pkg]) => pkg);
  return [...new Set(pkgs)];
}

function onPath(tool: string): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  return dirs.some((d) => d && existsSync(join(d, tool)));
}

/**
 * Why: the lab needs root on Linux; on Debian it installs its own missing tools (announced on
 * `err`), elsewhere it names the packages to install.
 */
export async function ensurePrerequisites(err: (line: string) => void): Promise<void> {
  if (process.platform !== 'linux') {
    throw new BcError(`the lab needs Linux (systemd-nspawn); this is ${process.platform}`, undefined, 'run the lab on a Debian machine or VM');
  }
  if (process.getuid?.() !== 0) {
    throw new BcError('the lab needs root: it creates bridges, firewall rules, mounts and containers', undefined, 'run it with sudo');
  }
  const missing = missingPackages(onPath);
  if (missing.length === 0) return;
  if (!existsSync('/etc/debian_version') || !onPath('apt-get')) {
    throw new BcError(`the lab needs these packages: ${missing.join(', ')}`, undefined, 'install them with your package manager');
  }
  err(`lab: installing its prerequisites with apt-get: ${missing.join(' ')}`);
  await mustRun('apt-get', ['update', '-qq']);
  await mustRun('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
