// Processes by PID: a root and everything it started, found through /proc and signalled.
import { readdirSync, readFileSync } from 'node:fs';

/** Why: stops a process and everything it started, by PID (sshd and its sessions, a lock holder). */
export function signalTree(root: number, signal: NodeJS.Signals): void {
  for (const pid of [root, ...descendantsOf(root)]) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Why: a run's controller processes (Ansible's workers and ssh clients) are found the same way. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const pid of children.get(queue.shift()!) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}
