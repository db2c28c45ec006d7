import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sysctlModule, type SysctlArgs } from '../../../lib/modules/sysctl.js';
import { acceptsArgs, checkPlan, type PlanCase } from './support/plan-fixture.js';

const F = '/etc/sysctl.d/99-bc-play.conf';
const facts = (content: string | null, live?: string) => ({
  identity: { user: 'root', group: 'root' },
  [`file:${F}`]: content === null ? { exists: false } : { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 1, sha256: 'x' },
  [`content:${F}`]: { exists: content !== null, content: content ?? '', unread: null },
  ...(live === undefined ? {} : { 'sysctl:net.core.somaxconn': live === '' ? { exists: false, value: '' } : { exists: true, value: live } }),
});

const cases: (PlanCase<SysctlArgs> & { after?: string })[] = [
  {
    name: 'creates the file and applies the value live when both differ',
    args: { name: 'net.core.somaxconn', value: 4096 },
    facts: facts(null, '128'),
    summaries: [`add net.core.somaxconn = 4096 to ${F}`, 'set net.core.somaxconn to 4096 live (was 128)'],
    commands: [[], ['sysctl -w net.core.somaxconn=4096']],
    effects: [
      [
        { key: `file:${F}`, value: { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 26, sha256: 'f36b9fc912c26c61c3e24dc759130032c68cf32cee22e5d4e3ade65ad4e56d43' } },
        { key: `content:${F}`, value: { exists: true, content: 'net.core.somaxconn = 4096\n', unread: null } },
      ],
      [{ key: 'sysctl:net.core.somaxconn', value: { exists: true, value: '4096' } }],
    ],
    after: 'net.core.somaxconn = 4096\n',
  },
  {
    name: 'reports no change when file and live value already match',
    args: { name: 'net.core.somaxconn', value: '4096' },
    facts: facts('# tuning\nnet.core.somaxconn=4096\n', '4096'),
    summaries: [],
    reason: `${F} already sets net.core.somaxconn = 4096; net.core.somaxconn is already 4096 live`,
  },
  {
    name: 'only fixes the file when the live value already matches',
    args: { name: 'net.core.somaxconn', value: 4096 },
    facts: facts('net.core.somaxconn = 1024\n', '4096'),
    summaries: [`set net.core.somaxconn = 4096 in ${F}`],
    after: 'net.core.somaxconn = 4096\n',
  },
  {
    name: 'keeps the last setting in place and drops earlier duplicates',
    args: { name: 'net.core.somaxconn', value: 4096, reload: false },
    facts: facts('net.core.somaxconn = 1\nvm.swappiness = 10\nnet/core/somaxconn = 2\nkernel.x = 1\n'),
    after: 'vm.swappiness = 10\nnet.core.somaxconn = 4096\nkernel.x = 1\n',
  },
  {
    name: 'compares multi-field values with whitespace normalised',
    args: { name: 'net.core.somaxconn', value: '1024  65000' },
    facts: facts('net.core.somaxconn = 1024 65000\n', '1024 65000'),
    summaries: [],
  },
  {
    name: 'removes the setting from the file and leaves the live value alone',
    args: { name: 'net.core.somaxconn', state: 'absent' },
    facts: facts('net.core.somaxconn = 4096\nvm.swappiness = 10\n'),
    summaries: [`remove net.core.somaxconn from ${F}`],
    after: 'vm.swappiness = 10\n',
  },
  {
    name: 'fails with a hint when the kernel has no such parameter',
    args: { name: 'net.core.somaxconn', value: 1 },
    facts: facts(null, ''),
    throws: /the kernel has no parameter net.core.somaxconn/,
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(sysctlModule, c);
    if (c.after !== undefined) assert.is(String(plan?.changes[0].stdin), c.after);
  });
}

const schemaRows: [string, unknown, boolean][] = [
  ['requires value with state present', { name: 'vm.swappiness' }, false],
  ['accepts absent without value', { name: 'vm.swappiness', state: 'absent' }, true],
  ['rejects a name that is not dotted', { name: 'swappiness', value: 1 }, false],
  ['rejects a value with a newline', { name: 'vm.swappiness', value: '1\nkernel.x = 2' }, false],
];
for (const [name, args, ok] of schemaRows) test(`schema ${name}`, () => assert.is(acceptsArgs(sysctlModule as never, args), ok));

test.run();
