import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_MIRRORS, mirrorHostnames, pickMirrors, resolvConfNameservers, sourceUris } from '../../../lib/lab/mirrors.js';

test('reads URIs from one-line and deb822 apt sources, skipping comments', () => {
  const text = [
    '# deb http://old.example/debian bookworm main',
    'deb [arch=amd64 signed-by=/k.gpg] http://ftp.de.debian.org/debian bookworm main',
    'Types: deb',
    'URIs: http://deb.debian.org/debian-security https://mirror.example/debian-security',
  ].join('\n');
  assert.equal(sourceUris(text), ['http://ftp.de.debian.org/debian', 'http://deb.debian.org/debian-security', 'https://mirror.example/debian-security']);
});

const picks: Array<[string, string[], { archive: string; security: string }]> = [
  ['picks the Debian archive and security mirrors, not third-party repositories', ['https://deb.nodesource.com/node_20.x', 'http://deb.debian.org/debian/', 'http://security.example/debian-security'], { archive: 'http://deb.debian.org/debian', security: 'http://security.example/debian-security' }],
  ['derives the security mirror from the archive when none is listed', ['http://ftp.fr.debian.org/debian'], { archive: 'http://ftp.fr.debian.org/debian', security: 'http://ftp.fr.debian.org/debian-security' }],
  ['falls back to deb.debian.org when this machine lists no Debian mirror', ['http://archive.ubuntu.com/ubuntu'], DEFAULT_MIRRORS],
];
for (const [name, uris, expected] of picks) test(name, () => assert.equal(pickMirrors(uris), expected));

test('names each mirror host once', () => {
  assert.equal(mirrorHostnames(DEFAULT_MIRRORS), ['deb.debian.org']);
});

test('takes the IPv4 nameservers of resolv.conf, leaving out local stub resolvers', () => {
  assert.equal(resolvConfNameservers('nameserver 127.0.0.53\nnameserver 10.255.255.53\nnameserver fd00::1\nsearch lan\n'), ['10.255.255.53']);
});

test.run();
