// A lab suite started while another lab is up refuses, as a failure with its reason, and leaves
// that lab running: it never takes down what it did not start. Needs root and the lab.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInventory } from '../../lib/inventory/load.js';
import { ensureLabUp, labStatus } from '../../lib/lab/index.js';
import { labPaths } from '../../lib/lab/paths.js';
import { labSession } from '../support/lab-session.js';

const INVENTORY = 'test/fixtures/lab/inventory.yaml';
const log = (line: string) => console.error(line);
const session = labSession('the busy-lab test', log);

test.before(() => session.claim());

test.after(() => session.release());

/** The test command on one lab suite file, its whole output captured. */
function runSuite(file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/test-all.mjs', '--no-prerequisites', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('a lab suite run while another lab is up fails with the reason and leaves that lab running', async () => {
  await ensureLabUp(loadInventory(INVENTORY), { log });
  const run = await runSuite('dist/test/e2e/engine.test.js');
  assert.is(run.code, 1, run.out.slice(-3000));
  // held by a process above both (`flock /tmp/bc-play-lab.lock ...`): the lab is seen; else the lock is
  assert.match(run.out, /the engine e2e suite: (a lab is already up \(.+\) that this suite did not start; it is left running|another session holds \/tmp\/bc-play-lab\.lock .*; its lab is left alone)/);
  assert.match(run.out.trimEnd().split('\n').at(-1)!, /^0 passed, \d+ failed$/);
  assert.ok(existsSync(labPaths().stateFile), 'the lab state is still there');
  const { hosts } = await labStatus();
  assert.equal(hosts.map((h) => [h.name, h.running]), [['edge1', true], ['app1', true], ['db1', true]]);
});

test.run();
