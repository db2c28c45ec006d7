// What of a lab host still runs on this machine. Its nspawn is not the whole story: the container's
// processes live in the host's cgroups and outlive an nspawn killed with SIGKILL (its init is then
// re-parented to this machine's PID 1), and an exited process stays in the table as a zombie until
// its parent collects it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a PID stands: running, exited but not yet collected by its parent (zombie), or gone. */
export type ProcessState = 'running' | 'zombie' | 'gone';

/** Why: /proc/PID/stat's state letter, read past the command name (which may hold spaces or parens). */
export function processState(pid: number): ProcessState {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') ? 'zombie' : 'running';
  } catch {
    return 'gone';
  }
}

/** Why: a host's processes are those in its cgroups (every level), whatever became of its nspawn. */
export function cgroupProcesses(dirs: string[]): number[] {
  const pids = new Set<number>();
  const walk = (dir: string): void => {
    let subdirs: string[];
    try {
      subdirs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
      for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (line) pids.add(Number(line));
    } catch {
      return; // removed while we read: nothing of the host left there
    }
    subdirs.forEach(walk);
  };
  dirs.forEach(walk);
  return [...pids].filter((pid) => processState(pid) === 'running').sort((a, b) => a - b);
}

/**
 * Why: the container's init is the process that is PID 1 of its own PID namespace: the last entry
 * of the `NSpid:` line of /proc/PID/status (this machine's PID first) is 1.
 */
export function isNamespaceInit(status: string): boolean {
  const ids = /^NSpid:\s*(.*)$/m.exec(status)?.[1].trim().split(/\s+/) ?? [];
  return ids.length > 1 && ids[ids.length - 1] === '1';
}

/** Why: `status` names the container's init when it runs without its nspawn; `stop` halts it. */
export function containerInit(pids: number[]): number | undefined {
  return pids.find((pid) => {
    try {
      return isNamespaceInit(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  });
}

/**
 * Why: `down` returns once the process is out of the table, not merely exited: an orphan's zombie
 * waits for this machine's PID 1, which collects them every ~2 s in the lab's sandbox. False when
 * it is still there at the deadline.
 */
export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processState(pid) !== 'gone') {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
