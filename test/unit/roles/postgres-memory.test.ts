// The fleet's PostgreSQL memory rule (inventory.yaml, docs/scaling.md): the settings and the
// memory budget follow the infra host's memory_mb, rendered from the postgres role's real
// templates and defaults on the real inventory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, runOnFleet } from '../../support/fleet.js';

const PLAYBOOK = `- name: budgets
  hosts: infra
  gather_facts: false
  roles: [budget]
- name: postgres settings as the role writes them
  hosts: infra
  gather_facts: false
  roles: [postgres-config]
`;

const POSTGRES_CONFIG = {
  defaultsOf: 'postgres',
  tasks: `- name: restart settings
  template: { src: ${REPO}/roles/postgres/templates/restart.conf.ejs, dest: "{{ out }}/restart.conf" }
- name: reload settings
  template: { src: ${REPO}/roles/postgres/templates/reload.conf.ejs, dest: "{{ out }}/reload.conf" }
`,
};

async function converge(infra1: Record<string, unknown>) {
  const { report, files } = await runOnFleet({ playbook: PLAYBOOK, roles: { 'postgres-config': POSTGRES_CONFIG }, hostVars: { infra1 } });
  const settings: Record<string, string> = {};
  for (const text of Object.values(files)) for (const m of text.matchAll(/^(\w+) = (.*)$/gm)) settings[m[1]] = m[2];
  const budget = report.results.find((r) => r.task === 'the memory budget fits the droplet')?.message;
  return { exitCode: report.exitCode, memory: [settings.shared_buffers, settings.effective_cache_size, settings.work_mem], budget };
}

test('a 2 GB infra host gets the topology settings: shared_buffers 512MB, effective_cache_size 1GB, work_mem 4MB', async () => {
  const { exitCode, memory, budget } = await converge({});
  assert.is(exitCode, 0);
  assert.equal(memory, ['512MB', '1GB', '4MB']);
  assert.match(budget ?? '', '1618 of 2048 MB budgeted');
});

test('memory_mb 4096 is the whole change for 500 tenants: shared_buffers 1GB, effective_cache_size 2GB, work_mem 8MB, and the budget recomputes', async () => {
  const { exitCode, memory, budget } = await converge({ memory_mb: 4096 });
  assert.is(exitCode, 0);
  assert.equal(memory, ['1GB', '2GB', '8MB']);
  assert.match(budget ?? '', '2330 of 4096 MB budgeted');
});

test('a number set on the host overrides the rule, in the settings and in the budget', async () => {
  const { exitCode, memory, budget } = await converge({ memory_mb: 4096, postgres_shared_buffers_mb: 1536 });
  assert.is(exitCode, 0);
  assert.equal(memory, ['1536MB', '2GB', '8MB']);
  assert.match(budget ?? '', '2842 of 4096 MB budgeted');
});

test("settings that no longer fit the host stop the run at the budget, naming PostgreSQL's share", async () => {
  const { exitCode, memory, budget } = await converge({ postgres_shared_buffers_mb: 1536 });
  assert.is(exitCode, 2);
  assert.equal(memory, [undefined, undefined, undefined], 'nothing was rendered');
  assert.match(budget ?? '', 'postgres 1836 + redis 256');
  assert.match(budget ?? '', '> memory_mb 2048 MB');
});

test.run();
