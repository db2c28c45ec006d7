// The engine end to end over the local connection, in a temp folder: apply, re-apply, predict.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { runEngine, workspace, type Workspace } from '../../support/engine.js';

const INVENTORY = `all:
  children:
    web:
      hosts:
        web1: { connection: local, site: one }
        web2: { connection: local, site: two }
`;

const PLAYBOOK = `- name: configure
  hosts: web
  vars:
    greeting: hello
  tasks:
    - name: site directory
      file: { path: "{{ root }}/{{ site }}", state: directory, mode: "0755" }
    - name: config file
      template: { src: app.conf.ejs, dest: "{{ root }}/{{ site }}/app.conf", mode: "0640" }
      notify: reload app
    - name: marker lines
      lineinfile: { path: "{{ root }}/{{ site }}/extra.conf", line: "# managed", create: true }
      notify: [reload app, audit]
    - name: one file per item
      copy: { content: "{{ item }}\\n", dest: "{{ root }}/{{ site }}/{{ item }}.txt" }
      loop: [a, b]
    - name: seed once
      shell:
        cmd: "echo seeded > {{ root }}/{{ site }}/seeded"
        creates: "{{ root }}/{{ site }}/seeded"
  handlers:
    - name: audit
      shell: "echo audit >> {{ root }}/{{ site }}/handlers.log"
    - name: reload app
      shell: "echo reload >> {{ root }}/{{ site }}/handlers.log"
`;

function setup(): Workspace {
  return workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': PLAYBOOK,
    'templates/app.conf.ejs': 'site = <%= site %>\ngreeting = <%= greeting %>\n',
  });
}

async function run(ws: Workspace, check = false) {
  return runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { check, extraVars: { root: ws.dir } } });
}

test('check mode predicts exactly the changes the following apply makes, and changes nothing', async () => {
  const ws = setup();
  try {
    const predicted = await run(ws, true);
    assert.is(existsSync(ws.path('one')), false, 'check mode created nothing');
    assert.is(predicted.exitCode, 3, 'check mode with pending changes exits 3');
    const applied = await run(ws);
    assert.ok(applied.changes.length >= 10, `expected many changes, got ${applied.changes.length}`);
    assert.equal(predicted.changes.sort(), applied.changes.sort());
    assert.is(applied.exitCode, 0);
    assert.is(readFileSync(ws.path('two/app.conf'), 'utf8'), 'site = two\ngreeting = hello\n');
    assert.is(readFileSync(ws.path('two/extra.conf'), 'utf8'), '# managed\n');
  } finally {
    ws.remove();
  }
});

test('a second run reports zero changes and check mode after it exits 0', async () => {
  const ws = setup();
  try {
    await run(ws);
    const second = await run(ws);
    assert.equal(second.changes, []);
    assert.equal(Object.values(second.recap).map((r) => r.changed), [0, 0]);
    const check = await run(ws, true);
    assert.is(check.exitCode, 0);
  } finally {
    ws.remove();
  }
});

test('handlers run once per host, after the section, in definition order', async () => {
  const ws = setup();
  try {
    await run(ws);
    assert.is(readFileSync(ws.path('one/handlers.log'), 'utf8'), 'audit\nreload\n');
    writeFileSync(ws.path('one/app.conf'), 'drifted\n');
    const rerun = await run(ws);
    assert.ok(rerun.changes.length > 0 && rerun.changes.every((c) => c.startsWith('web1: ')), rerun.changes.join('\n'));
    assert.is(readFileSync(ws.path('one/handlers.log'), 'utf8'), 'audit\nreload\nreload\n', 'only the changed template notified, once');
    assert.is(readFileSync(ws.path('two/handlers.log'), 'utf8'), 'audit\nreload\n', 'web2 did not notify');
  } finally {
    ws.remove();
  }
});

test('a failing task takes its host out of the play while the others finish', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web
  tasks:
    - name: fail on web1
      shell: "test {{ site }} != one"
    - name: after
      shell: "touch {{ root }}/after-{{ site }}"
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(report.exitCode, 2);
    assert.is(report.recap.web1.failed, 1);
    assert.is(existsSync(ws.path('after-one')), false);
    assert.is(existsSync(ws.path('after-two')), true);
    const failure = report.results.find((r) => r.status === 'failed')!;
    assert.match(failure.message!, /exit code 1 \(general error\)/);
  } finally {
    ws.remove();
  }
});

test('register and when let a later task depend on an earlier result', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - name: read
      command: { argv: [echo, ready] }
      register: probe
      changed_when: false
    - name: only when ready
      copy: { content: "{{ probe.stdout }}", dest: "{{ root }}/probe" }
      when: probe.stdout.trim() == 'ready'
    - name: never
      copy: { content: x, dest: "{{ root }}/never" }
      when: probe.rc != 0
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    // Ansible strips stdout's trailing newline: the file holds "ready".
    assert.is(readFileSync(ws.path('probe'), 'utf8'), 'ready');
    assert.is(existsSync(ws.path('never')), false);
    // As Ansible counts: ok includes the changed task.
    assert.equal(report.recap.web1, { ok: 3, changed: 1, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 });
  } finally {
    ws.remove();
  }
});

test('--limit runs only the matching hosts', async () => {
  const ws = setup();
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), limit: 'web2', settings: { extraVars: { root: ws.dir } } });
    assert.equal(Object.keys(report.recap), ['web2']);
    assert.is(existsSync(ws.path('one')), false);
    assert.is(existsSync(ws.path('two/app.conf')), true);
  } finally {
    ws.remove();
  }
});

test('serial runs every task on one batch before the next batch starts', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web
  serial: 1
  tasks:
    - shell: "echo first-{{ site }} >> {{ root }}/order"
    - shell: "echo second-{{ site }} >> {{ root }}/order"
`,
  });
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('order'), 'utf8'), 'first-one\nsecond-one\nfirst-two\nsecond-two\n');
  } finally {
    ws.remove();
  }
});

test('max_fail_percentage stops the run when too many hosts of a batch failed', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web
  max_fail_percentage: 40
  tasks:
    - shell: "test {{ site }} != one"
    - shell: "touch {{ root }}/after-{{ site }}"
- hosts: web
  tasks:
    - shell: "touch {{ root }}/second-play-{{ site }}"
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(report.exitCode, 2);
    assert.is(existsSync(ws.path('after-two')), false, 'the play stopped for every host');
    assert.is(existsSync(ws.path('second-play-two')), false, 'later plays do not run');
    assert.ok(report.events.some((e) => e.type === 'warning' && /max_fail_percentage 40% exceeded/.test(e.message)));
  } finally {
    ws.remove();
  }
});

test('--tags runs only tagged tasks, and notified handlers still run', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - shell: "touch {{ root }}/untagged"
    - shell: "touch {{ root }}/tagged"
      tags: [deploy]
      notify: done
  handlers:
    - name: done
      shell: "touch {{ root }}/handled"
`,
  });
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { tags: ['deploy'], extraVars: { root: ws.dir } } });
    assert.equal([existsSync(ws.path('untagged')), existsSync(ws.path('tagged')), existsSync(ws.path('handled'))], [false, true, true]);
  } finally {
    ws.remove();
  }
});

test('every handler listening to a notified name runs', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - shell: "true"
      notify: restart stack
  handlers:
    - name: restart db
      listen: restart stack
      shell: "echo db >> {{ root }}/log"
    - name: restart app
      listen: restart stack
      shell: "echo app >> {{ root }}/log"
`,
  });
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('log'), 'utf8'), 'db\napp\n');
  } finally {
    ws.remove();
  }
});

test('check_mode: false runs a task for real in check mode, and failed_when decides failure', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - name: read-only probe
      shell: "echo 3"
      register: probe
      check_mode: false
      changed_when: false
    - name: predicted only
      shell: "touch {{ root }}/predicted"
    - name: fails on the value, not the exit code
      shell: "echo {{ probe.stdout.trim() }}"
      failed_when: "result.stdout.trim() === '3'"
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true, extraVars: { root: ws.dir } } });
    assert.is(existsSync(ws.path('predicted')), false, 'check mode ran nothing else');
    const real = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(real.exitCode, 2);
    assert.is(real.recap.web1.failed, 1);
    assert.equal(report.results.find((r) => r.task === 'read-only probe')!.status, 'ok');
    assert.ok(report.results.find((r) => r.task === 'read-only probe')!.commands.length === 1, 'the probe ran in check mode');
  } finally {
    ws.remove();
  }
});

test('a long task says every interval on which hosts it still runs, and stops saying it when done', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web
  tasks:
    - name: slow on web2
      shell: "if [ {{ site }} = two ]; then for i in $(seq 1200); do [ -e {{ root }}/seen ] && break; sleep 0.05; done; fi"
      changed_when: false
`,
  });
  try {
    // web2 runs until the test has seen three progress events (at most a minute): no timing assumed
    let seen = 0;
    const onEvent = (e: { type: string }) => e.type === 'task-progress' && ++seen === 3 && writeFileSync(ws.path('seen'), '');
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { progressEveryMs: 100, extraVars: { root: ws.dir } }, onEvent });
    const progress = report.events.filter((e) => e.type === 'task-progress');
    assert.ok(progress.length >= 3, `${progress.length} progress events`);
    assert.ok(progress.every((e) => e.type === 'task-progress' && e.task === 'slow on web2'));
    assert.equal(progress.at(-1)?.type === 'task-progress' && progress.at(-1)!.hosts, ['web2'], 'web1 finished at once');
    const end = report.events.findIndex((e) => e.type === 'play-end');
    assert.ok(report.events.slice(end).every((e) => e.type !== 'task-progress'), 'no progress after the task ended');
  } finally {
    ws.remove();
  }
});

test('check mode: a task that needs what a not-run command would make is skipped with a warning naming that command, and the apply works', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - name: make a key
      shell: { cmd: "umask 077; echo secret > {{ root }}/key", creates: "{{ root }}/key.done" }
    - name: key readable by its owner only
      file: { path: "{{ root }}/key", mode: "0600" }
`,
  });
  try {
    const check = await run(ws, true);
    assert.is(check.exitCode, 3, 'changes are pending, nothing failed');
    assert.is(existsSync(ws.path('key')), false);
    const skipped = check.results.find((r) => r.task === 'key readable by its owner only');
    assert.is(skipped?.status, 'skipped');
    const warning = check.events.find((e) => e.type === 'warning');
    assert.match(warning?.type === 'warning' ? warning.message : '', /web1: task "key readable by its owner only" cannot be predicted: .*does not exist[\s\S]*check mode did not run task "make a key" \(\S*play\.yaml:3:7\)/);
    assert.is((await run(ws)).exitCode, 0);
  } finally {
    ws.remove();
  }
});

test('check mode: without a not-run command before it, a task that cannot plan still fails', async () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': `- hosts: web1
  tasks:
    - file: { path: "{{ root }}/nothing-here", mode: "0600" }
`,
  });
  try {
    const check = await run(ws, true);
    assert.is(check.exitCode, 2);
    assert.is(check.results.find((r) => r.task !== 'Gathering Facts')?.status, 'failed');
  } finally {
    ws.remove();
  }
});

test.run();
