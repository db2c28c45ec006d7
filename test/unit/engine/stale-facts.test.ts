// Facts describe objects: a change through one module reaches the facts another module read
// about the same object, read ahead or not, in a real run and in --check alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

const GUARDS = `- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "done\\n", dest: "{{ root }}/marker" }
    - shell: { cmd: "echo ran >> {{ root }}/ran", creates: "{{ root }}/marker" }
    - file: { path: "{{ root }}/stale", state: absent }
    - shell: { cmd: "echo cleaned >> {{ root }}/cleaned", removes: "{{ root }}/stale" }
`;

for (const readAhead of [true, false]) {
  test(`creates and removes see the file an earlier task wrote or removed (read-ahead ${readAhead ? 'on' : 'off'}), as Ansible does`, async () => {
    const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': GUARDS, stale: '' });
    try {
      const extraVars = { root: ws.dir };
      const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true, extraVars, readAhead } });
      assert.equal(check.results.map((r) => r.status), ['changed', 'ok', 'changed', 'ok'], 'predicted');
      const real = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars, readAhead } });
      assert.equal(real.results.map((r) => r.status), ['changed', 'ok', 'changed', 'ok'], 'run');
      assert.equal([existsSync(ws.path('ran')), existsSync(ws.path('cleaned'))], [false, false]);
    } finally {
      ws.remove();
    }
  });
}

test('check mode skips, with a warning naming the probe, a task that needs the output of a command it did not run', async () => {
  const playbook = `- hosts: web1
  gather_facts: false
  tasks:
    - name: probe
      shell: echo probe
      register: p
    - name: uses it
      copy: { content: "{{ p.stdout }}", dest: "{{ root }}/probe" }
      when: p.stdout.includes('probe')
`;
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': playbook });
  try {
    const run = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true, extraVars: { root: ws.dir } } });
    assert.equal(run.results.map((r) => r.status), ['changed', 'skipped']);
    const warnings = run.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    assert.equal(warnings, [`web1: task "uses it" cannot be predicted: it needs the output of task "probe" (${ws.path('site.yaml')}:4:7), which check mode does not run (it reads stdout)`]);
    assert.is(run.exitCode, 3);
  } finally {
    ws.remove();
  }
});

test('check mode skips, with the same warning, a template whose body reads the output of a command it did not run', async () => {
  const playbook = `- hosts: web1
  gather_facts: false
  tasks:
    - name: probe
      shell: echo 16
      register: major
    - name: render it
      template: { src: conf.ejs, dest: "{{ root }}/conf" }
`;
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': playbook, 'templates/conf.ejs': 'path=/var/lib/postgresql/<%= major.stdout %>/main\n' });
  try {
    const extraVars = { root: ws.dir };
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true, extraVars } });
    assert.equal(check.results.map((r) => r.status), ['changed', 'skipped']);
    const warnings = check.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    assert.equal(warnings, [`web1: task "render it" cannot be predicted: it needs the output of task "probe" (${ws.path('site.yaml')}:4:7), which check mode does not run (it reads stdout)`]);
    assert.is(check.exitCode, 3);
    const real = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars } });
    assert.equal(real.results.map((r) => r.status), ['changed', 'changed']);
    assert.is(readFileSync(ws.path('conf'), 'utf8'), 'path=/var/lib/postgresql/16/main\n');
  } finally {
    ws.remove();
  }
});

test.run();
