// The benchmark's smoke run (one repetition, tiny sizes, bc-play and Ansible side by side), so the
// benchmark cannot silently break; its timings are not judged here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

test('the benchmark smoke run completes for bc-play and Ansible with nothing left to change', () => {
  const run = spawnSync(process.execPath, ['dist/bench/run.js', '--smoke'], { encoding: 'utf8', timeout: 15 * 60_000 });
  assert.is(run.status, 0, `${run.stdout}\n${run.stderr}`.slice(-3000));
});

test.run();
