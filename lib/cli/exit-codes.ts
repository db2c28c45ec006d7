// The exit codes of bc-play: one table, read by exitCodeFor, --help and the README.
import { CommandError, InputError, UnreachableError, UsageError } from '../errors.js';
import type { RecapCounts } from '../engine/events.js';

/** Why: names instead of numbers wherever code picks an exit code. */
export const EXIT = {
  success: 0,
  internalError: 1,
  taskFailed: 2,
  changesPending: 3,
  unreachable: 4,
  badOptions: 5,
  invalidInput: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Why: the documented meaning of every code, in order; --help and the README print this table. */
export const EXIT_CODES: ReadonlyArray<{ code: ExitCode; meaning: string }> = [
  { code: EXIT.success, meaning: 'success: every task ran (in check mode: nothing would change)' },
  { code: EXIT.internalError, meaning: 'internal error: a bug in bc-play, please report it' },
  { code: EXIT.taskFailed, meaning: 'a task failed on at least one host' },
  { code: EXIT.changesPending, meaning: 'check mode: changes are pending (drift), nothing failed or was unreachable' },
  { code: EXIT.unreachable, meaning: 'a host was unreachable, and no task failed' },
  { code: EXIT.badOptions, meaning: 'bad command-line options' },
  { code: EXIT.invalidInput, meaning: 'invalid input (inventory, playbook, roles, variables): no host was touched' },
];

/** What a run ended with: its recap, or an error that stopped it. */
export type RunOutcome = { recap: Record<string, RecapCounts>; check: boolean } | { error: unknown };

/**
 * Why: one rule for the code a run ends with. A failure outranks an unreachable host, which
 * outranks pending changes: drift is only reported when every host could be checked.
 */
export function exitCodeFor(outcome: RunOutcome): ExitCode {
  if ('error' in outcome) return exitCodeForError(outcome.error);
  const hosts = Object.values(outcome.recap);
  if (hosts.some((h) => h.failed > 0)) return EXIT.taskFailed;
  if (hosts.some((h) => h.unreachable > 0)) return EXIT.unreachable;
  if (outcome.check && hosts.some((h) => h.changed > 0)) return EXIT.changesPending;
  return EXIT.success;
}

function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.badOptions;
  if (error instanceof InputError) return EXIT.invalidInput;
  if (error instanceof UnreachableError) return EXIT.unreachable;
  if (error instanceof CommandError) return EXIT.taskFailed;
  // InternalError, and anything that is not a BcError at all, is a bug.
  return EXIT.internalError;
}
