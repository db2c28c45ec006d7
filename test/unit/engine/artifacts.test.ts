// Releases are built on the controller before any host is touched, once per run whatever the
// number of hosts and tasks naming them, and not again while their inputs are unchanged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { openConnection } from '../../../lib/connection/open.js';
import { runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n    web2: { connection: local }\n';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  vars:
    build: { command: [sh, -c, "echo built >> builds.log; cp src/app.js %o/", "%o"], inputs: [src] }
  tasks:
    - release_pending: { service: app, root: "{{ root }}/{{ inventory_hostname }}", build: "{{ build }}" }
      register: pending
    - node_release: { root: "{{ root }}/{{ inventory_hostname }}", build: "{{ build }}" }
    - node_release: { root: "{{ root }}/{{ inventory_hostname }}", build: "{{ build }}", state: current }
`;

test('a build named by several tasks on several hosts runs once, before any host is touched, and is reused while its inputs are unchanged', async () => {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': PLAYBOOK, 'src/app.js': 'console.log(1)\n' });
  const cwd = process.cwd();
  process.chdir(ws.dir);
  try {
    const opened: string[] = [];
    const first = await runEngine({
      playbook: 'site.yaml',
      inventory: 'inventory.yaml',
      settings: { extraVars: { root: ws.path('hosts') } },
      open: (target) => {
        opened.push(readFileSync('builds.log', 'utf8'));
        return openConnection(target);
      },
    });
    assert.is(first.exitCode, 0, JSON.stringify(first.results.map((r) => r.message)));
    assert.equal(opened, ['built\n', 'built\n'], 'the build was done before the first connection');
    assert.is(readFileSync(ws.path('hosts/web1/current/app.js'), 'utf8'), 'console.log(1)\n');
    await runEngine({ playbook: 'site.yaml', inventory: 'inventory.yaml', settings: { extraVars: { root: ws.path('hosts') } } });
    assert.is(readFileSync('builds.log', 'utf8'), 'built\n', 'unchanged inputs: no second build');
    ws.write({ 'src/app.js': 'console.log(2)\n' });
    const changed = await runEngine({ playbook: 'site.yaml', inventory: 'inventory.yaml', settings: { extraVars: { root: ws.path('hosts') } } });
    assert.is(readFileSync('builds.log', 'utf8'), 'built\nbuilt\n', 'a changed input builds again');
    assert.is(readFileSync(ws.path('hosts/web2/current/app.js'), 'utf8'), 'console.log(2)\n');
    assert.ok(changed.changes.some((c) => c.includes('switch current')));
  } finally {
    process.chdir(cwd);
    ws.remove();
  }
});

test.run();
