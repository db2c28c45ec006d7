// The one lab this machine has, for a test suite: the suite holds /tmp/bc-play-lab.lock (the lock
// the benchmark and `flock /tmp/bc-play-lab.lock ...` take), refuses to start when another session
// holds it or a lab is already up, and takes down only a lab it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { labDown } from '../../lib/lab/index.js';
import { labPaths } from '../../lib/lab/paths.js';
import { signalTree } from './processes.js';

/** Why: one path for the lock every lab user on this machine takes. */
export const LAB_LOCK = '/tmp/bc-play-lab.lock';

export interface LabSession {
  /** In before(): takes the lock; throws, touching nothing, when the lab is someone else's. */
  claim(): Promise<void>;
  /** In after(): takes down the lab if this session claimed it (so any lab up is its own), frees the lock. */
  release(): Promise<void>;
}

/** Why: uvu runs after() even when before() threw; release() then leaves another session's lab alone. */
export function labSession(who: string, log: (line: string) => void = (line) => console.error(line)): LabSession {
  let holder: ChildProcess | undefined;
  let claimed = false;
  const free = () => {
    if (holder?.pid) signalTree(holder.pid, 'SIGTERM');
    holder = undefined;
  };
  const session: LabSession = {
    async claim() {
      if (!heldByAncestor()) {
        holder = await takeLock();
        if (!holder) throw new Error(`${who}: another session holds ${LAB_LOCK}${lockHolder()}; its lab is left alone: run this again when it is done`);
      }
      const state = labPaths().stateFile;
      if (existsSync(state)) {
        free();
        throw new Error(`${who}: a lab is already up (${state}) that this suite did not start; it is left running: \`bc-play lab down\` first if it is yours`);
      }
      claimed = true;
      // stopped by the test runner's time limit or Ctrl-C: the lab goes down all the same
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void session.release().finally(() => process.exit(130)));
    },
    async release() {
      try {
        if (claimed) await labDown({ log });
      } finally {
        claimed = false;
        free();
      }
    },
  };
  return session;
}

/**
 * `flock -n` in a child that keeps the lock until it is signalled or this process ends (its stdin
 * closes); undefined when the lock is taken. The child keeps this process alive only until it
 * answers: unref'd from the start, a suite that awaits nothing else exited before the answer came.
 */
function takeLock(): Promise<ChildProcess | undefined> {
  return new Promise((resolve) => {
    const child = spawn('flock', ['-n', LAB_LOCK, '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const answer = (held: ChildProcess | undefined) => {
      for (const handle of [child, child.stdin, child.stdout] as { unref?: () => void }[]) handle.unref?.();
      resolve(held);
    };
    child.stdout!.once('data', () => answer(child));
    child.once('exit', () => answer(undefined));
    child.once('error', () => answer(undefined));
  });
}

/** PIDs holding a lock on the lock file, from /proc/locks. */
function lockPids(): number[] {
  if (!existsSync(LAB_LOCK)) return [];
  const inode = String(statSync(LAB_LOCK).ino);
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[1] === 'FLOCK' && f[5]?.split(':')[2] === inode)
    .map((f) => Number(f[4]));
}

/** Whether the lock is held by a process this one runs under (`flock /tmp/bc-play-lab.lock node ...`). */
function heldByAncestor(): boolean {
  const holders = new Set(lockPids());
  for (let pid = process.ppid; pid > 1; pid = parentOf(pid)) if (holders.has(pid)) return true;
  return false;
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

function lockHolder(): string {
  const pid = lockPids()[0];
  if (!pid) return '';
  try {
    return ` (pid ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()})`;
  } catch {
    return ` (pid ${pid})`;
  }
}
