// What Ansible's hostname module reads before it decides: whether systemd manages the host, the
// transient and static names hostnamectl reports, /etc/hostname, and the distribution.
import type { FactSpec } from './fact.js';
import { pathObject } from './objects.js';

/** A name as one of hostnamectl's reads gave it: exit code and first line. */
export interface NameRead {
  rc: number;
  value: string;
}

/** Why: the state both strategies (systemd, /etc/hostname) plan from, read in one round trip. */
export interface HostnameState {
  /** systemctl is installed and one of sd_booted's canaries exists (Ansible's is_systemd_managed). */
  systemd: boolean;
  transient: NameRead;
  static: NameRead;
  /** /etc/hostname stripped; null when it is not a file. */
  file: string | null;
  /** /etc/os-release's ID and ID_LIKE words. */
  os: string[];
}

const FILE = '/etc/hostname';

// Each read prints one line `KEY RC VALUE`; hostnamectl's output is cut to its first line.
const COMMAND = [
  'systemd=0; if command -v systemctl >/dev/null 2>&1; then for c in /run/systemd/system/ /dev/.run/systemd/ /dev/.systemd/; do [ -e "$c" ] && systemd=1; done; fi; echo "systemd 0 $systemd"',
  'for k in transient static; do if command -v hostnamectl >/dev/null 2>&1; then v=$(hostnamectl --$k status 2>&1); echo "$k $? $(printf %s "$v" | head -n 1)"; else echo "$k 127 hostnamectl: command not found"; fi; done',
  `if [ -f ${FILE} ]; then echo "file 0 $(tr '\\n' ' ' < ${FILE})"; else echo "file 1"; fi`,
  '(. /etc/os-release 2>/dev/null; echo "os 0 $ID $ID_LIKE")',
].join('; ');

/** Why: one fact for the hostname module; a change of the name replaces it and everything read from /etc/hostname. */
export const hostnameFact: FactSpec<HostnameState> = {
  key: 'hostname-state',
  about: [{ id: 'hostname', label: 'the hostname' }, pathObject(FILE)],
  command: COMMAND,
  parse: parseHostname,
};

/** Why: pure half of hostnameFact. */
export function parseHostname(stdout: string): HostnameState {
  const reads = new Map<string, NameRead>();
  for (const line of stdout.split('\n')) {
    const m = /^(\w+) (\d+) ?(.*)$/.exec(line);
    if (m) reads.set(m[1], { rc: Number(m[2]), value: m[3].trim() });
  }
  const read = (key: string): NameRead => reads.get(key) ?? { rc: 1, value: '' };
  const file = read('file');
  return {
    systemd: read('systemd').value === '1',
    transient: read('transient'),
    static: read('static'),
    file: file.rc === 0 ? file.value : null,
    os: read('os').value.split(/\s+/).filter(Boolean),
  };
}
