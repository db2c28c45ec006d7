import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveKeyPair, openSshPrivateKey, publicKeyLine, sshKeyModule, type SshKeyArgs } from '../../../lib/modules/ssh-key.js';
import { acceptsArgs, checkPlan, type PlanCase } from './support/plan-fixture.js';

const SECRET = 'a-secret-of-the-store-0123456789';
const pair = deriveKeyPair(SECRET);
const root = { identity: { user: 'root', group: 'root' } };
const line = `restrict,command="/usr/local/sbin/receive" ${publicKeyLine(pair, 'bc-backup')}\n`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

test('the same secret gives the same key pair, another secret another one', () => {
  assert.equal(deriveKeyPair(SECRET).publicKey, pair.publicKey);
  assert.is.not(deriveKeyPair(`${SECRET}x`).publicKey.toString('hex'), pair.publicKey.toString('hex'));
  assert.is(pair.seed.length, 32);
  assert.is(pair.publicKey.length, 32);
});

test('ssh-keygen reads the private key and derives the same public key from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-ssh-key-'));
  try {
    writeFileSync(join(dir, 'key'), openSshPrivateKey(pair, 'bc-test'), { mode: 0o600 });
    const r = spawnSync('ssh-keygen', ['-y', '-f', join(dir, 'key')], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), publicKeyLine(pair, 'bc-test'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const cases: PlanCase<SshKeyArgs>[] = [
  {
    name: 'writes the private key with mode 0600 and a summary that shows only the public half',
    args: { secret: SECRET, private_key: '/root/.ssh/bc-offsite', comment: 'bc-backup@infra1' },
    facts: { ...root, 'file:/root/.ssh/bc-offsite': { exists: false } },
    summaries: [`write private key /root/.ssh/bc-offsite (${publicKeyLine(pair, 'bc-backup@infra1').slice(0, 30)}…)`],
    commands: [['chmod -- 0600 "$tmp"']],
    stdin: openSshPrivateKey(pair, 'bc-backup@infra1'),
  },
  {
    name: 'writes an authorized_keys file holding the options and the public key only',
    args: { secret: SECRET, authorized_keys: '/var/lib/bc-offsite/.ssh/authorized_keys', options: 'restrict,command="/usr/local/sbin/receive"', comment: 'bc-backup', mode: '0600' },
    facts: { ...root, 'file:/var/lib/bc-offsite/.ssh/authorized_keys': { exists: false } },
    summaries: [`create /var/lib/bc-offsite/.ssh/authorized_keys (${line.length} bytes, mode 0600, owner root:root)`],
    stdin: line,
  },
  {
    name: 'reports no change when the authorized_keys file already holds the line',
    args: { secret: SECRET, authorized_keys: '/k', options: 'restrict,command="/usr/local/sbin/receive"', comment: 'bc-backup' },
    facts: { ...root, 'file:/k': { exists: true, type: 'file', mode: '0600', owner: 'root', group: 'root', size: line.length, sha256: sha(line) } },
    summaries: [],
  },
];

for (const c of cases) test(c.name, () => void checkPlan(sshKeyModule, c));

test('never shows the private key under --diff, and registers the public key', () => {
  const ctx = { diff: true };
  const specs = sshKeyModule.facts({ secret: SECRET, private_key: '/k' }, ctx as never).map((s) => s.key);
  assert.not.ok(specs.includes('content:/k'), 'the old key is not even read');
  const plan = checkPlan(sshKeyModule, { name: 'diff', args: { secret: SECRET, private_key: '/k' }, diff: true, facts: { ...root, 'file:/k': { exists: false } } });
  assert.is(plan?.changes[0].diff, undefined);
  assert.is(plan?.data?.public_key, publicKeyLine(pair, 'bc-play'));
});

const schemaRows: [string, unknown, boolean][] = [
  ['accepts a private key path', { secret: SECRET, private_key: '/root/.ssh/k' }, true],
  ['accepts an authorized_keys path with options', { secret: SECRET, authorized_keys: '/home/u/.ssh/authorized_keys', options: 'restrict' }, true],
  ['rejects both outputs at once', { secret: SECRET, private_key: '/a', authorized_keys: '/b' }, false],
  ['rejects neither output', { secret: SECRET }, false],
  ['rejects a short secret', { secret: 'short', private_key: '/a' }, false],
  ['rejects options spanning lines', { secret: SECRET, authorized_keys: '/a', options: 'restrict\nssh-ed25519 AAAA evil' }, false],
];
for (const [name, args, ok] of schemaRows) test(`ssh_key schema ${name}`, () => assert.is(acceptsArgs(sshKeyModule as never, args), ok));

test.run();
