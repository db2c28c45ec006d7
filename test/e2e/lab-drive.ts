// Driving the lab from an e2e test: playbook runs with --lab, commands on lab hosts, polling.
import { execFileSync, spawnSync } from 'node:child_process';
import * as assert from 'uvu/assert';

const CLI = 'bin/bc-play.js';

/** Why: a playbook run's exit code, its whole output and how long it took, for assertions and figures. */
export interface Run {
  code: number;
  output: string;
  seconds: number;
}

/** Why: every drill runs playbooks against the lab as an operator would. */
export function play(args: string[]): Run {
  const started = Date.now();
  const r = spawnSync('node', [CLI, ...args, '--lab', '--no-color'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, output: r.stdout + r.stderr, seconds: (Date.now() - started) / 1000 };
}

/** The status word of the first result line under the TASK header that contains `task` ("changed", "skipping"). */
export function taskStatus(run: Run, task: string): string {
  const lines = run.output.split('\n');
  const at = lines.findIndex((l) => l.startsWith('TASK [') && l.includes(task));
  const result = lines.slice(at + 1).find((l) => /^(ok|changed|skipping|fatal): /.test(l));
  return at < 0 || !result ? `no task "${task}"` : result.split(':')[0];
}

/** Why: the pre-update backup task's name, as the drills look it up. */
export const PRE_UPDATE = 'pre-update backup: this run changes';

/** Why: lab up/destroy/down from a test, its errors on the test's stderr. */
export function lab(...args: string[]): void {
  execFileSync('node', [CLI, 'lab', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Runs a shell command on a lab host; its exit code travels back in the output's last line. */
export function onHost(host: string, command: string): { code: number; out: string } {
  const r = spawnSync('node', [CLI, 'lab', 'ssh', host, `${command}\necho "__rc=$?"`], { encoding: 'utf8' });
  const m = /\n?__rc=(\d+)\s*$/.exec(r.stdout);
  return { code: m ? Number(m[1]) : r.status ?? -1, out: ((m ? r.stdout.slice(0, m.index) : r.stdout) + r.stderr).trim() };
}

/** Why: a command that has to succeed on a lab host; its output otherwise in the failure. */
export function must(host: string, command: string): string {
  const r = onHost(host, command);
  assert.is(r.code, 0, `${host}: ${command}\n${r.out}`);
  return r.out;
}

/** Polls until `check` holds (the engines worker is eventually consistent; a host takes a moment). */
export async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean, seconds = 60): Promise<T> {
  const until = Date.now() + seconds * 1000;
  let last: T | Error = new Error('never probed');
  while (Date.now() < until) {
    try {
      last = await probe();
      if (check(last)) return last;
    } catch (error) {
      last = error as Error;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what}: still ${last instanceof Error ? last.message : JSON.stringify(last)} after ${seconds} s`);
}

