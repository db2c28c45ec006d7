import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BcError } from '../../lib/errors.js';
import { openConnection } from '../../lib/connection/open.js';
import type { Connection } from '../../lib/connection/connection.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;
let root: Connection;
let user: Connection;

test.before(async () => {
  sshd = await startSshd();
  root = openConnection(sshd.target('root'));
  user = openConnection(sshd.target('bcplay-test'));
});
test.after(async () => {
  await root.close();
  await user.close();
  await sshd.stop();
});

test('put and get round-trip binary content and set the mode', async () => {
  const path = join(sshd.dir, 'binary.bin');
  const data = randomBytes(2 * 1024 * 1024);
  await root.put(data, path, { mode: 0o640 });
  assert.ok((await root.get(path)).equals(data));
  assert.is((await stat(path)).mode & 0o777, 0o640);
});

test('put changes the mode of an existing file and replaces its content', async () => {
  const path = join(sshd.dir, 'again.conf');
  await root.put('a much longer first version\n', path, { mode: 0o600 });
  await root.put('second\n', path, { mode: 0o755 });
  assert.is((await root.get(path)).toString(), 'second\n');
  assert.is((await stat(path)).mode & 0o777, 0o755);
});

test('many puts at once share the one SFTP session', async () => {
  const paths = Array.from({ length: 30 }, (_, i) => join(sshd.dir, `many-${i}.txt`));
  await Promise.all(paths.map((p, i) => root.put(`file ${i}\n`, p)));
  const back = await Promise.all(paths.map((p) => root.get(p)));
  assert.equal(
    back.map((b) => b.toString()),
    paths.map((_, i) => `file ${i}\n`),
  );
  assert.is(sshd.log().match(/Starting session: subsystem 'sftp'/g)?.length, 1);
});

test('put and get with become as a non-root user reach files only root may touch', async () => {
  const path = '/root/bcplay-become-transfer.txt';
  try {
    await user.put('secret\n', path, { mode: 0o600, become: true });
    assert.is((await stat(path)).uid, 0);
    assert.is((await stat(path)).mode & 0o777, 0o600);
    assert.is((await user.get(path, { become: true })).toString(), 'secret\n');
    const error = await user.get(path).then(() => undefined, (e: unknown) => e);
    assert.instance(error, BcError);
    assert.match((error as BcError).message, `cannot read ${path} on sshd-fixture: Permission denied`);
  } finally {
    await root.run(`rm -f ${path}`);
  }
});

test('put into a missing directory fails with the path and host in the message', async () => {
  const path = join(sshd.dir, 'missing', 'x');
  const error = await root.put('x', path).then(() => undefined, (e: unknown) => e);
  assert.instance(error, BcError);
  assert.is((error as BcError).message, `cannot write ${path} on sshd-fixture: No such file`);
});

test.run();
