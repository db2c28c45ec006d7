// What --check cannot know it says: a check_mode: false command after a predicted change, the
// ansible_check_mode variable, waits it does not make.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { openConnection } from '../../../lib/connection/open.js';
import type { ConnectionTarget } from '../../../lib/connection/connection.js';
import { runEngine, workspace } from '../../support/engine.js';

const INVENTORY = 'all:\n  hosts:\n    web1: { connection: local }\n';

const TOOL = `- hosts: web1
  gather_facts: false
  tasks:
    - name: install the tool
      copy: { content: "#!/bin/sh\\necho tool 1.0\\n", dest: "{{ root }}/tool", mode: "0755" }
    - name: tool version
      command: "{{ root }}/tool --version"
      check_mode: false
      register: version
    - name: record the version
      copy: { content: "{{ version.stdout }}", dest: "{{ root }}/version" }
`;

test('check mode skips with a warning, not a failure, a check_mode: false command that fails because an earlier change was only predicted', async () => {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': TOOL });
  try {
    const settings = { check: true, extraVars: { root: ws.dir } };
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings });
    assert.equal(check.results.map((r) => r.status), ['changed', 'skipped', 'skipped']);
    const warnings = check.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    assert.equal(warnings[0], `web1: task "tool version" cannot be predicted: its command failed with exit code 127 (command not found)\n  check mode did not run task "install the tool" (${ws.path('site.yaml')}:4:7), which may provide what it needs`);
    assert.match(warnings[1], /^web1: task "record the version" cannot be predicted: it needs the output of task "tool version"/);
    assert.is(check.exitCode, 3, 'changes pending, nothing failed');
    const real = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { ...settings, check: false } });
    assert.equal(real.results.map((r) => r.status), ['changed', 'changed', 'changed']);
  } finally {
    ws.remove();
  }
});

test('a check_mode: false command that fails with nothing predicted before it still fails the check', async () => {
  const playbook = `- hosts: web1
  gather_facts: false
  tasks:
    - name: probe
      command: "false"
      check_mode: false
`;
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': playbook });
  try {
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true } });
    assert.equal(check.results.map((r) => r.status), ['failed']);
    assert.is(check.exitCode, 2);
  } finally {
    ws.remove();
  }
});

test('ansible_check_mode is true under --check and false in a real run', async () => {
  const playbook = `- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "check={{ ansible_check_mode }}", dest: "{{ root }}/mode" }
    - copy: { content: "real", dest: "{{ root }}/only-real" }
      when: "!ansible_check_mode"
`;
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': playbook });
  try {
    const extraVars = { root: ws.dir };
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true, extraVars } });
    assert.equal(check.results.map((r) => r.status), ['changed', 'skipped']);
    const real = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { extraVars } });
    assert.equal(real.results.map((r) => r.status), ['changed', 'changed']);
    assert.ok(existsSync(ws.path('only-real')));
    assert.is(readFileSync(ws.path('mode'), 'utf8'), 'check=false');
  } finally {
    ws.remove();
  }
});

test('check mode reports the wait it did not make, for the normal output', async () => {
  const playbook = `- hosts: web1
  gather_facts: false
  tasks:
    - wait_for: { port: 1, timeout: 1 }
`;
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': playbook });
  try {
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true } });
    assert.equal(check.results.map((r) => [r.status, r.notChecked]), [['ok', 'would wait up to 1s for 127.0.0.1:1 to accept connections']]);
  } finally {
    ws.remove();
  }
});

const APT = `- hosts: web1
  gather_facts: false
  tasks:
    - name: firewall package
      apt: { name: bcplay-no-such-package }
`;

/** The local connection, with apt's lists folder moved to \`lists\` (a host whose lists are in that state). */
function listsAt(lists: string) {
  return (target: ConnectionTarget) => {
    const conn = openConnection(target);
    return { ...conn, host: conn.host, connect: () => conn.connect(), close: () => conn.close(), run: (command: string, options?: Parameters<typeof conn.run>[1]) => conn.run(command.replaceAll('/var/lib/apt/lists/', `${lists}/`), options) };
  };
}

test('check mode warns, naming the host and the task, that an install on a host without package lists will fail', async () => {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': APT, 'lists/partial/.keep': '' });
  try {
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true }, open: listsAt(ws.path('lists')) });
    assert.equal(check.results.map((r) => [r.status, r.changes]), [['changed', ['install bcplay-no-such-package']]]);
    const warnings = check.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    assert.equal(warnings, [
      'web1: task "firewall package" installs bcplay-no-such-package, but this host has no package lists (apt-get update never ran), so apt cannot find it: add update_cache: true (with cache_valid_time: 3600) to this task or an earlier apt task',
    ]);
  } finally {
    ws.remove();
  }
});

test('check mode predicts the failure of a package the lists have no candidate for', async () => {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': APT, 'lists/fake_main_binary-amd64_Packages': 'Package: other\n' });
  try {
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true }, open: listsAt(ws.path('lists')) });
    assert.equal(check.results.map((r) => r.status), ['failed']);
    assert.is(check.results[0].message?.split('\n')[0], "apt has no installation candidate for bcplay-no-such-package: no such package in this host's package lists");
    assert.is(check.exitCode, 2);
  } finally {
    ws.remove();
  }
});

const UPDATE_BY_HAND = `- hosts: web1
  gather_facts: false
  tasks:
    - name: refresh the lists by hand
      shell: apt-get update
    - name: the shell
      apt: { name: bash }
    - name: firewall package
      apt: { name: bcplay-no-such-package }
`;

for (const [lists, files] of [['no package lists', { 'lists/partial/.keep': '' }], ['lists without the package', { 'lists/fake_main_binary-amd64_Packages': 'Package: other\n' }]] as const) {
  test(`after a command check mode did not run (it may be an apt-get update), an install on a host with ${lists} is not predictable, not a predicted failure or a lists warning`, async () => {
    const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': UPDATE_BY_HAND, ...files });
    try {
      const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true }, open: listsAt(ws.path('lists')) });
      assert.equal(check.results.map((r) => r.status), ['changed', 'ok', 'skipped'], 'an installed package stays installed');
      const warnings = check.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
      assert.equal(warnings, [
        `web1: task "firewall package" cannot be predicted: task "refresh the lists by hand" (${ws.path('site.yaml')}:4:7) may change the package lists (apt:bcplay-no-such-package), which check mode does not run`,
      ]);
      assert.is(check.exitCode, 3);
    } finally {
      ws.remove();
    }
  });
}

test('a command declared read-only (changed_when: false) leaves the package lists as read, in check mode', async () => {
  const ws = workspace({ 'inventory.yaml': INVENTORY, 'site.yaml': UPDATE_BY_HAND.replace('shell: apt-get update', 'shell: apt-cache policy\n      changed_when: false'), 'lists/fake_main_binary-amd64_Packages': 'Package: other\n' });
  try {
    const check = await runEngine({ playbook: ws.path('site.yaml'), inventory: ws.path('inventory.yaml'), settings: { check: true }, open: listsAt(ws.path('lists')) });
    assert.equal(check.results.map((r) => r.status), ['ok', 'ok', 'failed']);
  } finally {
    ws.remove();
  }
});

test.run();
