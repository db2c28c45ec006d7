// More engines workers are one inventory variable (docs/scaling.md, a processing backlog): beyond
// one, engines_workers instances of the template unit bc-engines-worker@.service, each with its
// own consumer name, counted by the memory and connection budgets. Rendered from node-service's real
// template and defaults with site.yaml's arguments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, runOnFleet } from '../../support/fleet.js';

const PLAYBOOK = `- name: the engines worker's units on infra, as site.yaml deploys them
  hosts: infra
  gather_facts: false
  roles:
    - role: worker-units
      service: engines-worker
      service_args: [run]
      service_instances: "{{ engines_workers > 1 ? engines_workers : 0 }}"
      service_instance_env:
        CONSUMER_NAME: "{{ inventory_hostname }}-%i"
      service_memory_mb: "{{ memory_budget_mb['engines-worker'] }}"
`;

const WORKER_UNITS = {
  defaultsOf: 'node-service',
  tasks: `- name: unit
  template: { src: ${REPO}/roles/node-service/templates/unit.service.ejs, dest: "{{ out }}/unit" }
- name: what the role starts and checks, what the budget counts, what restore.yaml stops
  copy: { content: "{{ service_units.join(' ') }}\\n{{ host_components.join(' ') }}\\n{{ engines_worker_units.join(' ') }}", dest: "{{ out }}/units" }
`,
};

async function infra(workers?: number) {
  const { report, files } = await runOnFleet({ playbook: PLAYBOOK, roles: { 'worker-units': WORKER_UNITS }, hostVars: workers ? { infra1: { engines_workers: workers } } : {} });
  assert.is(report.exitCode, 0);
  const [units, components, restored] = files.units.split('\n');
  assert.is(restored, units, 'restore.yaml stops and starts the units site.yaml deploys');
  return { unit: files.unit, units, components };
}

test('as the inventory stands: one worker, the single unit bc-engines-worker as before', async () => {
  const { unit, units, components } = await infra();
  assert.is(units, 'bc-engines-worker');
  assert.is(components, 'postgres redis outbox-relay engines-worker');
  assert.match(unit, /^Description=BaseCommerce engines-worker$/m);
  assert.not.match(unit, /CONSUMER_NAME/);
  assert.match(unit, /^MemoryMax=150M$/m);
});

test('engines_workers: 2 runs two instances of one template unit, each named HOST-N and counted by the memory budget', async () => {
  const { unit, units, components } = await infra(2);
  assert.is(units, 'bc-engines-worker@1 bc-engines-worker@2');
  assert.is(components, 'postgres redis outbox-relay engines-worker engines-worker');
  assert.match(unit, /^Description=BaseCommerce engines-worker %i$/m);
  assert.match(unit, /^EnvironmentFile=\/etc\/bc\/engines-worker\.env\nEnvironment="CONSUMER_NAME=infra1-%i"$/m);
  assert.match(unit, /^MemoryMax=150M$/m);
});

test('a third worker is one more instance of the same template: no running worker restarts', async () => {
  const { unit, units } = await infra(3);
  assert.is(units, 'bc-engines-worker@1 bc-engines-worker@2 bc-engines-worker@3');
  assert.is(unit, (await infra(2)).unit);
});

test('the budgets refuse more workers than the infra host holds, before any host is touched', async () => {
  const { report } = await runOnFleet({ playbook: `- hosts: all\n  gather_facts: false\n  roles: [budget]\n`, hostVars: { infra1: { engines_workers: 8 } } });
  assert.is.not(report.exitCode, 0);
  assert.match(JSON.stringify(report.results), /memory budget of infra1 exceeds the droplet: postgres 812 \+ redis 256 \+ outbox-relay 100 (\+ engines-worker 150 ){8}\+ system 300 = 2668 MB > memory_mb 2048 MB/);
  const { report: fits } = await runOnFleet({ playbook: `- hosts: all\n  gather_facts: false\n  roles: [budget]\n`, hostVars: { infra1: { engines_workers: 2 } } });
  assert.is(fits.exitCode, 0);
});

test.run();
