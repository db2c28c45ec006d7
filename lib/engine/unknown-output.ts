// What check mode registers for a command it did not run: the outcome it predicts (changed,
// failed, skipped), and an output nobody knows, which a later task cannot read without saying so.
import { BcError } from '../errors.js';
import type { Vars } from '../playbook/types.js';

/** The parts of a command's result that only running it tells. */
const OUTPUT_KEYS = new Set(['rc', 'stdout', 'stderr', 'stdout_lines', 'stderr_lines']);

/**
 * Why: `when: probe.stdout.includes('x')` after a probe check mode skipped must not fail the
 * check (the real run will not fail there); the task is skipped with this as its warning.
 */
export class UnknownResultError extends BcError {
  constructor(task: string, key: string) {
    super(`cannot be predicted: it needs the output of task ${task}, which check mode does not run (it reads ${key})`, undefined, 'give that task check_mode: false if it only reads');
  }
}

/** Why: the registered value of a command check mode did not run; reading its output throws UnknownResultError. */
export function unknownOutput(known: Vars, task: string): Vars {
  return new Proxy(known, {
    get: (target, name) => {
      if (typeof name === 'string' && OUTPUT_KEYS.has(name)) throw new UnknownResultError(task, name);
      return Reflect.get(target, name);
    },
  });
}
