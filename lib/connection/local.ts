// The connection to the machine bc-play runs on: commands through execa.
import { constants, userInfo } from 'node:os';
import type { Connection, ConnectionTarget, RunOptions, RunResult } from './connection.js';
import { becomeCommand, explainBecomeFailure } from './become.js';
import { Deadline, TIMED_OUT } from './deadline.js';

interface RawResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Why: localhost needs no SSH; the same interface lets the engine and its tests run without a network. */
export class LocalConnection implements Connection {
  readonly host: string;
  private readonly user = userInfo().username;
  readonly loginIsRoot = process.getuid?.() === 0;

  constructor(target: Pick<ConnectionTarget, 'host'>) {
    this.host = target.host;
  }

  async connect(): Promise<void> {}

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const become = becomeCommand(command, options.become, this.loginIsRoot);
    const useSudo = become?.sudo === true;
    const raw = await this.exec(become ? become.command : command, options.stdin, options.timeoutMs);
    const result = { stdout: raw.stdout.toString('utf8'), stderr: raw.stderr, code: raw.code };
    return useSudo ? explainBecomeFailure(result, this.user, this.host) : result;
  }

  async close(): Promise<void> {}

  /**
   * Runs in its own process group so a timeout kills the command and everything it started.
   * execa is loaded on first use: it costs ~70 ms of start-up that a run over SSH never needs.
   */
  private async exec(command: string, stdin?: string | Buffer, timeoutMs?: number): Promise<RawResult> {
    const { execa } = await import('execa');
    const child = execa('sh', ['-c', command], {
      input: stdin ?? '',
      encoding: 'buffer',
      stripFinalNewline: false,
      reject: false,
      detached: true,
    });
    const deadline = new Deadline(timeoutMs, () => killGroup(child.pid));
    const result = await child;
    deadline.clear();
    const stdout = Buffer.from(result.stdout);
    const stderr = Buffer.from(result.stderr).toString('utf8');
    if (deadline.expired) return { stdout, stderr: stderr + deadline.note(), code: TIMED_OUT };
    if (result.exitCode !== undefined) return { stdout, stderr, code: result.exitCode };
    if (result.signal) return { stdout, stderr, code: 128 + constants.signals[result.signal] };
    return { stdout, stderr: `${stderr}${result.message}\n`, code: 127 };
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group already exited between the timer firing and the kill
  }
}
