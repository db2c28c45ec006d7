import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecapCounts } from '../../../lib/engine/events.js';
import { EXIT, EXIT_CODES, exitCodeFor } from '../../../lib/cli/exit-codes.js';
import { CommandError, InputError, InternalError, UndefinedVariableError, UnreachableError, UsageError } from '../../../lib/errors.js';

const counts = (c: Partial<RecapCounts>): RecapCounts => ({ ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0, ...c });

test('documents every code from 0 to 6 once, in order', () => {
  assert.equal(EXIT_CODES.map((e) => e.code), [0, 1, 2, 3, 4, 5, 6]);
  assert.ok(EXIT_CODES.every((e) => e.meaning.length > 10));
});

const recapCases: Array<[string, Record<string, RecapCounts>, boolean, number]> = [
  ['succeeds when every host is ok', { a: counts({}), b: counts({ changed: 2 }) }, false, EXIT.success],
  ['succeeds in check mode when nothing would change', { a: counts({}) }, true, EXIT.success],
  ['reports pending changes in check mode', { a: counts({}), b: counts({ changed: 1 }) }, true, EXIT.changesPending],
  ['reports a failed task', { a: counts({ failed: 1 }) }, false, EXIT.taskFailed],
  ['reports a failure before an unreachable host', { a: counts({ failed: 1 }), b: counts({ unreachable: 1 }) }, false, EXIT.taskFailed],
  ['reports an unreachable host', { a: counts({}), b: counts({ unreachable: 1 }) }, false, EXIT.unreachable],
  ['reports an unreachable host before pending changes', { a: counts({ changed: 3 }), b: counts({ unreachable: 1 }) }, true, EXIT.unreachable],
  ['reports a failure before pending changes', { a: counts({ changed: 3, failed: 1 }) }, true, EXIT.taskFailed],
  ['succeeds with no hosts at all', {}, false, EXIT.success],
];

for (const [name, recap, check, code] of recapCases) {
  test(`${name} (exit ${code})`, () => {
    assert.is(exitCodeFor({ recap, check }), code);
  });
}

const errorCases: Array<[unknown, number]> = [
  [new UsageError('bad flag'), EXIT.badOptions],
  [new InputError('bad playbook'), EXIT.invalidInput],
  [new UndefinedVariableError('x'), EXIT.invalidInput],
  [new UnreachableError('web1', 'refused'), EXIT.unreachable],
  [new CommandError('web1', 'false', 1, ''), EXIT.taskFailed],
  [new InternalError('oops'), EXIT.internalError],
  [new TypeError('x is undefined'), EXIT.internalError],
  ['a thrown string', EXIT.internalError],
];

for (const [error, code] of errorCases) {
  test(`exits ${code} on ${error instanceof Error ? error.name : typeof error}`, () => {
    assert.is(exitCodeFor({ error }), code);
  });
}

test.run();
