// What each test suite (and the benchmark) needs installed on this machine, by Debian package:
// installed with apt-get when run as root on Debian, as `bc-play lab up` does for the lab, or else
// one line that names what is missing and the command that installs it, before any test runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LAB_TOOLS } from '../../lib/lab/prereqs.js';

/** A file (absolute path), a command on PATH, or one of the names present() knows, and its Debian package. */
type Need = readonly [what: string, pkg: string];

const SSH_CLIENT: Need[] = [['ssh', 'openssh-client'], ['ssh-keygen', 'openssh-client']];
const SSHD: Need[] = [['/usr/sbin/sshd', 'openssh-server'], ['sudo', 'sudo'], ['visudo', 'sudo'], ...SSH_CLIENT];
const LAB: Need[] = [...LAB_TOOLS, ['/usr/share/keyrings/debian-archive-keyring.gpg', 'debian-archive-keyring']];
const ANSIBLE: Need[] = [['ansible-playbook', 'ansible-core'], ['python3-apt', 'python3-apt']];
/** get_url, uri and unarchive run these on the host, which the parity suite's local connection makes this machine. */
const HOST_TOOLS: Need[] = [['curl', 'curl'], ['zip', 'zip'], ['unzip', 'unzip']];

/** Why: one table says what every suite starts, so `npm test` can install it or say what is missing. */
export const SUITE_NEEDS: Record<string, Need[]> = {
  unit: SSH_CLIENT,
  ssh: SSHD,
  parity: [...ANSIBLE, ...HOST_TOOLS],
  services: [['postgresql', 'postgresql'], ['redis-server', 'redis-server'], ['/usr/bin/chromium', 'chromium']],
  bench: [...SSHD, ...ANSIBLE], // the lab scenarios' tools: `lab up` installs them
  lab: LAB,
  e2e: [...LAB, ...ANSIBLE],
};

/** Why: suites that start servers or the lab need root; the message says so before any test runs. */
const NEEDS_ROOT = new Set(['ssh', 'services', 'bench', 'lab', 'e2e']);

function present(what: string): boolean {
  if (what === 'postgresql') return existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  // the interpreter Ansible is given (bench/ansible.ts), not whichever python3 is first on PATH
  if (what === 'python3-apt') return spawnSync('/usr/bin/python3', ['-c', 'import apt_pkg']).status === 0;
  if (what.startsWith('/')) return existsSync(what);
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  return dirs.some((d) => d && existsSync(join(d, what)));
}

/** Why: missing packages by name, in a stable order, for the message and for apt-get. */
export function missingPackages(suites: string[], isPresent: (what: string) => boolean = present): string[] {
  const needs = suites.flatMap((s) => SUITE_NEEDS[s] ?? []);
  return [...new Set(needs.filter(([what]) => !isPresent(what)).map(([, pkg]) => pkg))];
}

/** Why: the one line a user without root or apt-get sees, with the command to run. */
export function missingMessage(who: string, missing: string[]): string {
  return `${who} needs these Debian packages, not installed here: ${missing.join(' ')}; install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
}

/**
 * Why: `npm test` on a fresh Debian machine as root installs what its suites start (as `lab up`
 * does); anywhere else it stops at once with one line naming what is missing and the command.
 */
export async function ensureTestPrerequisites(suites: string[], log: (line: string) => void, who = 'npm test'): Promise<void> {
  const root = process.getuid?.() === 0;
  const rootSuites = suites.filter((s) => NEEDS_ROOT.has(s));
  if (!root && rootSuites.length) {
    throw new Error(`${who}: the ${rootSuites.join(', ')} suites need root (they start sshd, servers or the lab); run it as root, or run only the unit suite: npm run test:unit`);
  }
  const missing = missingPackages(suites);
  if (!missing.length) return;
  if (!root || !existsSync('/etc/debian_version') || !present('apt-get')) throw new Error(missingMessage(who, missing));
  log(`${who}: installing what its suites need with apt-get: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=120', '--no-install-recommends', ...missing])) {
    throw new Error(`${who}: apt-get could not install ${missing.join(' ')} (see its output above); install them with: apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  // the tests start their own servers; the packaged ones would only hold ports and memory
  for (const unit of ['postgresql', 'redis-server']) if (missing.includes(unit)) spawnSync('systemctl', ['disable', '--now', unit], { stdio: 'ignore' });
  const still = missingPackages(suites);
  if (still.length) throw new Error(missingMessage(who, still));
}
