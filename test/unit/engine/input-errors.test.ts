// Every class of input error is found before any host is contacted, with file:line:col.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError, InputError } from '../../../lib/errors.js';
import { prepareOnly, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1:\n      connection: local\n  children:\n    db:\n      hosts:\n        db1:\n          connection: local\n';

function errorOf(playbook: string, files: Record<string, string> = {}, extra: { limit?: string } = {}): { message: string; where: string; text: string } {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': playbook, ...files });
  const cwd = process.cwd();
  process.chdir(ws.dir);
  try {
    const error = prepareOnly({ playbook: 'play.yaml', inventory: 'inventory.yaml', ...extra });
    assert.instance(error, InputError);
    const e = error as InputError;
    const where = e.location ? `${e.location.file}:${e.location.line}:${e.location.col}` : '';
    return { message: e.message, where, text: formatError(e) };
  } finally {
    process.chdir(cwd);
    ws.remove();
  }
}

test('a YAML syntax error points at its line and column', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - name: x\n      shell: [unclosed\n');
  assert.match(e.message, /^YAML syntax error/);
  // the flow sequence `[unclosed` is still open where the file ends: line 5, column 1
  assert.is(e.where, 'play.yaml:5:1');
});

test('an unknown module is reported at its key, with the known modules listed', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - name: typo\n      aptt: { name: nginx }\n');
  assert.is(e.message, 'unknown module "aptt"');
  assert.is(e.where, 'play.yaml:4:7');
  assert.match(e.text, /hint: modules: apt, .*copy, .*template/);
  assert.match(e.text, /4 \|       aptt: \{ name: nginx \}\n\s+\| {7}\^/);
});

test('a wrong module argument is reported at the argument', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - apt:\n        name: nginx\n        state: installed\n');
  assert.is(e.where, 'play.yaml:5:16');
  assert.match(e.message, /state.*must be one of/);
});

test('an unknown key in a play is reported at that key', () => {
  const e = errorOf('- hosts: all\n  taks: []\n');
  assert.is(e.message, 'playbook: unknown key "taks" in play 1 (hosts: all)');
  assert.is(e.where, 'play.yaml:2:3');
});

test('an unknown role names the roles that exist', () => {
  const e = errorOf('- hosts: all\n  roles:\n    - nginxx\n', { 'roles/nginx/tasks.yaml': '- command: "true"\n' });
  assert.is(e.message, 'unknown role "nginxx"');
  assert.is(e.where, 'play.yaml:3:7');
  assert.match(e.text, /roles found: nginx/);
});

test('a notify naming no handler is an error at the notify', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - command: "true"\n      notify: restart nginxx\n  handlers:\n    - name: restart nginx\n      command: "true"\n');
  assert.is(e.message, 'notify names an undefined handler "restart nginxx"');
  assert.is(e.where, 'play.yaml:4:15');
});

test('an undefined variable names the variable, the task and its place', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - name: greet\n      command: "echo {{ greeting }}"\n');
  assert.is(e.message, 'undefined variable "greeting" in task "greet"');
  assert.is(e.where, 'play.yaml:4:16');
});

test('an undefined variable inside a template names the template line', () => {
  const e = errorOf('- hosts: all\n  tasks:\n    - template: { src: conf.ejs, dest: /tmp/x }\n', { 'templates/conf.ejs': 'a\nb = <%= nope %>\n' });
  assert.is(e.message, 'undefined variable "nope" in template');
  assert.is(e.where, 'templates/conf.ejs:2:9');
});

test('a host pattern that matches nothing lists what exists', () => {
  const e = errorOf('- hosts: webz\n  tasks: []\n');
  assert.match(e.message, /webz/);
  assert.match(e.text, /db/);
  assert.is(e.where, 'play.yaml:1:10');
});

test('role parameters are checked against the role schema', () => {
  const e = errorOf('- hosts: all\n  roles:\n    - role: app\n      port: eighty\n', {
    'roles/app/tasks.yaml': '- command: "echo {{ port }}"\n',
    'roles/app/schema.yaml': 'type: object\nproperties:\n  port: { type: integer }\n',
  });
  assert.match(e.message, /parameters of role app.*"port" must be an integer/);
  assert.is(e.where, 'play.yaml:4:13');
});

test('a reserved variable name is refused', () => {
  const e = errorOf('- hosts: all\n  vars: { facts: 1 }\n  tasks:\n    - command: "true"\n');
  assert.match(e.message, /variable name "facts" is reserved/);
});

test('a run-time value inside a larger string is not checked against a role schema too early', () => {
  const ws = workspace({
    'inventory.yaml': INVENTORY,
    'play.yaml': '- hosts: web1\n  roles:\n    - role: app\n      upstream: "{{ hostvars.db1.facts_addr ?? facts.addresses[0] }}:8000"\n',
    'roles/app/tasks.yaml': '- command: "echo {{ upstream }}"\n',
    'roles/app/schema.yaml': 'type: object\nproperties:\n  upstream: { type: string, pattern: "^[0-9.]+:[0-9]+$" }\n',
  });
  const cwd = process.cwd();
  process.chdir(ws.dir);
  try {
    assert.is(prepareOnly({ playbook: 'play.yaml', inventory: 'inventory.yaml' }), undefined);
  } finally {
    process.chdir(cwd);
    ws.remove();
  }
});

test.run();
