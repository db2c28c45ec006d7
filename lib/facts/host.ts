// Host facts: what the machine is, read once per host per run in one round trip.
import type { FactSpec } from './fact.js';

/** Why: roles and budgets decide by OS, version and size; these names are what users see as `facts`. */
export interface HostFacts {
  hostname: string;
  os: { id: string; version_id: string; codename: string; pretty_name: string };
  arch: string;
  kernel: string;
  memory_mb: number;
  cpus: number;
  addresses: string[];
  /** The user commands run as, and whether it is root. */
  user: string;
  is_root: boolean;
  has_systemd: boolean;
}

const SEP = '@@bc-play-host@@';

/** Why: one command that prints every host fact, parsed in one place; used by the executor at play start. */
export const hostFacts: FactSpec<HostFacts> = {
  key: 'host',
  about: [],
  command: [
    'hostname',
    `echo ${SEP}`,
    'cat /etc/os-release 2>/dev/null',
    `echo ${SEP}`,
    'uname -m',
    `echo ${SEP}`,
    'uname -r',
    `echo ${SEP}`,
    "awk '/^MemTotal:/ {print $2}' /proc/meminfo",
    `echo ${SEP}`,
    'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN',
    `echo ${SEP}`,
    "(hostname -I 2>/dev/null || ip -o -4 addr show 2>/dev/null | awk '{print $4}' | cut -d/ -f1)",
    `echo ${SEP}`,
    'id -un',
    `echo ${SEP}`,
    'test -d /run/systemd/system && echo yes || echo no',
  ].join('; '),
  parse(stdout) {
    const [hostname, osRelease, arch, kernel, memKb, cpus, addrs, user, systemd] = stdout
      .split(`${SEP}\n`)
      .map((s) => s.trim());
    const os = Object.fromEntries(
      (osRelease ?? '')
        .split('\n')
        .map((l) => /^([A-Z_]+)=(.*)$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2].replace(/^"(.*)"$/, '$1')]),
    );
    return {
      hostname: hostname ?? '',
      os: {
        id: os.ID ?? 'unknown',
        version_id: os.VERSION_ID ?? '',
        codename: os.VERSION_CODENAME ?? '',
        pretty_name: os.PRETTY_NAME ?? '',
      },
      arch: arch ?? '',
      kernel: kernel ?? '',
      memory_mb: Math.round(Number(memKb || 0) / 1024),
      cpus: Number(cpus || 1),
      addresses: (addrs ?? '').split(/\s+/).filter(Boolean),
      user: user ?? '',
      is_root: user === 'root',
      has_systemd: systemd === 'yes',
    };
  },
};
