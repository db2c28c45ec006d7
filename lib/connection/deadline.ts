// A command's timeout, shared by both transports: when it expires the command is killed and
// reported with exit code 124, as timeout(1) does.

/** Why: both transports must time out the same way and say so the same way. */
export class Deadline {
  expired = false;
  private readonly timer?: NodeJS.Timeout;

  constructor(
    private readonly ms: number | undefined,
    kill: () => void,
  ) {
    if (ms === undefined) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      kill();
    }, ms);
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
