// The engine against lab hosts over real SSH: prediction, idempotency, --limit, handlers,
// become with a non-root user, and a host lost mid-run. Needs root; brings the lab up and down.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadInventory } from '../../lib/inventory/load.js';
import { ensureLabUp, labSsh, labStatus, type LabHosts } from '../../lib/lab/index.js';
import { labPaths } from '../../lib/lab/paths.js';
import type { Vars } from '../../lib/inventory/types.js';
import { runEngine, workspace, type RunReport } from '../support/engine.js';
import { labSession } from '../support/lab-session.js';

const INVENTORY = 'test/fixtures/lab/inventory.yaml';
const log = (line: string) => console.error(line);
const ws = workspace({
  'site.yaml': `- name: web servers
  hosts: all
  tasks:
    - name: nginx installed
      apt: { name: nginx, update_cache: true, cache_valid_time: 3600 }
    - name: nginx running
      service: { name: nginx, state: started, enabled: true }
    - name: site config
      template: { src: site.conf.ejs, dest: /etc/nginx/conf.d/bc.conf }
      notify: reload nginx
    - name: marker
      copy: { content: "{{ inventory_hostname }} {{ greeting }}\\n", dest: /etc/bc-marker }
      notify: reload nginx
    - name: deploy user
      user: { name: deploy, shell: /bin/bash }
    - name: deploy may sudo
      copy: { content: "deploy ALL=(ALL) NOPASSWD: ALL\\n", dest: /etc/sudoers.d/deploy, mode: "0440", validate: "visudo -cf %s" }
    - name: deploy ssh dir
      file: { path: /home/deploy/.ssh, state: directory, owner: deploy, group: deploy, mode: "0700" }
    - name: deploy key
      copy: { content: "{{ deploy_key }}", dest: /home/deploy/.ssh/authorized_keys, owner: deploy, group: deploy, mode: "0600" }
  handlers:
    - name: reload nginx
      shell: "systemctl reload nginx && echo reload >> /var/log/bc-handlers.log"
`,
  'templates/site.conf.ejs': 'server { listen 8080; return 200 "<%= inventory_hostname %> <%= greeting %>\\n"; }\n',
  'become.yaml': `- hosts: all
  become: true
  tasks:
    - shell: { cmd: "id -un > /tmp/who-{{ ssh_user }}", creates: "/tmp/who-{{ ssh_user }}" }
`,
  'slow.yaml': `- hosts: all
  tasks:
    - shell: "touch /tmp/slow-started; sleep 20"
    - shell: "touch /tmp/after-slow"
`,
});

let lab: LabHosts;
let deployKey: string;

async function on(host: string, command: string): Promise<string> {
  const r = await labSsh(host, [command], labPaths());
  return r.stdout.trim();
}

function run(playbook: string, options: { check?: boolean; limit?: string; extra?: Vars } = {}): Promise<RunReport> {
  return runEngine({
    playbook: ws.path(playbook),
    inventory: INVENTORY,
    limit: options.limit,
    settings: {
      check: options.check ?? false,
      hostOverrides: new Map([...lab].map(([name, vars]) => [name, { ...vars }])),
      extraVars: { greeting: 'hello', deploy_key: deployKey, ...options.extra },
    },
  });
}

const session = labSession('the engine e2e suite');

test.before(async () => {
  await session.claim();
  lab = await ensureLabUp(loadInventory(INVENTORY), { log });
  deployKey = readFileSync(`${[...lab.values()][0].ssh_private_key}.pub`, 'utf8');
});

test.after(async () => {
  ws.remove();
  await session.release();
});

test('check mode on fresh hosts predicts exactly the changes the apply makes', async () => {
  const predicted = await run('site.yaml', { check: true });
  assert.is(predicted.exitCode, 3);
  assert.is(await on('edge1', 'test -e /etc/bc-marker && echo yes || echo no'), 'no', 'check mode changed nothing');
  const applied = await run('site.yaml');
  assert.is(applied.exitCode, 0, JSON.stringify(applied.results.filter((r) => r.status === 'failed'), null, 1));
  assert.equal(predicted.changes.sort(), applied.changes.sort());
  assert.ok(applied.changes.some((c) => c.includes('nginx')));
});

test('a second run reports zero changes and check mode then exits 0', async () => {
  const second = await run('site.yaml');
  assert.equal(second.changes, []);
  assert.is((await run('site.yaml', { check: true })).exitCode, 0);
});

test('the handler ran once per host although two tasks notified it', async () => {
  for (const host of ['edge1', 'app1', 'db1']) {
    assert.is(await on(host, 'cat /var/log/bc-handlers.log'), 'reload');
    assert.is(await on(host, 'curl -s http://127.0.0.1:8080/'), `${host} hello`);
  }
});

test('--limit changes only the matching host', async () => {
  const report = await run('site.yaml', { limit: 'edge1', extra: { greeting: 'bonjour' } });
  assert.equal(Object.keys(report.recap), ['edge1']);
  assert.ok(report.changes.length > 0 && report.changes.every((c) => c.startsWith('edge1: ')));
  assert.is(await on('edge1', 'cat /etc/bc-marker'), 'edge1 bonjour');
  assert.is(await on('app1', 'cat /etc/bc-marker'), 'app1 hello');
});

test('become runs as root through sudo for a non-root SSH user', async () => {
  const report = await run('become.yaml', { extra: { ssh_user: 'deploy' } });
  assert.is(report.exitCode, 0, JSON.stringify(report.results.filter((r) => r.status !== 'changed'), null, 1));
  assert.is(await on('app1', 'cat /tmp/who-deploy'), 'root');
});

test('a host stopped mid-run is reported unreachable while the others finish', async () => {
  const pid = labStatus().hosts.find((h) => h.name === 'db1')!.pid!;
  await on('db1', 'rm -f /tmp/slow-started');
  const running = run('slow.yaml');
  // stopped while its slow task runs there, however long the run took to get to it
  for (let i = 0; (await on('db1', 'test -e /tmp/slow-started && echo yes || echo no')) !== 'yes'; i++) {
    assert.ok(i < 600, 'the slow task never started on db1');
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGTERM'); // nspawn powers the host off: its sshd and every session end
  const report = await running;
  assert.is(report.exitCode, 4);
  assert.is(report.recap.db1.unreachable, 1);
  assert.is(report.recap.edge1.failed + report.recap.edge1.unreachable, 0);
  assert.is(await on('edge1', 'test -e /tmp/after-slow && echo yes'), 'yes');
});

test.run();
