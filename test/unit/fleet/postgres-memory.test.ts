// The fleet's PostgreSQL memory rule (inventory.yaml, docs/scaling.md): the settings and the
// memory budget follow the infra host's memory_mb, run through the engine on the real inventory
// and the postgres role's real templates (rendered into a temp folder over the local connection).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runEngine, workspace, type RunReport, type Workspace } from '../../support/engine.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
const TEMPLATES = `${REPO}/roles/postgres/templates`;

const PLAYBOOK = `- name: budgets
  hosts: infra
  gather_facts: false
  roles: [budget]
- name: postgres settings as the role writes them
  hosts: infra
  gather_facts: false
  vars: { postgres_port: 5432 }
  tasks:
    - name: restart settings
      template: { src: ${TEMPLATES}/restart.conf.ejs, dest: "{{ out }}/restart.conf" }
    - name: reload settings
      template: { src: ${TEMPLATES}/reload.conf.ejs, dest: "{{ out }}/reload.conf" }
`;

interface Written {
  report: RunReport;
  settings: Record<string, string>;
  budget: string | undefined;
}

async function converge(infra1: Record<string, unknown>): Promise<Written> {
  const ws: Workspace = workspace({ 'play.yaml': PLAYBOOK });
  try {
    symlinkSync(`${REPO}/roles`, ws.path('roles'));
    const report = await runEngine({
      playbook: ws.path('play.yaml'),
      inventory: `${REPO}/inventory.yaml`,
      settings: { extraVars: { out: ws.dir }, hostOverrides: new Map([['infra1', { connection: 'local', ...infra1 }]]) },
    });
    const settings: Record<string, string> = {};
    if (report.exitCode === 0) {
      for (const file of ['restart.conf', 'reload.conf']) {
        for (const m of readFileSync(ws.path(file), 'utf8').matchAll(/^(\w+) = (.*)$/gm)) settings[m[1]] = m[2];
      }
    }
    const budget = report.results.find((r) => r.task === 'the memory budget fits the droplet')?.message;
    return { report, settings, budget };
  } finally {
    ws.remove();
  }
}

test('a 2 GB infra host gets the topology settings: shared_buffers 512MB, effective_cache_size 1GB, work_mem 4MB', async () => {
  const { report, settings, budget } = await converge({});
  assert.is(report.exitCode, 0);
  assert.equal([settings.shared_buffers, settings.effective_cache_size, settings.work_mem], ['512MB', '1GB', '4MB']);
  assert.match(budget ?? '', '1618 of 2048 MB budgeted');
});

test('memory_mb 4096 is the whole change for 500 tenants: shared_buffers 1GB, effective_cache_size 2GB, work_mem 8MB, and the budget recomputes', async () => {
  const { report, settings, budget } = await converge({ memory_mb: 4096 });
  assert.is(report.exitCode, 0);
  assert.equal([settings.shared_buffers, settings.effective_cache_size, settings.work_mem], ['1GB', '2GB', '8MB']);
  assert.match(budget ?? '', '2330 of 4096 MB budgeted');
});

test('a value set on the host overrides the rule, in the settings and in the budget', async () => {
  const { report, settings, budget } = await converge({ memory_mb: 4096, postgres_shared_buffers_mb: 1536 });
  assert.is(report.exitCode, 0);
  assert.equal([settings.shared_buffers, settings.effective_cache_size, settings.work_mem], ['1536MB', '2GB', '8MB']);
  assert.match(budget ?? '', '2842 of 4096 MB budgeted');
});

test('settings that no longer fit the host stop the run at the budget, naming PostgreSQL\'s share', async () => {
  const { report, budget } = await converge({ postgres_shared_buffers_mb: 1536 });
  assert.is(report.exitCode, 2);
  assert.match(budget ?? '', 'postgres 1836 + redis 256');
  assert.match(budget ?? '', '> memory_mb 2048 MB');
});

test.run();
