// Where bc-play uses Ansible's keywords it means what ansible-core 2.14 means. Each test notes the
// output of the same playbook under `ansible-playbook -i localhost, -c local` (Debian's ansible-core).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { formatError } from '../../../lib/errors.js';
import { prepareOnly, runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

async function play(tasks: string, files: Record<string, string> = {}, settings = {}) {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': `- hosts: web1\n  gather_facts: false\n  tasks:\n${tasks}`, ...files });
  const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir }, ...settings } });
  return { ws, report };
}

test('when on a looped task is evaluated per item, and the registered results hold the items themselves', async () => {
  // ansible-playbook: changed (item=1), skipping (item=2), changed (item=3); results|map(attribute='item') = [1, 2, 3]
  const { ws, report } = await play(`    - command: { argv: [echo, "n{{ item.n }}"] }
      loop: [{ n: 1 }, { n: 2 }, { n: 3 }]
      when: item.n != 2
      register: looped
    - copy: { content: "{{ looped.results.map((r) => r.item.n + ':' + r.skipped).join(',') }}", dest: "{{ root }}/items" }
`);
  try {
    assert.equal(report.results.slice(0, 3).map((r) => r.status), ['changed', 'skipped', 'changed']);
    assert.is(readFileSync(ws.path('items'), 'utf8'), '1:false,2:true,3:false');
  } finally {
    ws.remove();
  }
});

test('a loop over an undefined variable is skipped when the condition without item is false', async () => {
  // Ansible evaluates the loop after the condition: `loop: "{{ nope }}"` + `when: false` is skipping, not an error.
  const { ws, report } = await play(`    - command: { argv: [echo, "{{ item }}"] }
      loop: "{{ vars.missing }}"
      when: vars.missing !== undefined
`);
  try {
    assert.equal(report.results.map((r) => r.status), ['skipped']);
    assert.is(report.exitCode, 0);
  } finally {
    ws.remove();
  }
});

test('command output loses its trailing newlines and stdout_lines keeps empty lines', async () => {
  // ansible-playbook: printf 'a\n\nb\n\n' gives stdout_lines ['a', '', 'b'] and stdout of length 4.
  const { ws } = await play(`    - shell: "printf 'a\\\\n\\\\nb\\\\n\\\\n'"
      register: out
      changed_when: false
    - copy: { content: "{{ out.stdout_lines.join('|') }}={{ out.stdout.length }}", dest: "{{ root }}/out" }
`);
  try {
    assert.is(readFileSync(ws.path('out'), 'utf8'), 'a||b=4');
  } finally {
    ws.remove();
  }
});

test('changed_when and failed_when decide for every module, not only commands', async () => {
  // ansible-playbook: file state=touch + changed_when: false is "ok"; copy + failed_when: true is "fatal".
  const { ws, report } = await play(`    - file: { path: "{{ root }}/touched", state: touch }
      changed_when: false
    - copy: { content: x, dest: "{{ root }}/copied" }
      failed_when: result.changed
`);
  try {
    assert.equal(report.results.map((r) => r.status), ['ok', 'failed']);
    assert.ok(existsSync(ws.path('touched')));
    assert.is(report.exitCode, 2);
  } finally {
    ws.remove();
  }
});

test('an ignored failure is counted as ignored and the run exits 0; ok counts changed tasks too', async () => {
  // ansible-playbook 2.14: "fatal: ... ...ignoring"; recap ok=2 changed=2 failed=0 ignored=1 (the failed command ran: changed); exit code 0.
  const { ws, report } = await play(`    - command: "false"
      ignore_errors: true
    - copy: { content: x, dest: "{{ root }}/after" }
`);
  try {
    assert.is(report.results[0].status, 'failed');
    assert.is(report.recap.web1.failed, 0);
    assert.is(report.recap.web1.ignored, 1);
    assert.is(report.recap.web1.ok, 2);
    assert.is(report.recap.web1.changed, 2);
    assert.is(report.exitCode, 0);
    assert.ok(existsSync(ws.path('after')), 'the play went on');
  } finally {
    ws.remove();
  }
});

test('creates and removes test a glob as Ansible does: any match counts', async () => {
  // ansible-playbook: creates: out/*.done with out/a.done present is "ok" (not run); removes: out/*.none is "ok" too.
  const { ws, report } = await play(`    - shell: { cmd: "echo ran >> {{ root }}/log", creates: "{{ root }}/out dir/*.done" }
    - shell: { cmd: "echo ran >> {{ root }}/log", removes: "{{ root }}/out dir/*.none" }
    - shell: { cmd: "echo ran >> {{ root }}/log", creates: "{{ root }}/out dir/*.missing" }
`, { 'out dir/a.done': 'x' });
  try {
    assert.equal(report.results.map((r) => r.status), ['ok', 'ok', 'changed']);
    assert.is(readFileSync(ws.path('log'), 'utf8'), 'ran\n');
  } finally {
    ws.remove();
  }
});

test('hosts: localhost runs on an implicit local localhost when the inventory has none, outside all', async () => {
  // ansible-playbook -i web1, with hosts: localhost runs on localhost (local connection); `all` does not include it.
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: localhost
  gather_facts: false
  tasks:
    - copy: { content: "{{ inventory_hostname }}", dest: "{{ root }}/who" }
- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "{{ inventory_hostname }}", dest: "{{ root }}/{{ inventory_hostname }}" }
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('who'), 'utf8'), 'localhost');
    assert.ok(existsSync(ws.path('web1')));
    assert.not.ok(existsSync(ws.path('localhost')), 'all does not hold the implicit localhost');
    assert.is(report.exitCode, 0);
  } finally {
    ws.remove();
  }
});

test('a role parameter wins over a task var of the same name, as in Ansible', async () => {
  // ansible-playbook: roles: [{ role: r, who: param }] with a task `vars: { who: task }` writes "param".
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': '- hosts: web1\n  gather_facts: false\n  roles:\n    - { role: r, who: param }\n',
    'roles/r/tasks.yaml': '- copy: { content: "{{ who }}", dest: "{{ root }}/who" }\n  vars: { who: task }\n',
  });
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('who'), 'utf8'), 'param');
  } finally {
    ws.remove();
  }
});

test('until retries a task on its one connection until the condition holds, registering the attempts', async () => {
  // ansible-playbook: "FAILED - RETRYING: ... (4 retries left)" twice, then changed; r.attempts == 3.
  const { ws, report } = await play(`    - shell: "echo x >> {{ root }}/tries; test $(wc -l < {{ root }}/tries) -ge 3"
      register: r
      until: r.rc == 0
      retries: 4
      delay: 0
    - copy: { content: "attempts={{ r.attempts }}", dest: "{{ root }}/attempts" }
    - shell: "false"
      register: never
      until: never.rc == 0
      retries: 1
      delay: 0
`);
  try {
    assert.is(readFileSync(ws.path('attempts'), 'utf8'), 'attempts=3');
    assert.equal(report.results.map((r) => r.status), ['changed', 'changed', 'failed']);
    assert.match(report.results[2].message ?? '', /until condition still false after 2 attempts/);
  } finally {
    ws.remove();
  }
});

test('run_once runs on the first host of the batch and gives its registered result to the others', async () => {
  // ansible-playbook with two hosts: the task runs on the first only; both see the registered stdout.
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    web1: { connection: local }\n    web2: { connection: local }\n',
    'play.yaml': `- hosts: all
  gather_facts: false
  tasks:
    - shell: "echo {{ inventory_hostname }} >> {{ root }}/ran; echo from-{{ inventory_hostname }}"
      register: once
      run_once: true
    - copy: { content: "{{ once.stdout }}", dest: "{{ root }}/{{ inventory_hostname }}" }
`,
  });
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('ran'), 'utf8'), 'web1\n');
    assert.is(readFileSync(ws.path('web2'), 'utf8'), 'from-web1');
  } finally {
    ws.remove();
  }
});

test('delegate_to runs the module over the delegate\'s connection with the task host\'s variables', async () => {
  // ansible-playbook: delegate_to: localhost runs locally even for a host that cannot be reached; inventory_hostname stays web1.
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    web1: { address: 127.0.0.1, ssh_port: 1, site: one }\n',
    'play.yaml': `- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "{{ inventory_hostname }} {{ site }}", dest: "{{ root }}/delegated" }
      delegate_to: localhost
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('delegated'), 'utf8'), 'web1 one');
    assert.equal(report.results.map((r) => [r.host, r.status]), [['web1', 'changed']]);
  } finally {
    ws.remove();
  }
});

test('import_tasks and include_tasks splice a task file in, with the include\'s when, tags and vars, keeping its locations', async () => {
  // ansible-playbook: the imported tasks run with the include's vars; a false when on the include skips them all.
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  gather_facts: false
  tasks:
    - import_tasks: tasks/write.yaml
      vars: { what: imported }
    - include_tasks: tasks/write.yaml
      vars: { what: skipped }
      when: false
`,
    'tasks/write.yaml': '- copy: { content: "{{ what }}", dest: "{{ root }}/{{ what }}" }\n',
    'tasks/broken.yaml': '- copy: { content: x }\n',
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('imported'), 'utf8'), 'imported');
    assert.not.ok(existsSync(ws.path('skipped')));
    assert.equal(report.results.map((r) => r.status), ['changed', 'skipped']);
  } finally {
    ws.remove();
  }
});

test('an error in an imported task file points at that file, before any host is touched', () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': '- hosts: web1\n  tasks:\n    - import_tasks: tasks/broken.yaml\n    - import_tasks: tasks/missing.yaml\n',
    'tasks/broken.yaml': '- name: no dest\n  copy: { content: x }\n',
  });
  try {
    const error = prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') });
    assert.match(formatError(error), /broken\.yaml:2:/);
    ws.write({ 'tasks/broken.yaml': '- copy: { content: x, dest: /tmp/x }\n' });
    const missing = prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') });
    assert.match(formatError(missing), /play\.yaml:4:\d+: import_tasks: tasks\/missing.yaml does not exist/);
  } finally {
    ws.remove();
  }
});

test('block/rescue/always: a failure skips the rest of the block, runs rescue and always, and counts as rescued', async () => {
  // ansible-playbook: fatal on "fails", then rescue and always run; recap failed=0 rescued=1; exit 0.
  const { ws, report } = await play(`    - block:
        - command: "false"
        - copy: { content: x, dest: "{{ root }}/not-reached" }
      rescue:
        - copy: { content: r, dest: "{{ root }}/rescued" }
      always:
        - copy: { content: a, dest: "{{ root }}/always" }
    - block:
        - command: "false"
      always:
        - copy: { content: a2, dest: "{{ root }}/always2" }
    - copy: { content: x, dest: "{{ root }}/after" }
`);
  try {
    assert.not.ok(existsSync(ws.path('not-reached')));
    assert.ok(existsSync(ws.path('rescued')) && existsSync(ws.path('always')) && existsSync(ws.path('always2')));
    assert.not.ok(existsSync(ws.path('after')), 'a block without rescue fails the host after its always');
    // Ansible's recap for the same play: ok=3 failed=1 rescued=1.
    assert.is(report.recap.web1.ok, 3);
    assert.is(report.recap.web1.rescued, 1);
    assert.is(report.recap.web1.failed, 1);
    assert.is(report.exitCode, 2);
  } finally {
    ws.remove();
  }
});

test.run();
