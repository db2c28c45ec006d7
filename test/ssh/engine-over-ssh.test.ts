// The engine over real SSH to an sshd on loopback: predict, apply, re-apply; become; one connection.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, statSync } from 'node:fs';
import { startSshd, type SshdFixture } from '../support/sshd.js';
import { runEngine, workspace, type Workspace } from '../support/engine.js';

let sshd: SshdFixture;
let ws: Workspace;

function inventory(): string {
  const common = `address: 127.0.0.1, ssh_port: ${sshd.port}, ssh_private_key: ${sshd.privateKey}, ssh_known_hosts: ${sshd.knownHosts}`;
  return `all:
  hosts:
    asroot: { ${common}, ssh_user: root, site: r }
    asuser: { ${common}, ssh_user: bcplay-test, site: u }
`;
}

const PLAYBOOK = `- name: over ssh
  hosts: all
  become: true
  tasks:
    - file: { path: "{{ root }}/{{ site }}", state: directory, mode: "0750" }
    - template: { src: motd.ejs, dest: "{{ root }}/{{ site }}/motd", mode: "0644" }
      notify: note
    - copy: { content: "port {{ port }}\\n", dest: "{{ root }}/{{ site }}/port.conf" }
      loop_control: { label: port }
    - lineinfile: { path: "{{ root }}/{{ site }}/extra.conf", line: "# end", create: true }
    - shell:
        cmd: "id -un > {{ root }}/{{ site }}/whoami"
        creates: "{{ root }}/{{ site }}/whoami"
  handlers:
    - name: note
      shell: "echo noted >> {{ root }}/{{ site }}/notes"
`;

test.before(async () => {
  sshd = await startSshd();
  ws = workspace({ 'play.yaml': PLAYBOOK, 'templates/motd.ejs': 'welcome to <%= inventory_hostname %>\n' });
  ws.write({ 'inventory.yaml': inventory() });
});

test.after(async () => {
  ws.remove();
  await sshd.stop();
});

const run = (check = false) => runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: { check, extraVars: { root: ws.dir, port: 8000 } } });

test('check before the first apply lists exactly the changes the apply makes; a second apply changes nothing', async () => {
  const predicted = await run(true);
  assert.is(predicted.exitCode, 3);
  const applied = await run();
  assert.is(applied.exitCode, 0, JSON.stringify(applied.results.filter((r) => r.status === 'failed')));
  assert.ok(applied.changes.length >= 12, applied.changes.join('\n'));
  assert.equal(predicted.changes.sort(), applied.changes.sort());
  const second = await run();
  assert.equal(second.changes, []);
  assert.is((await run(true)).exitCode, 0);
});

test('become runs as root through sudo for a non-root SSH user', () => {
  assert.is(readFileSync(ws.path('u/whoami'), 'utf8'), 'root\n');
  assert.is(statSync(ws.path('u/motd')).uid, 0);
  assert.is(readFileSync(ws.path('u/motd'), 'utf8'), 'welcome to asuser\n');
});

test('handlers ran once per host', () => {
  assert.is(readFileSync(ws.path('r/notes'), 'utf8'), 'noted\n');
  assert.is(readFileSync(ws.path('u/notes'), 'utf8'), 'noted\n');
});

test('each run opens one SSH connection per host', async () => {
  const before = (sshd.log().match(/Accepted publickey/g) ?? []).length;
  await run();
  const after = (sshd.log().match(/Accepted publickey/g) ?? []).length;
  assert.is(after - before, 2);
});

test('a host whose sshd is gone is reported unreachable while the other host finishes', async () => {
  const dead = inventory().replace(/(asuser: \{ address: 127\.0\.0\.1, ssh_port: )\d+/, '$11');
  ws.write({ 'inventory-dead.yaml': dead });
  const report = await runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory-dead.yaml'), settings: { extraVars: { root: ws.dir, port: 8000 } } });
  assert.is(report.exitCode, 4);
  assert.is(report.recap.asuser.unreachable, 1);
  assert.is(report.recap.asroot.failed + report.recap.asroot.unreachable, 0);
  assert.ok(report.recap.asroot.ok >= 6);
});

test.run();
