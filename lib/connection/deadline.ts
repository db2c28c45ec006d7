// A command's timeout, shared by both transports: when it expires the command is killed and
// reported with exit code 124, as timeout(1) does.
import { sh } from '../shell/quote.js';

/** Why: both transports must time out the same way and say so the same way. */
export class Deadline {
  expired = false;
  private readonly timer?: NodeJS.Timeout;

  /** kill() runs graceMs after ms; the note still names ms, the timeout the user asked for. */
  constructor(
    private readonly ms: number | undefined,
    kill: () => void,
    graceMs = 0,
  ) {
    if (ms === undefined) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      kill();
    }, ms + graceMs);
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  /** The line appended to stderr of a killed command. */
  note(): string {
    return `bc-play: timed out after ${this.ms} ms, killed\n`;
  }
}

/** Exit code of a command killed by its deadline. */
export const TIMED_OUT = 124;

/**
 * Why: over SSH only the host can kill what a command started; coreutils timeout runs it in its
 * own process group and signals the whole group (TERM, then KILL 2 s later), exiting 124.
 */
export function remoteTimeoutCommand(command: string, ms: number): string {
  return sh`timeout -k 2 ${ms / 1000} sh -c ${command}`;
}
