// Runs one command and measures it: wall time from spawn to exit and, when asked, the peak memory
// of the controller (the process and everything it started, sampled from /proc).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { descendantsOf } from '../test/support/processes.js';

export interface Measured {
  wallMs: number;
  code: number;
  stdout: string;
  stderr: string;
  /** Highest sum of PSS over the process tree seen by the sampler, in MB (when sampled). */
  peakTreeMb?: number;
  /** Highest VmHWM of the command's own process seen by the sampler, in MB (when sampled). */
  peakOwnMb?: number;
}

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Sample memory every this many ms (sampling costs CPU, so timing runs leave it off). */
  sampleEveryMs?: number;
  /** Processes outside the tree that belong to the run (Ansible's daemonized ssh masters). */
  alsoCount?: () => number[];
}

/** Why: every scenario times both tools through this one function, so they are measured alike. */
export function measure(command: string, args: string[], options: MeasureOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let peakTree = 0;
    let peakOwn = 0;
    const sample = () => {
      const pids = [child.pid!, ...descendantsOf(child.pid!), ...(options.alsoCount?.() ?? [])];
      peakTree = Math.max(peakTree, pids.reduce((sum, pid) => sum + statusKb(pid, 'Pss', 'smaps_rollup'), 0));
      peakOwn = Math.max(peakOwn, statusKb(child.pid!, 'VmHWM', 'status'));
    };
    const timer = options.sampleEveryMs ? setInterval(sample, options.sampleEveryMs) : undefined;
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (timer) clearInterval(timer);
      resolve({
        wallMs,
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(timer && { peakTreeMb: peakTree / 1024, peakOwnMb: peakOwn / 1024 }),
      });
    });
  });
}

/** A `Name:   123 kB` value from /proc/PID/<file>; 0 when the process is gone or hides it. */
function statusKb(pid: number, field: string, file: 'status' | 'smaps_rollup'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Why: Ansible's ControlPersist masters detach from the run; they are found by their socket dir. */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // exited while we listed
    }
  }
  return found.filter((pid) => pid !== process.pid);
}

/** Why: the statistic every row reports; robust to the odd slow run a busy machine produces. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
