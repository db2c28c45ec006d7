// environment, no_log, vars_files and delegate_facts: what the output shows, and errors found before any host.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { formatError } from '../../../lib/errors.js';
import { prepareOnly, runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

function files(tasks: string, head = '', more: Record<string, string> = {}) {
  return workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': `- hosts: web1\n  gather_facts: false\n${head}  tasks:\n${tasks}`, ...more });
}

test('no_log hides what a task changed and why it failed, keeping its status', async () => {
  const ws = files(`    - copy: { content: "token-123\\n", dest: "{{ root }}/t" }
      no_log: true
    - shell: "echo token-456 >&2; exit 3"
      no_log: true
      ignore_errors: true
`);
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir }, diff: true } });
    assert.equal(report.results.map((r) => r.status), ['changed', 'failed']);
    // The task's name is shown, as Ansible shows it; nothing the task did or said.
    const shown = JSON.stringify(report.results.map((r) => [r.changes, r.message, r.diffs, r.commands, r.shown]));
    assert.not.match(shown, /token-|\/t\b/);
    assert.match(report.results[1].message ?? '', /hidden due to the fact that 'no_log: true'/);
    assert.equal(report.results[0].diffs, []);
  } finally {
    ws.remove();
  }
});

test('environment renders per host and reaches the commands of the task', async () => {
  const ws = files(`    - shell: "printf %s \\"$A\\" > {{ root }}/a"
      environment: { A: "it's {{ word }}" }
      vars: { word: quoted }
`);
  try {
    await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(readFileSync(ws.path('a'), 'utf8'), "it's quoted");
  } finally {
    ws.remove();
  }
});

test('an undefined variable in environment is an error at its place before any host', () => {
  const ws = files(`    - shell: "true"
      environment: { A: "{{ nope }}" }
`);
  try {
    const error = prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') });
    assert.match(formatError(error), /undefined variable "nope" in environment of task/);
    assert.match(formatError(error), /play\.yaml:5:/);
  } finally {
    ws.remove();
  }
});

test('a missing vars_files entry is an error at its line and column', () => {
  const ws = files(`    - shell: "true"\n`, '  vars_files:\n    - vars/missing.yaml\n');
  try {
    const error = prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') });
    assert.match(formatError(error), /play\.yaml:4:7: vars_files: vars\/missing\.yaml does not exist/);
  } finally {
    ws.remove();
  }
});

test('a vars_files entry that is a list, not a map, is an error', () => {
  const ws = files(`    - shell: "true"\n`, '  vars_files: [v.yaml]\n', { 'v.yaml': '- a\n' });
  try {
    assert.match(formatError(prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') })), /v\.yaml must be a map of variables/);
  } finally {
    ws.remove();
  }
});

test('delegate_facts without delegate_to is an error at the keyword, before any host', () => {
  const ws = files(`    - set_fact: { x: 1 }\n      delegate_facts: true\n`);
  try {
    assert.match(formatError(prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') })), /play\.yaml:5:7: delegate_facts without delegate_to/);
  } finally {
    ws.remove();
  }
});

test('set_fact with delegate_facts leaves the task host without the variable and gives it to the delegate', async () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    web1: { connection: local }\n    db1: { connection: local }\n',
    'play.yaml': `- hosts: web1
  gather_facts: false
  tasks:
    - set_fact: { port: 5432 }
      delegate_to: db1
      delegate_facts: true
    - copy: { content: "{{ hostvars.db1.port }} {{ vars.port ?? 'none' }}", dest: "{{ root }}/seen" }
`,
  });
  try {
    const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars: { root: ws.dir } } });
    assert.is(report.exitCode, 0);
    assert.is(readFileSync(ws.path('seen'), 'utf8'), '5432 none');
  } finally {
    ws.remove();
  }
});

test.run();
