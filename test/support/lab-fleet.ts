// Driving the fleet in the lab from a test: bc-play runs with --lab --json, commands on lab hosts,
// and waiting for a host to reach a state.
import { spawn, spawnSync } from 'node:child_process';

const CLI = 'bin/bc-play.js';

/** One bc-play run: exit code, everything it printed, its JSON events. */
export interface Run {
  code: number;
  output: string;
  events: Record<string, unknown>[];
  seconds: number;
}

/** Why: every lab test runs bc-play the way an operator does, and reads its events. */
export function play(args: string[]): Run {
  const started = Date.now();
  const r = spawnSync('node', [CLI, ...args, '--lab', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const events = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status ?? -1, output: r.stdout + r.stderr, events, seconds: (Date.now() - started) / 1000 };
}

/** Why: the "host | task" pairs a run changed, to compare runs and predictions. */
export function changedTasks(run: Run): string[] {
  return run.events.filter((e) => e.type === 'host-result' && e.status === 'changed').map((e) => `${String(e.host)} | ${String(e.task)}`);
}

/** Why: the tasks --check warned it cannot predict ("HOST: task \"NAME\" ..."), as sorted `host | task`. */
export function unpredictedTasks(run: Pick<Run, 'events'>): string[] {
  const warnings = run.events.filter((e) => e.type === 'warning').map((e) => String(e.message));
  return warnings.map((w) => /^(\S+): task "([^"]+)"/.exec(w)).map((m) => (m ? `${m[1]} | ${m[2]}` : '?')).sort();
}

/** Why: a command on a lab host as root, through the lab's own ssh. */
export function onHost(host: string, command: string): { code: number; out: string } {
  const r = spawnSync('node', [CLI, 'lab', 'ssh', host, command], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: (r.stdout + r.stderr).trim() };
}

/** Why: whether a TCP port accepts a connection from a lab host ("refused" when the host rejects it). */
export function connectFrom(from: string, address: string, port: number): 'open' | 'refused' | 'closed' {
  const probe = `timeout 3 bash -c 'exec 3<>/dev/tcp/${address}/${port}' 2>&1 && echo open`;
  const out = onHost(from, probe).out;
  if (out.endsWith('open')) return 'open';
  return /refused/i.test(out) ? 'refused' : 'closed';
}

/**
 * Why: a host reaches a state on its own (a ban, a restart) some time after the cause; the test
 * asks until the command succeeds and fails with its last output after `tries` seconds.
 */
export function waitOnHost(host: string, command: string, tries = 60): string {
  let last = { code: -1, out: '' };
  for (let i = 0; i < tries; i++) {
    last = onHost(host, command);
    if (last.code === 0) return last.out;
    spawnSync('sleep', ['1']);
  }
  throw new Error(`${host}: \`${command}\` did not succeed in ${tries} tries; last output:\n${last.out}`);
}

/** Why: slow commands (an audit) on several lab hosts at once. */
export function onHostAsync(host: string, command: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, 'lab', 'ssh', host, command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out: out.trim() }));
  });
}
