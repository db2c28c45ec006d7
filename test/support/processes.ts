// Processes by PID: a root and everything it started, found through /proc and signalled, and the
// one exit hook that stops what a test or benchmark started when it ends early.
import type { ChildProcess } from 'node:child_process';
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

const cleanups = new Set<() => void>();

/**
 * Why: an interrupted test or benchmark (Ctrl-C, a thrown error, process.exit) still stops what
 * it started; one 'exit' hook runs every cleanup registered here, synchronously. Returns the
 * function that unregisters it (call it once the thing was stopped the ordinary way).
 */
export function onExit(cleanup: () => void): () => void {
  if (!process.listeners('exit').includes(runCleanups)) process.on('exit', runCleanups);
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Why: a server a test started (sshd, PostgreSQL, a service) dies with the test, with everything it forked. */
export function killOnExit(child: ChildProcess): void {
  const cancel = onExit(() => signalTree(child.pid!, 'SIGKILL'));
  child.once('exit', cancel);
}

function runCleanups(): void {
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
}
