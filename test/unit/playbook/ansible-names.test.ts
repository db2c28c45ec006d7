// Names an Ansible user types lead to what bc-play takes instead, at their place in the file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatError } from '../../../lib/errors.js';
import { prepareOnly, workspace } from '../../support/engine.js';
import { MODULES } from '../../../lib/modules/registry.js';
import { ansibleModule } from '../../../lib/playbook/ansible-names.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

/** The message a user sees for this playbook (and inventory), with the file's path as site.yaml. */
function messageFor(playbook: string, inventory = INVENTORY): string {
  const ws = workspace({ 'inventory.yaml': inventory, 'site.yaml': playbook });
  try {
    const error = prepareOnly({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml') });
    assert.ok(error, 'expected an error');
    return formatError(error).replaceAll(`${ws.dir}/`, '');
  } finally {
    ws.remove();
  }
}

const task = (body: string) => `- hosts: web1\n  tasks:\n    - ${body}\n`;

const cases: [string, string, string[], string?][] = [
  [
    'an Ansible loop keyword is an unknown task keyword with the loop: to write',
    task('command: echo {{ item }}\n      with_items: [a, b]'),
    ['site.yaml:4:7: unknown task keyword "with_items" (Ansible\'s)', '  4 |       with_items: [a, b]', '    |       ^', '  hint: use loop: (a list, or "{{ expression }}" for a dict: Object.entries(d))'],
  ],
  [
    'async is an unknown task keyword, not an unknown module',
    task('command: pg_isready\n      async: 10'),
    [
      'site.yaml:4:7: unknown task keyword "async" (Ansible\'s)',
      '  4 |       async: 10',
      '    |       ^',
      '  hint: not in bc-play: every task runs to its end; forks run hosts in parallel',
    ],
  ],
  [
    'a module under its collection name says to drop the prefix',
    task('ansible.builtin.apt: { name: nginx }'),
    ['site.yaml:3:7: unknown module "ansible.builtin.apt": bc-play has no collections', '  3 |     - ansible.builtin.apt: { name: nginx }', '    |       ^', '  hint: write apt:'],
  ],
  [
    'an Ansible module bc-play lacks names the alternative',
    task('package: { name: nginx }'),
    ['site.yaml:3:7: unknown module "package": Ansible\'s package is not in bc-play', '  3 |     - package: { name: nginx }', '    |       ^', '  hint: use apt'],
  ],
  [
    'an unknown module lists the modules and the task keywords, meta included',
    task('deebug: { msg: hi }'),
    [
      'site.yaml:3:7: unknown module "deebug"',
      '  3 |     - deebug: { msg: hi }',
      '    |       ^',
      '  hint: modules: apt, assert, authorized_key, blockinfile, command, copy, cron, debug, fail, fetch, file, find, get_url, group, hostname, lineinfile, node_release, postgres_db, postgres_role, release_pending, replace, service, set_fact, shell, slurp, ssh_key, stat, sysctl, systemd, template, ufw, unarchive, uri, user, wait_for, wait_for_connection; task keywords: name, when, register, loop, loop_control, notify, tags, become, become_user, check_mode, changed_when, failed_when, until, retries, delay, delegate_to, delegate_facts, run_once, ignore_errors, any_errors_fatal, vars, environment, no_log, listen, meta',
    ],
  ],
  [
    "Ansible's key=value arguments say how to write them as a map",
    task('apt: name=nginx state=present'),
    ['site.yaml:3:12: task: "apt" must be an object', '  3 |     - apt: name=nginx state=present', '    |            ^', "  hint: Ansible's key=value form is not read: write a map, { name: nginx, state: present }"],
  ],
  [
    'gather_facts: no (a string in YAML 1.2) says to write false, and names the play',
    '- name: web servers\n  hosts: web1\n  gather_facts: no\n',
    ['site.yaml:3:17: playbook: "gather_facts" of play "web servers" must be a boolean', '  3 |   gather_facts: no', '    |                 ^', '  hint: "no" is a string in YAML 1.2, which bc-play reads: write false'],
  ],
  [
    'an unknown play key names the play by its name, not its index',
    '- name: web\n  hosts: web1\n- name: db\n  hosts: web1\n  tasks2: []\n',
    ['site.yaml:5:3: playbook: unknown key "tasks2" in play "db"', '  5 |   tasks2: []', '    |   ^'],
  ],
  [
    'a play without hosts and name is named by its position',
    '- hosts: web1\n- tasks: []\n',
    ['site.yaml:2:3: playbook: missing required key "hosts" in play 2', '  2 | - tasks: []', '    |   ^'],
  ],
  [
    'an Ansible play keyword says what bc-play does instead',
    '- hosts: web1\n  module_defaults: {}\n',
    ['site.yaml:2:3: playbook: unknown key "module_defaults" in play 1 (hosts: web1)', '  2 |   module_defaults: {}', '    |   ^', '  hint: not in bc-play: give the arguments in each task'],
  ],
  [
    "an Ansible fact in an expression gives bc-play's name for it",
    task('command: "echo {{ ansible_hostname }}"'),
    [
      'site.yaml:3:16: undefined variable "ansible_hostname" in task "command echo {{ ansible_hostname }}"',
      '  3 |     - command: "echo {{ ansible_hostname }}"',
      '    |                ^',
      "  hint: ansible_hostname is Ansible's name; bc-play's is facts.hostname",
    ],
  ],
];

for (const [what, playbook, expected] of cases) {
  test(what, () => {
    assert.fixture(messageFor(playbook), expected.join('\n'));
  });
}

test("ansible_host, ansible_port and ansible_user in an inventory are refused with bc-play's name, never ignored", () => {
  for (const [name, bcPlay, value] of [['ansible_host', 'address', '"10.0.0.5"'], ['ansible_port', 'ssh_port', '2222'], ['ansible_user', 'ssh_user', '"admin"']]) {
    const inventory = `all:\n  hosts:\n    web1: { ${name}: ${value.replaceAll('"', '')} }\n`;
    assert.fixture(
      messageFor(task('command: echo'), inventory),
      [`inventory.yaml:3:13: host "web1": "${name}" is Ansible's name, which bc-play does not read`, `  3 |     web1: { ${name}: ${value.replaceAll('"', '')} }`, '    |             ^', `  hint: write ${bcPlay}: ${value}`].join('\n'),
    );
  }
});

test('no "not in bc-play" hint is left for a module bc-play has', () => {
  const hinted = [...MODULES.keys()].filter((name) => ansibleModule(name, new Set()) !== undefined);
  assert.equal(hinted, []);
});

test.run();
