import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { UnreachableError } from '../../lib/errors.js';
import { openConnection } from '../../lib/connection/open.js';
import type { Connection } from '../../lib/connection/connection.js';
import { freePort } from '../support/ports.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;

test.before(async () => {
  sshd = await startSshd();
});
test.after(async () => {
  await sshd.stop();
});

async function failure(work: Promise<unknown>): Promise<UnreachableError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  assert.instance(error, UnreachableError);
  return error as UnreachableError;
}

/** A port nobody listens on: the kernel's pick, released again. */
const closedPort = freePort;

test('connecting to a closed port is UnreachableError, quickly', async () => {
  const port = await closedPort();
  const started = Date.now();
  const error = await failure(openConnection(sshd.target('root', { port })).connect());
  // refused at once, not waited out: the connect timeout (10 s) is what a slow path would take
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  assert.is(error.message, `sshd-fixture: connection refused by 127.0.0.1:${port}`);
  assert.is(error.hint, `check that sshd runs on 127.0.0.1 and listens on port ${port} (the host's "ssh_port" variable)`);
});

test('a run on a host that could not be reached rejects with the same UnreachableError', async () => {
  const conn = openConnection(sshd.target('root', { port: await closedPort() }));
  const first = await failure(conn.connect());
  assert.is(await failure(conn.run('true')), first);
});

test('a port that accepts TCP but never speaks SSH times out as UnreachableError', async () => {
  const silent = createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
  const { port } = silent.address() as { port: number };
  try {
    const error = await failure(openConnection(sshd.target('root', { port, connectTimeoutMs: 300 })).connect());
    assert.is(error.message, `sshd-fixture: no SSH handshake with 127.0.0.1:${port} within 0.3 s`);
  } finally {
    silent.close();
  }
});

test('a key the host does not accept is UnreachableError naming the key', async () => {
  const privateKey = join(sshd.dir, 'stranger_key');
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', privateKey]);
  const error = await failure(openConnection(sshd.target('bcplay-test', { privateKey })).connect());
  assert.is(error.message, `sshd-fixture: bcplay-test@127.0.0.1:${sshd.port} refused the key ${privateKey}`);
  assert.match(error.hint ?? '', 'authorized_keys');
});

test('a missing private key file is UnreachableError naming the file', async () => {
  const privateKey = join(sshd.dir, 'no_such_key');
  const error = await failure(openConnection(sshd.target('root', { privateKey })).connect());
  assert.match(error.message, `sshd-fixture: cannot read the private key ${privateKey}: ENOENT`);
});

test('when sshd dies mid-run, runs in flight and later runs reject with UnreachableError', async () => {
  // a user whose login shell reads no rc files: killing a root shell mid-startup can leave its rc's locks behind
  const conn: Connection = openConnection(sshd.target('bcplay-test'));
  await conn.connect();
  const sessions = () => sshd.log().match(/Starting session: command/g)?.length ?? 0;
  const before = sessions();
  const inFlight = [conn.run('sleep 30'), conn.run('sleep 30')].map(failure);
  for (let i = 0; sessions() < before + 2; i++) {
    assert.ok(i < 1500, 'the two sessions never started'); // both are running before sshd dies
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const started = Date.now();
  await sshd.kill();
  const errors = await Promise.all(inFlight);
  // noticed from the closed connection, not from keepalives (3 × 5 s) or the commands' 30 s
  assert.ok(Date.now() - started < 12_000, `noticed after ${Date.now() - started} ms`);
  assert.match(errors[0].message, `sshd-fixture: lost the SSH connection to 127.0.0.1:${sshd.port}`);
  assert.is(errors[0].host, 'sshd-fixture');
  await failure(conn.run('true'));
  await conn.close();
});

test.run();
