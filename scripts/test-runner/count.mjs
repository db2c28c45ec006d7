// Turns one test file's run (its exit and the JSON ./uvu.mjs wrote) into counts and the reasons
// of its failures. Pure, so the runner's test can check every case the runner meets.

/** Why: a file is judged by what it recorded, and what it did not record is a failure with a reason. */
export function countFile(file, record, exit) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  const fail = (test, reason) => {
    counts.failed += 1;
    failures.push({ file, test, reason });
  };
  const ended = exit.timedOut
    ? `it was stopped after its time limit of ${exit.limitSeconds} s`
    : exit.code !== 0
      ? `the file exited ${exit.signal ? `on ${exit.signal}` : `with code ${exit.code}`}`
      : 'the file ended first';
  if (!record) {
    fail(undefined, `${ended} before registering any test (it did not load uvu, or crashed while loading: see its output above)`);
    return { counts, failures };
  }
  const shownBefore = new Set();
  const hookError = (suite, hooks) => record.hooks.find((h) => h.suite === suite && hooks.includes(h.hook));
  for (const t of record.tests) {
    const name = t.suite ? `${t.suite} › ${t.name}` : t.name;
    if (t.status === 'passed') counts.passed += 1;
    else if (t.status === 'skipped') counts.skipped += 1;
    else if (t.status === 'failed') fail(name, t.error.split('\n').slice(0, 12).join('\n'));
    else {
      const before = hookError(t.suite, ['before']);
      // the before() error in full once per suite, its first line for the suite's other tests
      const error = before && (shownBefore.has(before) ? firstLine(before.error) : before.error);
      if (before) shownBefore.add(before);
      fail(name, before ? `not run: before() threw ${error}` : `did not finish: ${ended}`);
    }
  }
  for (const h of record.hooks.filter((h) => h.hook === 'after' || h.hook === 'after.each')) fail(undefined, `${h.hook}() of ${h.suite ? `suite "${h.suite}"` : 'the file'} threw ${h.error}`);
  if (record.tests.length === 0 && counts.failed === 0) fail(undefined, exit.code === 0 && !exit.timedOut ? 'the file ran no test' : `${ended} without running any test`);
  else if (counts.failed === 0 && (exit.code !== 0 || exit.timedOut)) fail(undefined, `${ended} after its tests`);
  return { counts, failures };
}

function firstLine(error = '') {
  return error.split('\n')[0];
}
