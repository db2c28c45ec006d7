import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { UnreachableError, formatError } from '../../lib/errors.js';
import { fingerprint, hashHostName } from '../../lib/connection/known-hosts.js';
import { openConnection } from '../../lib/connection/open.js';
import type { ConnectionTarget } from '../../lib/connection/connection.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;
let hostFingerprint = '';

test.before(async () => {
  sshd = await startSshd();
  hostFingerprint = fingerprint(sshd.hostKey.split(' ')[1]);
});
test.after(async () => {
  await sshd.stop();
});

async function connectError(target: ConnectionTarget): Promise<UnreachableError> {
  const conn = openConnection(target);
  try {
    await conn.connect();
  } catch (error) {
    assert.instance(error, UnreachableError);
    return error as UnreachableError;
  } finally {
    await conn.close();
  }
  throw new Error('connected, but the host key should have been refused');
}

async function knownHostsWith(name: string, lines: string): Promise<string> {
  const path = join(sshd.dir, name);
  await writeFile(path, lines);
  return path;
}

test('connects when known_hosts lists the host key', async () => {
  const conn = openConnection(sshd.target('root'));
  await conn.connect();
  assert.is((await conn.run('echo hi')).stdout, 'hi\n');
  await conn.close();
});

test('connects when the host is listed under a hashed name', async () => {
  const knownHosts = await knownHostsWith('hashed', `${hashHostName(`[127.0.0.1]:${sshd.port}`)} ${sshd.hostKey}\n`);
  const conn = openConnection(sshd.target('root', { knownHosts }));
  await conn.connect();
  await conn.close();
});

test('refuses an unknown host key and says how to accept it', async () => {
  const knownHosts = await knownHostsWith('empty', '');
  const error = await connectError(sshd.target('root', { knownHosts }));
  assert.is(error.host, 'sshd-fixture');
  assert.is(error.message, `sshd-fixture: host key of [127.0.0.1]:${sshd.port} is not known: ssh-ed25519 ${hostFingerprint} is not in ${knownHosts}`);
  assert.is(
    error.hint,
    `if that fingerprint is the host's, rerun with --accept-new-host-keys to record it in ${knownHosts} (or add it yourself: ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${knownHosts})`,
  );
});

test('refuses a host missing from a known_hosts file that does not exist', async () => {
  const knownHosts = join(sshd.dir, 'absent');
  const error = await connectError(sshd.target('root', { knownHosts }));
  assert.match(error.message, 'is not known');
});

test('accepting new keys records the key, and the next connection trusts it', async () => {
  const knownHosts = join(sshd.dir, 'sub', 'accepted');
  const conn = openConnection(sshd.target('root', { knownHosts, acceptNewHostKeys: true }));
  await conn.connect();
  assert.is((await conn.run('echo in')).stdout, 'in\n');
  await conn.close();
  assert.is(await readFile(knownHosts, 'utf8'), `[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
  const again = openConnection(sshd.target('root', { knownHosts }));
  await again.connect();
  await again.close();
});

test('refuses a changed host key loudly, even when accepting new keys', async () => {
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(sshd.dir, 'other_key')]);
  const other = (await readFile(join(sshd.dir, 'other_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const knownHosts = await knownHostsWith('changed', `# old key\n[127.0.0.1]:${sshd.port} ${other}\n`);
  for (const acceptNewHostKeys of [false, true]) {
    const error = await connectError(sshd.target('root', { knownHosts, acceptNewHostKeys }));
    assert.is(
      error.message,
      `sshd-fixture: WARNING: THE HOST KEY OF [127.0.0.1]:${sshd.port} HAS CHANGED. Someone may be intercepting the connection, or the host was reinstalled. ` +
        `Offered: ssh-ed25519 ${hostFingerprint}; known: ${knownHosts}:2 (ssh-ed25519 ${fingerprint(other.split(' ')[1])}). bc-play refuses to connect.`,
    );
    assert.is(error.hint, `if you have verified the new key, remove the old one with: ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${knownHosts} (--accept-new-host-keys never replaces a key)`);
  }
  assert.is(await readFile(knownHosts, 'utf8'), `# old key\n[127.0.0.1]:${sshd.port} ${other}\n`, 'the file is left alone');
});

test('refuses a key marked @revoked', async () => {
  const knownHosts = await knownHostsWith('revoked', `[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n@revoked * ${sshd.hostKey}\n`);
  const error = await connectError(sshd.target('root', { knownHosts }));
  assert.is(error.message, `sshd-fixture: host key ssh-ed25519 ${hostFingerprint} of [127.0.0.1]:${sshd.port} is marked @revoked at ${knownHosts}:2; bc-play refuses to connect`);
});

test('the refusal reads well through formatError', async () => {
  const knownHosts = await knownHostsWith('empty2', '');
  const text = formatError(await connectError(sshd.target('root', { knownHosts })));
  assert.ok(text.includes('\n  hint: if that fingerprint is'));
});

test.run();
