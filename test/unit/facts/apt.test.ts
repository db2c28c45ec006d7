import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aptCacheAge, candidateFact, packageFact, parseAptPolicy, parseDpkgQuery } from '../../../lib/facts/apt.js';

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
