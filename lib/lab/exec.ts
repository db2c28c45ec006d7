// Runs host-machine commands for the lab; a failure becomes a CommandError naming the command.
import { execa } from 'execa';
import { CommandError } from '../errors.js';
import { sh } from '../shell/quote.js';

/** What a finished command returned. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** The name CommandError carries for commands run on the machine that hosts the lab. */
export const LAB_MACHINE = 'lab host machine';

/** Why: a non-zero exit is data for probes (is the rule there? is the link up?), never a throw. */
export async function tryRun(cmd: string, args: string[], input?: string): Promise<ExecResult> {
  const r = await execa(cmd, args, { reject: false, input, stripFinalNewline: false });
  const code = typeof r.exitCode === 'number' ? r.exitCode : 1;
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? r.message ?? ''), code };
}

/** Why: setup steps must succeed; the error shows the exact command (quoted) and its stderr. */
export async function mustRun(cmd: string, args: string[], input?: string): Promise<string> {
  const r = await tryRun(cmd, args, input);
  if (r.code !== 0) throw new CommandError(LAB_MACHINE, sh`${[cmd, ...args]}`, r.code, r.stderr, r.stdout);
  return r.stdout;
}
