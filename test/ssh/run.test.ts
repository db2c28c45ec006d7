import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { openConnection } from '../../lib/connection/open.js';
import { SshConnection } from '../../lib/connection/ssh.js';
import type { Connection } from '../../lib/connection/connection.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;
let conn: Connection;

test.before(async () => {
  sshd = await startSshd();
  conn = openConnection(sshd.target('root'));
  await conn.connect();
});
test.after(async () => {
  await conn.close();
  await sshd.stop();
});

test('openConnection picks the ssh transport for kind ssh', () => {
  assert.instance(conn, SshConnection);
});

test('returns stdout, stderr and the exit code of a command', async () => {
  const result = await conn.run('printf out; printf err >&2; exit 3');
  assert.equal(result, { stdout: 'out', stderr: 'err', code: 3 });
});

test('runs the command through sh -c, so shell syntax and quoting work', async () => {
  const result = await conn.run(`x='a b'; [ "$x" = 'a b' ] && echo "ok $(id -un)"`);
  assert.equal(result, { stdout: 'ok root\n', stderr: '', code: 0 });
});

test('keeps multi-byte UTF-8 intact across chunk boundaries', async () => {
  const result = await conn.run(`i=0; while [ $i -lt 20000 ]; do printf 'é€'; i=$((i+1)); done`);
  assert.is(result.stdout, 'é€'.repeat(20000));
});

test('stdin of a few MB arrives intact', async () => {
  const data = randomBytes(4 * 1024 * 1024);
  const result = await conn.run('sha256sum', { stdin: data });
  assert.is(result.stdout.split(' ')[0], createHash('sha256').update(data).digest('hex'));
});

test('a command without stdin sees it closed', async () => {
  assert.equal(await conn.run('cat'), { stdout: '', stderr: '', code: 0 });
});

test('20 concurrent runs over one connection all succeed, beyond sshd MaxSessions 10', async () => {
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => conn.run(`sleep 0.2; echo ${i}`)));
  assert.equal(
    results.map((r) => r.stdout),
    Array.from({ length: 20 }, (_, i) => `${i}\n`),
  );
  assert.ok(results.every((r) => r.code === 0));
  // all of them went through the one TCP connection sshd accepted
  assert.is(sshd.log().match(/Accepted publickey/g)?.length, 1);
  assert.ok((sshd.log().match(/Starting session: command/g)?.length ?? 0) >= 20);
});

test('kills a command that outlives its timeout with exit code 124', async () => {
  const started = Date.now();
  const result = await conn.run('sleep 60; echo never', { timeoutMs: 300 });
  assert.is(result.code, 124);
  assert.is(result.stdout, '');
  assert.ok(result.stderr.endsWith('bc-play: timed out after 300 ms, killed\n'));
  // killed, not waited for: far below the command's 60 s even on a loaded machine
  assert.ok(Date.now() - started < 30_000, `returned after ${Date.now() - started} ms`);
  assert.is((await conn.run('echo still usable')).stdout, 'still usable\n');
});

test('reports a command killed by a signal as 128 + the signal number', async () => {
  assert.is((await conn.run('kill -9 $$')).code, 137);
});

test.run();
