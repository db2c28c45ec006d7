import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkHostKey,
  entryMatchesHost,
  fingerprint,
  hashHostName,
  knownHostsLine,
  knownKeyTypes,
  offeredKey,
  parseKnownHosts,
} from '../../../lib/connection/known-hosts.js';

// a real ed25519 public key blob and a second one, as ssh-keygen writes them
const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIKdOp6H5g1U+NBOzc0hhZtKqM9SGJdrZ6rV0qnWQgYB/';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIDijbrC7/Nd2URJ7BzA6Zqu2mzvnoitB4yFfsGj27Me9';

const FILE = `# comment line

web1,10.0.0.5 ssh-ed25519 ${KEY_A} root@web1
[10.0.0.6]:2222 ssh-ed25519 ${KEY_A}
db* ssh-ed25519 ${KEY_A}
*.example.com,!evil.example.com ssh-ed25519 ${KEY_A}
@cert-authority *.corp ssh-ed25519 ${KEY_A}
@revoked * ssh-ed25519 ${KEY_B}
garbage-without-key
bad ssh-ed25519 not*base64
`;

const entries = parseKnownHosts(FILE, '/home/u/.ssh/known_hosts');

test('parses hosts, key type, key and line number, skipping comments and malformed lines', () => {
  assert.equal(entries.length, 6);
  assert.equal(entries[0], { file: '/home/u/.ssh/known_hosts', line: 3, hosts: 'web1,10.0.0.5', keyType: 'ssh-ed25519', key: KEY_A });
});

test('reads @cert-authority and @revoked markers', () => {
  assert.equal(entries[4].marker, 'cert-authority');
  assert.equal(entries[5].marker, 'revoked');
  assert.equal(entries[5].hosts, '*');
});

const MATCHES: Array<[string, string, number, boolean]> = [
  ['web1,10.0.0.5', 'web1', 22, true],
  ['web1,10.0.0.5', '10.0.0.5', 22, true],
  ['web1,10.0.0.5', 'WEB1', 22, true],
  ['web1,10.0.0.5', 'web1', 2222, false],
  ['[10.0.0.6]:2222', '10.0.0.6', 2222, true],
  ['[10.0.0.6]:2222', '10.0.0.6', 22, false],
  ['db*', 'db12', 22, true],
  ['db?', 'db1', 22, true],
  ['db?', 'db12', 22, false],
  ['*.example.com,!evil.example.com', 'www.example.com', 22, true],
  ['*.example.com,!evil.example.com', 'evil.example.com', 22, false],
  ['web.1', 'webx1', 22, false],
];

for (const [hosts, address, port, expected] of MATCHES) {
  test(`pattern "${hosts}" ${expected ? 'matches' : 'does not match'} ${address} on port ${port}`, () => {
    const entry = { file: 'f', line: 1, hosts, keyType: 'ssh-ed25519', key: KEY_A };
    assert.is(entryMatchesHost(entry, address, port), expected);
  });
}

test('a hashed entry matches the host it was hashed from, with and without a port', () => {
  const plain = { file: 'f', line: 1, hosts: hashHostName('web1'), keyType: 'ssh-ed25519', key: KEY_A };
  const ported = { ...plain, hosts: hashHostName('[web1]:2222') };
  assert.ok(entryMatchesHost(plain, 'web1', 22));
  assert.not.ok(entryMatchesHost(plain, 'web2', 22));
  assert.ok(entryMatchesHost(ported, 'web1', 2222));
  assert.not.ok(entryMatchesHost(ported, 'web1', 22));
});

test('a hashed entry written by ssh-keygen -H matches its host', () => {
  // `ssh-keygen -H` output for host "localhost"
  const line = `|1|tdYKvc77p48VGKHYDuclscSkUSE=|5fA0nChrq5nrM99ijbvs+I1b5p4= ssh-ed25519 ${KEY_A}`;
  const [entry] = parseKnownHosts(line, 'f');
  assert.ok(entryMatchesHost(entry, 'localhost', 22));
  assert.not.ok(entryMatchesHost(entry, 'localhost2', 22));
  assert.not.ok(entryMatchesHost(entry, 'localhost', 2222));
});

test('a key listed for the host is known', () => {
  const verdict = checkHostKey(entries, 'web1', 22, { type: 'ssh-ed25519', key: KEY_A });
  assert.is(verdict.status, 'known');
});

test('a host with no entry is unknown, even when a @cert-authority pattern matches it', () => {
  assert.equal(checkHostKey(entries, 'new-host', 22, { type: 'ssh-ed25519', key: KEY_A }), { status: 'unknown' });
  assert.equal(checkHostKey(entries, 'x.corp', 22, { type: 'ssh-ed25519', key: KEY_A }), { status: 'unknown' });
});

test('another key for a listed host is a changed key that names the lines it conflicts with', () => {
  const other = parseKnownHosts(`web1 ssh-ed25519 ${KEY_A}\nweb1 ssh-ed25519 ${KEY_A}`, 'f');
  const verdict = checkHostKey(other, 'web1', 22, { type: 'ssh-ed25519', key: KEY_B });
  assert.is(verdict.status, 'changed');
  assert.equal(verdict.status === 'changed' && verdict.entries.map((e) => e.line), [1, 2]);
});

test('a @revoked key is refused for every host, even one that lists it', () => {
  const list = parseKnownHosts(`web1 ssh-ed25519 ${KEY_B}\n@revoked * ssh-ed25519 ${KEY_B}`, 'f');
  const verdict = checkHostKey(list, 'web1', 22, { type: 'ssh-ed25519', key: KEY_B });
  assert.is(verdict.status, 'revoked');
});

test('lists the key types known for a host, once each', () => {
  const list = parseKnownHosts(`web1 ssh-ed25519 ${KEY_A}\nweb1 ssh-rsa ${KEY_B}\nweb1 ssh-ed25519 ${KEY_B}\nweb2 ecdsa-sha2-nistp256 ${KEY_A}`, 'f');
  assert.equal(knownKeyTypes(list, 'web1', 22), ['ssh-ed25519', 'ssh-rsa']);
  assert.equal(knownKeyTypes(list, 'web3', 22), []);
});

test('reads the key type from the key blob the server offers', () => {
  assert.equal(offeredKey(Buffer.from(KEY_A, 'base64')), { type: 'ssh-ed25519', key: KEY_A });
});

test('fingerprints a key the way ssh-keygen -l does', () => {
  // ssh-keygen -lf prints SHA256:h+ZRJ8Vn+IBB15u5JJMbyVqwZAcA0JXUei3uDnqiEwM for KEY_A
  assert.is(fingerprint(KEY_A), 'SHA256:h+ZRJ8Vn+IBB15u5JJMbyVqwZAcA0JXUei3uDnqiEwM');
});

test('writes the line ssh would append, with [host]:port off port 22', () => {
  const offered = { type: 'ssh-ed25519', key: KEY_A };
  assert.is(knownHostsLine('10.0.0.5', 22, offered), `10.0.0.5 ssh-ed25519 ${KEY_A}\n`);
  assert.is(knownHostsLine('10.0.0.5', 2222, offered), `[10.0.0.5]:2222 ssh-ed25519 ${KEY_A}\n`);
  const [entry] = parseKnownHosts(knownHostsLine('10.0.0.5', 2222, offered), 'f');
  assert.ok(entryMatchesHost(entry, '10.0.0.5', 2222));
});

test.run();
