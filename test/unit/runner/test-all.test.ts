// scripts/test-all.mjs itself, on small fixture files: every test is counted passed, failed or
// skipped from what the file recorded, and a file that crashes, hangs, runs nothing or whose
// before() throws is a failure that names the file and the reason.
import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const FIXTURES = 'dist/test/unit/runner/fixtures';

interface Run {
  code: number | null;
  out: string;
  last: string;
}

/** The runner on the named fixtures, its output captured whole (the runner streams, so no limit applies). */
function runner(fixtures: string[], timeLimit = 60): Promise<Run> {
  const args = ['scripts/test-all.mjs', '--no-prerequisites', '--time-limit', String(timeLimit), ...fixtures.map((f) => `${FIXTURES}/${f}.fixture.js`)];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out, last: out.trimEnd().split('\n').at(-1)! }));
  });
}

/** The runner's list of failures, one line each. */
function failures(run: Run): string[] {
  const at = run.out.indexOf('\n# failures\n');
  if (at < 0) return [];
  return run.out.slice(at).split('\n').filter((l) => l.startsWith('- '));
}

// all at once, so the file takes as long as its slowest case (the hang), not their sum
const runs = {
  pass: runner(['pass']),
  skipAndFail: runner(['skip', 'fail']),
  only: runner(['only']),
  nothingAndPass: runner(['nothing', 'pass']),
  crash: runner(['crash']),
  loadError: runner(['load-error']),
  hangAndPass: runner(['hang', 'pass'], 5),
  beforeThrows: runner(['before-throws']),
};

test('counts passing tests and exits 0', async () => {
  const run = await runs.pass;
  assert.is(run.last, '2 passed, 0 failed');
  assert.is(run.code, 0);
});

test('a skipped test is counted as skipped and never cancels a real failure', async () => {
  const run = await runs.skipAndFail;
  assert.is(run.last, '3 passed, 1 failed, 1 skipped');
  assert.is(run.code, 1);
  assert.equal(failures(run), [`- ${FIXTURES}/fail.fixture.js: "fails on purpose": Assertion: one is not two`]);
});

test('test.only runs that test and counts the others as skipped, not as failures', async () => {
  const run = await runs.only;
  assert.is(run.last, '0 passed, 1 failed, 4 skipped');
  assert.equal(failures(run), [`- ${FIXTURES}/only.fixture.js: "the only one, failing": Assertion: only fails`]);
});

test('a file that runs no test is a failure that says so', async () => {
  const run = await runs.nothingAndPass;
  assert.is(run.last, '2 passed, 1 failed');
  assert.is(run.code, 1);
  assert.equal(failures(run), [`- ${FIXTURES}/nothing.fixture.js: the file ran no test`]);
});

test('a crash counts the test it was in and every test it kept from running', async () => {
  const run = await runs.crash;
  assert.is(run.last, '1 passed, 2 failed');
  assert.equal(failures(run), [
    `- ${FIXTURES}/crash.fixture.js: "crashes the process": did not finish: the file exited with code 3`,
    `- ${FIXTURES}/crash.fixture.js: "never reached": did not finish: the file exited with code 3`,
  ]);
});

test('a file that throws while loading is a failure naming the file', async () => {
  const run = await runs.loadError;
  assert.is(run.last, '0 passed, 1 failed');
  assert.match(run.out, 'Error: broken import');
  assert.equal(failures(run), [`- ${FIXTURES}/load-error.fixture.js: the file exited with code 1 before registering any test (it did not load uvu, or crashed while loading: see its output above)`]);
});

test('a file that hangs is stopped at its time limit and its unfinished tests fail', async () => {
  const run = await runs.hangAndPass;
  assert.is(run.last, '3 passed, 1 failed');
  assert.equal(failures(run), [`- ${FIXTURES}/hang.fixture.js: "hangs": did not finish: it was stopped after its time limit of 5 s`]);
});

test('before() that throws fails every test of its suite with the thrown error printed', async () => {
  const run = await runs.beforeThrows;
  assert.is(run.last, '0 passed, 2 failed');
  const lines = failures(run);
  assert.is(lines.length, 2);
  assert.ok(lines[0].startsWith(`- ${FIXTURES}/before-throws.fixture.js: "first": not run: before() threw Error: no chromium at /usr/bin/chromium`), lines[0]);
  assert.is(lines[1], `- ${FIXTURES}/before-throws.fixture.js: "second": not run: before() threw Error: no chromium at /usr/bin/chromium`);
  assert.match(run.out, `before-throws.fixture.js:5:`, 'the first shows where it was thrown');
});

test('a suite folder that is not there is a failure naming it', async () => {
  const run = await new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, ['scripts/test-all.mjs', '--no-prerequisites', 'dist/test/no-such-suite'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out, last: out.trimEnd().split('\n').at(-1)! }));
  });
  assert.is(run.last, '0 passed, 1 failed');
  assert.equal(failures(run), ['- dist/test/no-such-suite: dist/test/no-such-suite does not exist (was `npm run build` run?)']);
});

test.run();
