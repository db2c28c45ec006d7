// uvu's API around the real uvu, recording every test as passed, failed or skipped, and every
// hook that threw, into the JSON file named by BC_TEST_RESULT (rewritten after each event, so a
// crash or a kill still leaves what was known). uvu itself drops an error thrown by before().
import { writeFileSync } from 'node:fs';
import * as uvu from '../../node_modules/uvu/dist/index.mjs';

const OUT = process.env.BC_TEST_RESULT;
/** { tests: [{ suite, name, status: 'passed'|'failed'|'skipped'|'pending', error? }], hooks: [{ suite, hook, error }], suites, finished } */
const result = { tests: [], hooks: [], suites: 0, finished: 0 };
const save = () => OUT && writeFileSync(OUT, JSON.stringify(result));

const show = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
};
/** The error as text: its stack, and for an assertion what it got and wanted (uvu prints those only at the end of a suite). */
const describe = (error) => {
  if (!(error instanceof Error)) return String(error);
  const text = error.stack ?? `${error.name}: ${error.message}`;
  return 'expected' in error ? `${text}\n    actual:   ${show(error.actual)}\n    expected: ${show(error.expected)}` : text;
};

function wrapSuite(real, suiteName) {
  const registered = [];
  const only = [];
  let skips = [];
  const track = (list, name) => {
    const entry = { suite: suiteName, name, status: 'pending' };
    list.push(entry);
    return entry;
  };
  const runTest = (entry, handler) => async (state) => {
    try {
      await handler(state);
      entry.status = 'passed';
    } catch (error) {
      entry.status = 'failed';
      entry.error = describe(error);
      throw error;
    } finally {
      save();
    }
  };
  const hook = (realHook, which) => (handler) =>
    realHook(async (state) => {
      try {
        await handler(state);
      } catch (error) {
        result.hooks.push({ suite: suiteName, hook: which, error: describe(error) });
        save();
        throw error;
      }
    });
  const t = (name, handler) => real(name, runTest(track(registered, name), handler));
  t.only = (name, handler) => real.only(name, runTest(track(only, name), handler));
  t.skip = (name) => {
    skips.push({ suite: suiteName, name: String(name ?? ''), status: 'skipped' });
    real.skip(name);
  };
  t.before = hook(real.before, 'before');
  t.before.each = hook(real.before.each, 'before.each');
  t.after = hook(real.after, 'after');
  t.after.each = hook(real.after.each, 'after.each');
  t.run = () => {
    // uvu runs only the .only tests when there are any; the others are skipped, not failed
    const runs = only.length ? only : registered;
    const left = only.length ? registered.map((e) => ({ ...e, status: 'skipped' })) : [];
    result.tests.push(...runs, ...left, ...skips);
    result.suites += 1;
    registered.length = 0;
    only.length = 0;
    skips = [];
    real.after(() => {
      result.finished += 1;
      save();
    });
    save();
    real.run();
  };
  return t;
}

/** Why: the same `suite` as uvu's, counted. */
export const suite = (name = '', state = {}) => wrapSuite(uvu.suite(name, state), name);
/** Why: the same default `test` as uvu's, counted. */
export const test = wrapSuite(uvu.test, '');
/** Why: uvu's own exec, for a file that calls it. */
export const exec = uvu.exec;
save();
