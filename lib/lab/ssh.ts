// The system ssh client's arguments for a lab host: the lab's key, strict checking against the
// lab's known_hosts, never a password prompt.
import type { LabPaths } from './paths.js';

/** Why: `lab ssh` and the lab tests reach hosts exactly as a user would, with strict host keys. */
export function sshArgs(paths: LabPaths, address: string, command: string[] = []): string[] {
  return [
    '-i', paths.clientKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${paths.knownHosts}`,
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10',
    '-o', 'LogLevel=ERROR',
    `root@${address}`,
    ...(command.length ? ['--', ...command] : []),
  ];
}
