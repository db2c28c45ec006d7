// wait_for_connection over real SSH: a host whose port opens only after the play started is
// waited for and then used; one that never opens fails the task once the timeout is over; a host
// key it does not know is not waited for.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, connect, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { freePort } from '../support/ports.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';
import { runEngine, workspace, type Workspace } from '../support/engine.js';

let sshd: SshdFixture;
let ws: Workspace;

test.before(async () => {
  sshd = await startSshd();
  ws = workspace({});
});

test.after(async () => {
  ws.remove();
  await sshd.stop();
});

/** Listens on `port` after `ms`, passing every connection on to the fixture's sshd: a host that finishes booting. */
function openLater(port: number, ms: number): { opened: Promise<Server> } {
  const server = createServer((socket) => {
    const upstream = connect(sshd.port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  const opened = new Promise<Server>((resolve) => setTimeout(() => server.listen(port, '127.0.0.1', () => resolve(server)), ms));
  return { opened };
}

/** A known_hosts file that trusts the fixture's host key on `port` too (the forwarded port). */
function knownOn(port: number): string {
  ws.write({ [`known-${port}`]: readFileSync(sshd.knownHosts, 'utf8').replace(`]:${sshd.port} `, `]:${port} `) });
  return ws.path(`known-${port}`);
}

async function play(port: number, timeout: number, knownHosts = knownOn(port)) {
  const common = `address: 127.0.0.1, ssh_port: ${port}, ssh_private_key: ${sshd.privateKey}, ssh_known_hosts: ${knownHosts}, ssh_user: root`;
  ws.write({
    'inventory.yaml': `all:\n  hosts:\n    booting: { ${common} }\n`,
    'play.yaml': `- hosts: booting
  gather_facts: false
  tasks:
    - wait_for_connection: { sleep: 0.5, timeout: ${timeout} }
    - copy: { content: "up\\n", dest: "${ws.dir}/up-${port}" }
`,
  });
  return runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), settings: {} });
}

test('a host whose SSH port opens 2 s into the play is waited for, then the next task runs on it', async () => {
  const port = await freePort();
  const late = openLater(port, 2000);
  const started = Date.now();
  const report = await play(port, 20);
  const server = await late.opened;
  server.close();
  assert.is(report.exitCode, 0, JSON.stringify(report.results.filter((r) => r.status !== 'ok' && r.status !== 'changed')));
  assert.ok(Date.now() - started >= 2000, 'the task waited for the port');
  assert.equal(report.results.map((r) => r.status), ['ok', 'changed']);
  assert.is(readFileSync(ws.path(`up-${port}`), 'utf8'), 'up\n');
});

test('a host that never answers fails the task after the timeout, naming the last reason', async () => {
  const port = await freePort();
  const started = Date.now();
  const report = await play(port, 2);
  assert.is(report.exitCode, 2);
  const failed = report.results.find((r) => r.status === 'failed');
  assert.match(failed?.message ?? '', /timed out waiting for the connection after 2 s \(\d+ tries\): .*connection refused/);
  assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
});

test('a host key that is not known leaves the host unreachable at once: waiting cannot change it', async () => {
  ws.write({ 'empty-known': '' });
  const started = Date.now();
  const report = await play(sshd.port, 30, ws.path('empty-known'));
  assert.is(report.exitCode, 4);
  assert.match(report.results[0]?.message ?? '', /host key of \[127\.0\.0\.1\]:\d+ is not known/);
  assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
});

test.run();
