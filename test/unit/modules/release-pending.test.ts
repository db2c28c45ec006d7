import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { releasePendingModule } from '../../../lib/modules/release-pending.js';
import { directoryArtifact } from '../../../lib/artifacts/artifacts.js';
import { acceptsArgs, checkPlan } from './support/plan-fixture.js';

const src = mkdtempSync(join(tmpdir(), 'bc-play-release-pending-'));
writeFileSync(join(src, 'probe.mjs'), 'console.log("v1")\n');
const id = directoryArtifact(src).id;
const at = (current: string | null) => ({ 'releases:/opt/bc/probe': { releases: current ? [current] : [], current, previous: null, lock: null } });
const args = { service: 'probe', src, root: '/opt/bc/probe' };

const rows: [string, string | null, boolean, RegExp][] = [
  ['is pending on a first deploy', null, true, /would replace nothing \(first deploy\)/],
  ['is pending when another release is current', 'aaaaaaaaaaaa', true, /would replace aaaaaaaaaaaa/],
  ['is not pending when the same content is current', id, false, /is current/],
];
for (const [name, current, pending, reason] of rows) {
  test(`release_pending ${name}, and changes nothing`, () => {
    const plan = checkPlan(releasePendingModule, { name, args, facts: at(current), summaries: [], reason });
    assert.equal(plan?.data, { pending, release: id, current });
  });
}

test('release_pending schema needs the service and its root', () => {
  assert.ok(acceptsArgs(releasePendingModule as never, args));
  assert.not.ok(acceptsArgs(releasePendingModule as never, { service: 'probe' }));
  assert.not.ok(acceptsArgs(releasePendingModule as never, { service: 'Probe', root: '/x' }));
});

test.after(() => rmSync(src, { recursive: true, force: true }));
test.run();
