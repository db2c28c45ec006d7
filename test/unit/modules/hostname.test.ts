// hostname: the strategies of Ansible 2.14's module as tables, facts in, changes out. The parity
// suite cannot run it (it would rename the test machine): these tables are its check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHostname, type HostnameState } from '../../../lib/facts/hostname.js';
import { hostnameModule, type HostnameArgs } from '../../../lib/modules/hostname.js';
import { acceptsArgs, checkPlan, type PlanCase } from './support/plan-fixture.js';

const F = '/etc/hostname';
const name = (value: string) => ({ rc: 0, value });
const state = (s: Partial<HostnameState>): HostnameState => ({ systemd: true, transient: name('old'), static: name('old'), file: 'old', os: ['debian'], ...s });
const facts = (s: Partial<HostnameState>, file: string | null = 'old\n') => ({
  'hostname-state': state(s),
  identity: { user: 'root', group: 'root' },
  [`file:${F}`]: file === null ? { exists: false } : { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: file.length, sha256: 'x' },
});

const cases: PlanCase<HostnameArgs>[] = [
  {
    name: 'with systemd sets the static name, then the transient one, through hostnamectl (Ansible\'s order)',
    args: { name: 'web1' },
    facts: facts({}),
    summaries: ['set the static hostname to web1 (was old)', 'set the transient hostname to web1 (was old)'],
    commands: [['hostnamectl --pretty --static set-hostname web1'], ['hostnamectl --transient set-hostname web1']],
    effects: [undefined as never, [{ key: 'hostname-state', value: state({ static: name('web1'), transient: name('web1'), file: 'web1' }) }]],
  },
  {
    name: 'with systemd sets only the transient name when the static one is right (a name set before a reboot)',
    args: { name: 'web1' },
    facts: facts({ static: name('web1') }),
    summaries: ['set the transient hostname to web1 (was old)'],
  },
  {
    name: 'reports no change when both names are already right',
    args: { name: 'web1' },
    facts: facts({ static: name('web1'), transient: name('web1') }),
    summaries: [],
    reason: 'hostname is already web1',
  },
  {
    name: 'use: debian is the systemd strategy, as in Ansible 2.14, even where systemd is not detected',
    args: { name: 'web1', use: 'debian' },
    facts: facts({ systemd: false }),
    summaries: ['set the static hostname to web1 (was old)', 'set the transient hostname to web1 (was old)'],
  },
  {
    name: 'fails when hostnamectl cannot read the names, with its message',
    args: { name: 'web1', use: 'systemd' },
    facts: facts({ systemd: false, static: { rc: 1, value: 'Failed to connect to bus' } }),
    throws: /hostnamectl --static status failed \(exit code 1\): Failed to connect to bus/,
  },
  {
    name: 'refuses a name over 64 characters on systemd, as Ansible, before changing anything',
    args: { name: 'a'.repeat(65) },
    facts: facts({}),
    throws: /longer than 64 characters/,
  },
  {
    name: 'without systemd on Debian writes /etc/hostname (Ansible\'s file strategy)',
    args: { name: 'web1' },
    facts: facts({ systemd: false }),
    summaries: [`set the hostname to web1 in ${F} (was old)`],
    stdin: 'web1\n',
  },
  {
    name: 'without systemd creates a missing /etc/hostname',
    args: { name: 'web1' },
    facts: facts({ systemd: false, file: null }, null),
    summaries: [`set the hostname to web1 in ${F} (was unset)`],
    stdin: 'web1\n',
  },
  {
    name: 'without systemd reports no change when /etc/hostname holds the name (the running name is not compared, as Ansible)',
    args: { name: 'web1' },
    facts: facts({ systemd: false, file: 'web1', transient: name('other') }),
    summaries: [],
    reason: `hostname is already web1 (${F})`,
  },
  {
    name: 'without systemd refuses a distribution bc-play has no strategy for',
    args: { name: 'web1' },
    facts: facts({ systemd: false, os: ['alpine'] }),
    throws: /distribution \(alpine\) has no hostname strategy/,
  },
  {
    name: 'a Debian derivative (ID_LIKE debian) uses the file strategy',
    args: { name: 'web1' },
    facts: facts({ systemd: false, os: ['raspbian', 'debian'] }),
    summaries: [`set the hostname to web1 in ${F} (was old)`],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(hostnameModule, c);
    if (plan) assert.equal(plan.data, { name: c.args.name }, 'registered as Ansible: name');
  });
}

test('the fact reads systemd, hostnamectl\'s names, /etc/hostname and the distribution from one output', () => {
  const out = 'systemd 0 1\ntransient 0 web1\nstatic 1 Failed to connect to bus\nfile 0 web1 \nos 0 ubuntu debian\n';
  assert.equal(parseHostname(out), { systemd: true, transient: name('web1'), static: { rc: 1, value: 'Failed to connect to bus' }, file: 'web1', os: ['ubuntu', 'debian'] });
  assert.equal(parseHostname('systemd 0 0\ntransient 127 hostnamectl: command not found\nstatic 127 x\nfile 1\nos 0 debian\n').file, null);
});

test('the fact reads this machine as the module would, without changing it', async () => {
  const { execFileSync } = await import('node:child_process');
  const { hostnameFact } = await import('../../../lib/facts/hostname.js');
  const read = parseHostname(execFileSync('sh', ['-c', hostnameFact.command], { encoding: 'utf8' }));
  assert.ok(read.os.length > 0, 'the distribution is read');
  const { readFileSync, existsSync } = await import('node:fs');
  assert.is(read.file, existsSync(F) ? readFileSync(F, 'utf8').trim() : null);
});

const schemaRows: [string, unknown, boolean][] = [
  ['requires name', {}, false],
  ['refuses a name with a space', { name: 'web 1' }, false],
  ['refuses the strategies bc-play does not have', { name: 'web1', use: 'redhat' }, false],
  ['accepts use: systemd', { name: 'web1', use: 'systemd' }, true],
];
for (const [n, args, ok] of schemaRows) test(`schema ${n}`, () => assert.is(acceptsArgs(hostnameModule as never, args), ok));

test.run();
