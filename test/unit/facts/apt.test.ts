import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactStore } from '../../../lib/engine/fact-store.js';
import { aptModule } from '../../../lib/modules/apt.js';
import { APT_LISTS, aptCacheAge, candidateFact, packageFact, parseAptPolicy, parseDpkgQuery } from '../../../lib/facts/apt.js';

// dpkg-query -W -f='${db:Status-Status}\t${Version}\n' NAME on Debian 12 (the first and the
// unknown name captured on the build machine, the others in the same format).
const dpkgCases: [string, string, ReturnType<typeof parseDpkgQuery>][] = [
  ['an installed package', 'installed\t5.2.15-2+b8\n', { status: 'installed', version: '5.2.15-2+b8' }],
  ['a package with pending triggers', 'triggers-pending\t1.22.1-9\n', { status: 'installed', version: '1.22.1-9' }],
  ['a removed package that left its configuration', 'config-files\t1.22.1-9\n', { status: 'config-files', version: null }],
  ['a package dpkg knows but never installed', 'not-installed\t\n', { status: 'absent', version: null }],
  ['a name dpkg never saw (no output, exit 1)', '', { status: 'absent', version: null }],
  ['a half-configured package', 'half-configured\t2.0-1\n', { status: 'broken', version: '2.0-1' }],
];
for (const [what, stdout, expected] of dpkgCases) {
  test(`reads ${what} from dpkg-query`, () => {
    assert.equal(parseDpkgQuery(stdout), expected);
  });
}

// The fact's own command on the build machine (Debian 12): after the dpkg line, for a package
// that is not installed, what the lists say about it.
const availabilityCases: [string, string, ReturnType<typeof parseDpkgQuery>][] = [
  ['a package apt can install', '\ncandidate: 1.22.1-9+deb12u11\n', { status: 'absent', version: null, installable: 'yes' }],
  ['a misspelled name (no candidate)', '\ncandidate: (none)\n', { status: 'absent', version: null, installable: 'no' }],
  ['a virtual package another one provides', 'not-installed\t\ncandidate: (none)\nprovided by: original-awk\n', { status: 'absent', version: null, installable: 'yes' }],
  ['a host whose package lists were never downloaded', '\nlists: none\n', { status: 'absent', version: null, installable: 'no-lists' }],
];
for (const [what, stdout, expected] of availabilityCases) {
  test(`reads ${what} from the package fact`, () => {
    assert.equal(parseDpkgQuery(stdout), expected);
  });
}

test('after a predicted update keeps what is installed and forgets a missing candidate, which may now exist', () => {
  const fact = packageFact('ufw');
  const touch = { object: APT_LISTS, cause: 'lists-updated' as const, set: new Map() };
  assert.equal(fact.predict?.({ status: 'absent', version: null, installable: 'no-lists' }, touch), { status: 'absent', version: null });
  assert.equal(fact.predict?.({ status: 'absent', version: null, installable: 'yes' }, touch), { status: 'absent', version: null, installable: 'yes' });
  assert.equal(fact.predict?.({ status: 'installed', version: '1' }, touch), { status: 'installed', version: '1' });
});

test('an update of the lists reaches every package fact, an install of one package no other', () => {
  for (const check of [false, true]) {
    const store = new FactStore(check);
    for (const name of ['ufw', 'nginx']) store.remember(packageFact(name), { status: 'absent', version: null, installable: 'no-lists' }, 'root');
    const [update] = aptModule.plan({ update_cache: true }, { get: () => null as never }, undefined as never).changes;
    store.apply(update.effects ?? [], 'apt update');
    assert.is(store.has('apt:ufw', 'root'), check, check ? 'check mode predicts it' : 'a real run reads it again');
    if (check) assert.equal(store.get('apt:ufw', 'root'), { status: 'absent', version: null });
  }
  const store = new FactStore(true);
  store.remember(packageFact('nginx'), { status: 'absent', version: null, installable: 'yes' }, 'root');
  store.remember(candidateFact('nginx'), '1.22', 'root');
  store.apply([{ fact: packageFact('ufw'), value: { status: 'installed', version: 'predicted' } }], 'apt ufw');
  assert.equal(store.get('apt:nginx', 'root'), { status: 'absent', version: null, installable: 'yes' });
  assert.is(store.get('apt-candidate:nginx', 'root'), '1.22');
});

// Captured on the build machine.
const POLICY_UPGRADABLE = `bash:
  Installed: 5.2.15-2+b8
  Candidate: 5.2.15-2+b13
  Version table:
     5.2.15-2+b13 500
        500 http://deb.debian.org/debian bookworm/main amd64 Packages
 *** 5.2.15-2+b8 100
        100 /var/lib/dpkg/status
`;
const POLICY_NONE = `nginx-extras:
  Installed: (none)
  Candidate: (none)
  Version table:
`;

test('reads the candidate version from apt-cache policy', () => {
  assert.is(parseAptPolicy(POLICY_UPGRADABLE), '5.2.15-2+b13');
});

test('reads "(none)" and an unknown package (no output) as no candidate', () => {
  assert.is(parseAptPolicy(POLICY_NONE), null);
  assert.is(parseAptPolicy(''), null);
});

test('computes the age of the package lists from the newest mtime', () => {
  assert.is(aptCacheAge.parse('1700003600 1700000000\n', 0), 3600);
});

test('reports no cache age when apt never updated', () => {
  assert.is(aptCacheAge.parse('1700003600 \n', 0), null);
});

test('reports no cache age when no package lists were downloaded (a fresh image), so they are', () => {
  assert.is(aptCacheAge.parse('1700003600 0\n', 0), null);
});

test('keys package facts by package name and quotes the name in the command', () => {
  assert.is(packageFact('libc6:i386').key, 'apt:libc6:i386');
  assert.is(candidateFact('g++').command, 'LC_ALL=C apt-cache policy g++');
  assert.ok(packageFact("x'; rm -rf /").command.includes(`'x'\\''; rm -rf /'`));
});

test.run();
