// The role service-retired on a host that never ran the service (this machine, on the local
// connection): it looks for the units an earlier deploy left and, finding none, changes nothing,
// so a fleet without the activity engine converges to zero changes. The removal itself needs
// systemd and is the lab's to show.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOnFleet } from '../../support/fleet.js';

const PLAYBOOK = `- hosts: infra
  gather_facts: false
  roles:
    - role: service-retired
      service: bc-play-never-deployed
`;

test('a service that was never deployed here: it looks for its units and changes nothing', async () => {
  const { report } = await runOnFleet({ playbook: PLAYBOOK });
  assert.is(report.exitCode, 0, JSON.stringify(report.results.filter((r) => r.status === 'failed')));
  assert.equal(report.changes, []);
  const looked = report.results.filter((r) => r.task.startsWith('the single unit') || r.task.startsWith('instances an earlier deploy'));
  assert.ok(looked.length >= 2 && looked.every((r) => r.status === 'ok'), JSON.stringify(looked.map((r) => [r.task, r.status])));
  const stops = report.results.filter((r) => r.task.startsWith('stop and disable'));
  assert.ok(stops.every((r) => r.status === 'skipped'), JSON.stringify(stops.map((r) => [r.task, r.status])));
});

test('a service name that is not one is refused before any host is touched', async () => {
  const err = await runOnFleet({ playbook: PLAYBOOK.replace('bc-play-never-deployed', '"x; rm -rf /"') }).then(() => null, (e: Error) => e);
  assert.match(String(err?.message), /^parameters of role service-retired: "service" must match pattern/);
});

test.run();
