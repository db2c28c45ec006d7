// The keywords that compose tasks (blocks, role imports, imported playbooks, loop_control, file's
// recurse) refuse bad input before any host is contacted, at the offending line and column.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../../lib/errors.js';
import { prepareOnly, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

function errorOf(playbook: string, files: Record<string, string> = {}): { message: string; where: string } {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': playbook, ...files });
  try {
    const error = prepareOnly({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml') });
    assert.instance(error, InputError);
    const e = error as InputError;
    return { message: e.message, where: e.location ? `${e.location.file.slice(ws.dir.length + 1)}:${e.location.line}:${e.location.col}` : '' };
  } finally {
    ws.remove();
  }
}

const tasks = (body: string) => `- hosts: web1\n  gather_facts: false\n  tasks:\n${body}`;

test('an unknown key on a nested block is refused at that key', () => {
  const e = errorOf(tasks('    - block:\n        - block:\n            - debug: { msg: x }\n          resuce: []\n'));
  assert.match(e.message, /block: unknown key "resuce"/);
  assert.is(e.where, 'play.yaml:7:11');
});

test('import_role of a role that does not exist is refused at its name', () => {
  const e = errorOf(tasks('    - import_role: { name: nope }\n'));
  assert.match(e.message, /unknown role "nope"/);
  assert.is(e.where, 'play.yaml:4:28');
});

test('include_role with a tasks_from the role lacks is refused at tasks_from, naming where it looked', () => {
  const e = errorOf(tasks('    - include_role:\n        name: r\n        tasks_from: setup\n'), { 'roles/r/tasks.yaml': '- debug: { msg: x }\n' });
  assert.match(e.message, /include_role: tasks_from setup does not exist \(looked for setup.yaml, setup.yml in .*roles\/r\)/);
  assert.is(e.where, 'play.yaml:6:21');
});

test('import_role with a vars_from the role lacks is refused at vars_from, naming where it looked', () => {
  const e = errorOf(tasks('    - import_role:\n        name: r\n        vars_from: prod\n'), { 'roles/r/tasks.yaml': '- debug: { msg: x }\n' });
  assert.match(e.message, /import_role: vars_from prod does not exist \(looked for prod.yaml, prod.yml in .*roles\/r\)/);
  assert.is(e.where, 'play.yaml:6:20');
});

test('a role\'s vars.yaml that is not a map of variables is refused at its first line', () => {
  const e = errorOf(tasks('    - import_role: { name: r }\n'), { 'roles/r/tasks.yaml': '- debug: { msg: x }\n', 'roles/r/vars.yaml': '- a\n- b\n' });
  assert.match(e.message, /vars of role r/);
  assert.is(e.where, 'roles/r/vars.yaml:1:1');
});

test('include_role with a {{ }} name is refused: it is resolved when loading', () => {
  const e = errorOf(tasks('    - include_role: { name: "{{ which }}" }\n'));
  assert.match(e.message, /name must be known when loading/);
});

test('an error in an imported role keeps the role file\'s own line', () => {
  const e = errorOf(tasks('    - import_role: { name: r }\n'), { 'roles/r/tasks.yaml': '- debug: { msg: x }\n- copy: { dest: /tmp/x, contnet: y }\n' });
  assert.match(e.message, /missing required key "content" in "copy"/);
  assert.is(e.where, 'roles/r/tasks.yaml:2:3');
});

test('import_playbook of a missing file is refused at the entry', () => {
  const e = errorOf('- import_playbook: other.yaml\n');
  assert.match(e.message, /import_playbook: other.yaml does not exist/);
  assert.is(e.where, 'play.yaml:1:20');
});

test('an error in an imported playbook points into that playbook', () => {
  const e = errorOf('- import_playbook: sub/other.yaml\n', { 'sub/other.yaml': '- hosts: web1\n  tasks:\n    - debug: { msg: "{{ nope }}" }\n' });
  assert.match(e.message, /nope/);
  assert.match(e.where, /^sub\/other.yaml:3:/);
});

test('a playbook importing itself is refused', () => {
  const e = errorOf('- import_playbook: play.yaml\n');
  assert.match(e.message, /imports itself/);
});

test('loop_control.loop_var may not take a name the engine reserves', () => {
  const e = errorOf(tasks('    - debug: { msg: x }\n      loop: [1]\n      loop_control: { loop_var: facts }\n'));
  assert.match(e.message, /loop_control.loop_var "facts" is reserved/);
  assert.is(e.where, 'play.yaml:6:33');
});

test('file recurse without state: directory is refused before any host', () => {
  const e = errorOf(tasks('    - file: { path: /tmp/x, recurse: true }\n'));
  assert.match(e.message, /missing required key "state" in "file"/);
  assert.is(e.where, 'play.yaml:4:7');
});

test.run();
