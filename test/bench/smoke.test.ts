// The benchmark's smoke run (one repetition, tiny sizes, bc-play and Ansible side by side), so the
// benchmark cannot silently break; its timings are not judged here. It uses loopback sshd
// endpoints, not the lab (scenarios 1 and 3 are not part of the smoke run).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

test('the benchmark smoke run completes for bc-play and Ansible with nothing left to change', () => {
  const run = spawnSync(process.execPath, ['dist/bench/run.js', '--smoke'], { encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 256 * 1024 * 1024 });
  assert.is(run.status, 0, `${run.stdout}\n${run.stderr}`.slice(-3000));
  // every measured rerun of both tools was checked to change nothing on every host (bench/bcplay.ts checkRun)
  const checked = run.stderr.split('\n').filter((l) => l.includes('no-op run checked'));
  assert.equal(checked, [
    'bc-play: no-op run checked: 0 changed on 2 hosts',
    'ansible-playbook: no-op run checked: 0 changed on 2 hosts',
    'bc-play: no-op run checked: 0 changed on 4 hosts',
    'ansible-playbook: no-op run checked: 0 changed on 4 hosts',
    'bc-play: no-op run checked: 0 changed on 4 hosts',
    'ansible-playbook: no-op run checked: 0 changed on 4 hosts',
  ]);
  assert.not.match(run.stdout, /not measured/);
});

test.run();
