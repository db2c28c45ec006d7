// Engines workers as real processes that count, from their debug log, the events they applied and
// the entries they reclaimed; and a consumer's pending count in its group.
import type { Redis } from '../shared/redis.js';
import type { ServiceProcess, Stack } from './stack.js';

export interface CountedWorker {
  proc: ServiceProcess;
  counts: { applied: number; reclaimed: number };
}

// Why: the takeover and consumer-group suites judge each worker's share by what it logged.
export function startCountedWorker(stack: Stack, env: Record<string, string>): CountedWorker {
  const counts = { applied: 0, reclaimed: 0 };
  const proc = stack.start('engines-worker', { ...env, LOG_LEVEL: 'debug' });
  let rest = '';
  proc.child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const entry = JSON.parse(line) as { msg: string; applied?: number; entries?: number };
      if (entry.msg === 'batch applied') counts.applied += entry.applied!;
      if (entry.msg === 'reclaimed pending entries') counts.reclaimed += entry.entries!;
    }
  });
  return { proc, counts };
}

// Why: entries delivered to a consumer and not acknowledged: what a SIGKILLed worker leaves behind.
export async function pendingOf(redis: Redis, stream: string, group: string, consumer: string): Promise<number> {
  const summary = (await redis.xpending(stream, group).catch((err: Error) => {
    if (err.message.startsWith('NOGROUP')) return [0, null, null, null]; // the workers have not created it yet
    throw err;
  })) as [number, string | null, string | null, [string, string][] | null];
  return Number(summary[3]?.find(([name]) => name === consumer)?.[1] ?? 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Why: "SIGKILLed mid-stream" means while it holds delivered, unacknowledged entries. Kills the
 * worker the moment it holds some; when it had acknowledged them in between, starts it again under
 * the same name (as systemd restarts it) and tries again. Returns how many it left pending, and when.
 */
export async function killWhileHolding(worker: CountedWorker, restart: () => CountedWorker, pending: () => Promise<number>): Promise<{ held: number; killedAt: number }> {
  for (let attempt = 1, killed = worker; attempt <= 20; attempt++, killed = restart()) {
    while ((await pending()) === 0) await sleep(2);
    killed.proc.child.kill('SIGKILL');
    const killedAt = Date.now();
    await killed.proc.exited;
    const held = await pending();
    if (held > 0) return { held, killedAt };
  }
  throw new Error('the worker never held pending entries at the moment it was killed (20 attempts)');
}
