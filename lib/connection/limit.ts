// A counting semaphore: at most N tasks at once, the rest wait in order.

/** Why: sshd allows only MaxSessions (default 10) channels per connection; more concurrent runs must queue, not fail. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next task
      else this.active -= 1;
    }
  }
}
