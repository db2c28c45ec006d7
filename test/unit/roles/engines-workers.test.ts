// More engines workers, and a second engine, are one inventory line each (docs/scaling.md, a
// processing backlog): an engine's workers beyond one are instances of its template unit
// (bc-engines-worker@.service for figures), each with its own consumer name; another engine is its
// own service in its own consumer group; the memory and connection budgets count every worker.
// Rendered from node-service's real template and defaults with site.yaml's arguments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ENGINES } from '../../../services/engines-worker/src/engines/index.js';
import { REPO, runOnFleet } from '../../support/fleet.js';

const PLAYBOOK = `- name: the engines worker's units on infra, as site.yaml deploys them
  hosts: infra
  gather_facts: false
  roles:
    - role: worker-units
      service: engines-worker
      service_args: [run]
      service_instances: "{{ engine_workers.figures > 1 ? engine_workers.figures : 0 }}"
      service_instance_env:
        CONSUMER_NAME: "{{ inventory_hostname }}-%i"
      service_memory_mb: "{{ memory_budget_mb['engines-worker'] }}"
`;

const BUDGET = `- hosts: all\n  gather_facts: false\n  roles: [budget]\n`;

const WORKER_UNITS = {
  defaultsOf: 'node-service',
  tasks: `- name: unit
  template: { src: ${REPO}/roles/node-service/templates/unit.service.ejs, dest: "{{ out }}/unit" }
- name: what the role starts and checks, what the budget counts, what restore.yaml stops
  copy: { content: "{{ service_units.join(' ') }}\\n{{ host_components.join(' ') }}\\n{{ engines_worker_units.join(' ') }}", dest: "{{ out }}/units" }
`,
};

const withEngines = (engines: { name: string; workers: number }[]) => ({ infra1: { engines } });

async function infra(workers?: number) {
  const { report, files } = await runOnFleet({ playbook: PLAYBOOK, roles: { 'worker-units': WORKER_UNITS }, hostVars: workers ? withEngines([{ name: 'figures', workers }]) : {} });
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

test('figures with workers: 2 runs two instances of one template unit, each named HOST-N and counted by the memory budget', async () => {
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
  const { report } = await runOnFleet({ playbook: BUDGET, hostVars: withEngines([{ name: 'figures', workers: 8 }]) });
  assert.is.not(report.exitCode, 0);
  assert.match(JSON.stringify(report.results), /memory budget of infra1 exceeds the droplet: postgres 812 \+ redis 256 \+ outbox-relay 100 (\+ engines-worker 150 ){8}\+ system 300 = 2668 MB > memory_mb 2048 MB/);
  const { report: fits } = await runOnFleet({ playbook: BUDGET, hostVars: withEngines([{ name: 'figures', workers: 2 }]) });
  assert.is(fits.exitCode, 0);
});

const ACTIVITY = `- name: the activity engine's units on infra, as site.yaml deploys them
  hosts: infra
  gather_facts: false
  roles:
    - role: worker-units
      service: engines-worker-activity
      service_instances: "{{ engine_workers.activity > 1 ? engine_workers.activity : 0 }}"
      service_instance_env:
        CONSUMER_NAME: "{{ inventory_hostname }}-activity-%i"
      service_main: engines-worker.mjs
      service_args: [run]
      service_memory_mb: "{{ memory_budget_mb['engines-worker'] }}"
`;

test('a second engine is one more entry: its own units in its own consumer group, counted by the budgets, served by the relay', async () => {
  const { report, files } = await runOnFleet({ playbook: ACTIVITY, roles: { 'worker-units': WORKER_UNITS }, hostVars: withEngines([{ name: 'figures', workers: 2 }, { name: 'activity', workers: 1 }]) });
  assert.is(report.exitCode, 0);
  const [units, components, restored] = files.units!.split('\n');
  assert.is(units, 'bc-engines-worker-activity');
  assert.is(restored, 'bc-engines-worker@1 bc-engines-worker@2 bc-engines-worker-activity', 'restore.yaml stops and starts every engine\'s units');
  assert.is(components, 'postgres redis outbox-relay engines-worker engines-worker engines-worker');
  assert.match(files.unit!, /^ExecStart=\/usr\/bin\/node \/opt\/bc\/engines-worker-activity\/current\/engines-worker\.mjs run$/m);
  const site = readFileSync(`${REPO}/playbooks/site.yaml`, 'utf8');
  assert.match(site, /^ {8}ENGINE: activity\n {8}CONSUMER_GROUP: "\{\{ engine_kinds\.activity\.group \}\}"$/m, 'site.yaml runs the activity engine in its group');
  const { report: budget } = await runOnFleet({ playbook: BUDGET, hostVars: withEngines([{ name: 'figures', workers: 2 }, { name: 'activity', workers: 1 }]) });
  assert.match(JSON.stringify(budget.results), /1918 of 2048 MB budgeted/);
  assert.match(JSON.stringify(budget.results), /48 of 50 connections budgeted/);
});

test('the inventory\'s engines and their consumer groups are the worker\'s, and the ones the budget schema accepts', () => {
  const kinds = (parse(readFileSync(`${REPO}/inventory.yaml`, 'utf8')) as { all: { vars: { engine_kinds: Record<string, { group: string }> } } }).all.vars.engine_kinds;
  assert.equal(Object.fromEntries(Object.entries(kinds).map(([name, k]) => [name, k.group])), Object.fromEntries(Object.values(ENGINES).map((e) => [e.name, e.group])));
  const schema = parse(readFileSync(`${REPO}/roles/budget/schema.yaml`, 'utf8')) as { properties: { engines: { items: { properties: { name: { enum: string[] } } } } } };
  assert.equal(schema.properties.engines.items.properties.name.enum, Object.keys(kinds));
});

test('an engine declared twice, or the figures engine left out, stops the run before any host is touched', async () => {
  for (const engines of [[{ name: 'figures', workers: 1 }, { name: 'figures', workers: 1 }], [{ name: 'activity', workers: 1 }]]) {
    const { report } = await runOnFleet({ playbook: BUDGET, hostVars: withEngines(engines) });
    assert.is.not(report.exitCode, 0, JSON.stringify(engines));
    assert.match(JSON.stringify(report.results), /engines must name each of its engines once, figures among them \(the dashboard's figures\), from figures, activity; got /);
  }
});

test('an engine the worker does not have, or a misspelled field, is refused by the budget role\'s schema before any host is touched', () => {
  for (const [engines, refused] of [
    ['[{name: figures, workers: 1}, {name: invoices, workers: 1}]', /role budget on host \w+: "engines\.1\.name" must be one of: figures, activity/],
    ['[{name: figures, worker: 2}]', /role budget on host \w+: missing required key "workers" in "engines\.0"/],
  ] as const) {
    const r = spawnSync(process.execPath, ['bin/bc-play.js', 'site', '--syntax-check', '-e', `{engines: ${engines}}`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is.not(r.status, 0);
    assert.match(r.stderr, refused);
  }
});

test.run();
