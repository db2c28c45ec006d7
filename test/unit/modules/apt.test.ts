import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aptModule, type AptArgs } from '../../../lib/modules/apt.js';
import type { PackageState } from '../../../lib/facts/apt.js';
import { argsError, commands, ctx, planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const INSTALL = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const UPDATE = 'apt-get update -q -o DPkg::Lock::Timeout=120 && touch /var/lib/apt/lists';
const installed = (version: string): PackageState => ({ status: 'installed', version });
const absent: PackageState = { status: 'absent', version: null };
const configFiles: PackageState = { status: 'config-files', version: null };

interface Case {
  name: string;
  args: AptArgs;
  facts: Record<string, unknown>;
  commands: string[];
  summaries?: string[];
  reason?: string;
}

const cases: Case[] = [
  {
    name: 'reports no change when the package is already installed',
    args: { name: 'nginx' },
    facts: { 'apt:nginx': installed('1.22.1-9') },
    commands: [],
    reason: 'already installed: nginx 1.22.1-9',
  },
  {
    name: 'installs only the packages that are missing, in one apt-get call',
    args: { name: ['nginx', 'curl', 'redis-server'] },
    facts: { 'apt:nginx': installed('1.22.1-9'), 'apt:curl': absent, 'apt:redis-server': configFiles },
    commands: [`${INSTALL} curl redis-server`],
    summaries: ['install curl, redis-server'],
    reason: 'already installed: nginx 1.22.1-9',
  },
  {
    name: 'installs recommended packages when asked',
    args: { name: 'postgresql', install_recommends: true },
    facts: { 'apt:postgresql': absent },
    commands: [`${INSTALL.replace('--no-install-recommends', '--install-recommends')} postgresql`],
  },
  {
    name: 'installs a pinned version when another one is installed',
    args: { name: 'nginx=1.22.1-9+deb12u1' },
    facts: { 'apt:nginx': installed('1.22.1-9') },
    commands: [`${INSTALL} nginx=1.22.1-9+deb12u1`],
    summaries: ['install nginx 1.22.1-9 → 1.22.1-9+deb12u1'],
  },
  {
    name: 'upgrades to the candidate with state latest',
    args: { name: 'bash', state: 'latest' },
    facts: { 'apt:bash': installed('5.2.15-2+b8'), 'apt-candidate:bash': '5.2.15-2+b13' },
    commands: [`${INSTALL} bash`],
    summaries: ['install bash 5.2.15-2+b8 → 5.2.15-2+b13'],
  },
  {
    name: 'reports no change with state latest when the candidate is installed',
    args: { name: 'bash', state: 'latest' },
    facts: { 'apt:bash': installed('5.2.15-2+b13'), 'apt-candidate:bash': '5.2.15-2+b13' },
    commands: [],
    reason: 'already the newest: bash 5.2.15-2+b13',
  },
  {
    name: 'removes an installed package and leaves a not-installed one alone',
    args: { name: ['nginx', 'apache2'], state: 'absent' },
    facts: { 'apt:nginx': installed('1.22.1-9'), 'apt:apache2': absent },
    commands: ['DEBIAN_FRONTEND=noninteractive apt-get remove -y -q -o DPkg::Lock::Timeout=120 nginx'],
    reason: 'not installed: apache2',
  },
  {
    name: 'purges the configuration left by a removed package',
    args: { name: 'nginx', state: 'absent', purge: true },
    facts: { 'apt:nginx': configFiles },
    commands: ['DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o DPkg::Lock::Timeout=120 nginx'],
  },
  {
    name: 'does not count leftover configuration as installed without purge',
    args: { name: 'nginx', state: 'absent' },
    facts: { 'apt:nginx': configFiles },
    commands: [],
    reason: 'not installed: nginx',
  },
  {
    name: 'updates the cache when it is older than cache_valid_time',
    args: { name: 'nginx', update_cache: true, cache_valid_time: 3600 },
    facts: { 'apt:nginx': installed('1.22.1-9'), 'apt-cache:age': 7200 },
    commands: [UPDATE],
  },
  {
    name: 'skips the cache update while the lists are younger than cache_valid_time',
    args: { name: 'nginx', update_cache: true, cache_valid_time: 3600 },
    facts: { 'apt:nginx': installed('1.22.1-9'), 'apt-cache:age': 60 },
    commands: [],
  },
  {
    name: 'updates a cache apt never updated',
    args: { update_cache: true, cache_valid_time: 3600 },
    facts: { 'apt-cache:age': null },
    commands: [UPDATE],
  },
  {
    name: 'updates the cache every time without cache_valid_time',
    args: { update_cache: true },
    facts: {},
    commands: [UPDATE],
  },
  {
    name: 'with state latest, installs after a cache update even when the old candidate is installed',
    args: { name: 'bash', state: 'latest', update_cache: true },
    facts: { 'apt:bash': installed('5.2.15-2+b13'), 'apt-candidate:bash': '5.2.15-2+b13' },
    commands: [UPDATE, `${INSTALL} bash`],
    summaries: ['update the package lists', 'install bash 5.2.15-2+b13 → newest'],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = planWith(aptModule, c.args, c.facts);
    assert.equal(commands(plan), c.commands);
    if (c.summaries) assert.equal(plan.changes.map((ch) => ch.summary), c.summaries);
    if (c.reason) assert.is(plan.reason, c.reason);
  });
}

test('predicts the installed packages, invalidates the units named like new ones and marks the install unpredictable', () => {
  const plan = planWith(aptModule, { name: ['nginx', 'bash'], state: 'latest' }, {
    'apt:nginx': absent,
    'apt-candidate:nginx': '1.22.1-9',
    'apt:bash': installed('5.2.15-2+b8'),
    'apt-candidate:bash': '5.2.15-2+b13',
  });
  assert.equal(describeEffects(plan.changes[0].effects), [
    { key: 'apt:nginx', value: installed('1.22.1-9') },
    { key: 'apt:bash', value: installed('5.2.15-2+b13') },
    { touch: 'unit:nginx', prefix: true, cause: 'installed' },
    { unpredictable: true },
  ]);
});

test('predicts "predicted" as the version when the candidate is not known', () => {
  const plan = planWith(aptModule, { name: 'nginx' }, { 'apt:nginx': absent });
  assert.equal(describeEffects(plan.changes[0].effects)?.[0], { key: 'apt:nginx', value: installed('predicted') });
});

test('leaves unit facts alone when only upgrading', () => {
  const plan = planWith(aptModule, { name: 'bash', state: 'latest' }, {
    'apt:bash': installed('5.2.15-2+b8'),
    'apt-candidate:bash': '5.2.15-2+b13',
  });
  assert.equal(describeEffects(plan.changes[0].effects), [{ key: 'apt:bash', value: installed('5.2.15-2+b13') }]);
});

const missing: PackageState = { status: 'absent', version: null, installable: 'no' };
const unlisted: PackageState = { status: 'absent', version: null, installable: 'no-lists' };

test('fails, before apt runs, a package the lists have no candidate for (a misspelled name), in --check too', () => {
  assert.throws(
    () => planWith(aptModule, { name: ['pgbouncer', 'pgbouncerr'] }, { 'apt:pgbouncer': { ...absent, installable: 'yes' }, 'apt:pgbouncerr': missing }),
    (e: Error) => e.message === "apt has no installation candidate for pgbouncerr: no such package in this host's package lists",
  );
});

test('warns, naming the packages, that an install on a host without package lists will fail, and suggests update_cache', () => {
  const plan = planWith(aptModule, { name: 'ufw' }, { 'apt:ufw': unlisted });
  assert.equal(commands(plan), [`${INSTALL} ufw`]);
  assert.equal(plan.warnings, [
    'installs ufw, but this host has no package lists (apt-get update never ran), so apt cannot find it: add update_cache: true (with cache_valid_time: 3600) to this task or an earlier apt task',
  ]);
});

test('neither fails nor warns when the same task updates the lists first', () => {
  const plan = planWith(aptModule, { name: ['ufw', 'pgbouncerr'], update_cache: true }, { 'apt:ufw': unlisted, 'apt:pgbouncerr': missing });
  assert.equal(commands(plan), [UPDATE, `${INSTALL} ufw pgbouncerr`]);
  assert.is(plan.warnings, undefined);
});

test('predicts a fresh cache after the update', () => {
  const plan = planWith(aptModule, { update_cache: true }, {});
  assert.equal(describeEffects(plan.changes[0].effects), [{ key: 'apt-cache:age', value: 0 }, { touch: 'apt-lists', prefix: true, cause: 'lists-updated' }]);
});

test('predicts removed packages and invalidates their units', () => {
  const plan = planWith(aptModule, { name: 'nginx', state: 'absent', purge: true }, { 'apt:nginx': installed('1') });
  assert.equal(describeEffects(plan.changes[0].effects), [{ key: 'apt:nginx', value: absent }, { touch: 'unit:nginx', prefix: true, cause: 'removed' }, { unpredictable: true }]);
});

test('reads the candidate only for state latest and the cache age only with cache_valid_time', () => {
  const keys = (args: AptArgs) => aptModule.facts(args, ctx).map((s) => s.key);
  assert.equal(keys({ name: 'nginx' }), ['apt:nginx']);
  assert.equal(keys({ name: 'nginx', state: 'latest' }), ['apt:nginx', 'apt-candidate:nginx']);
  assert.equal(keys({ name: 'nginx=1.2', update_cache: true, cache_valid_time: 60 }), ['apt:nginx', 'apt-cache:age']);
});

const schemaCases: [string, string, string | null][] = [
  ['accepts a list of names with a state', 'name: [nginx, curl]\nstate: latest\n', null],
  ['rejects an unknown key', 'name: nginx\nforce: true\n', 'arguments of apt: unknown key "force"'],
  ['rejects an unknown state', 'name: nginx\nstate: installed\n', 'arguments of apt: "state" must be one of: present, absent, latest'],
  ['rejects arguments that name nothing to do', 'state: present\n', 'arguments of apt: missing required key "name"'],
];
for (const [what, yaml, error] of schemaCases) {
  test(`schema ${what}`, () => {
    assert.is(argsError(aptModule as never, yaml), error);
  });
}

test.run();
