import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cronModule, type CronArgs } from '../../../lib/modules/cron.js';
import { acceptsArgs, checkPlan, type PlanCase } from './support/plan-fixture.js';

const F = '/etc/cron.d/backup';
const facts = (content: string | null) => ({
  identity: { user: 'root', group: 'root' },
  [`file:${F}`]: content === null ? { exists: false } : { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 1, sha256: 'x' },
  [`content:${F}`]: { exists: content !== null, content: content ?? '', unread: null },
});
const job = { name: 'nightly', cron_file: 'backup', user: 'root', job: '/usr/local/bin/backup' };

const cases: (PlanCase<CronArgs> & { after?: string })[] = [
  {
    name: 'creates the cron.d file with the marker and the job line as Ansible writes them',
    args: { ...job, minute: '30', hour: '2' },
    facts: facts(null),
    summaries: [`add job nightly to ${F}`],
    after: '#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n',
  },
  {
    name: 'reports no change when the marked job is already as wanted',
    args: { ...job, minute: '30', hour: '2' },
    facts: facts('MAILTO=""\n#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n'),
    summaries: [],
    reason: `${F} already has job nightly: 30 2 * * * root /usr/local/bin/backup`,
  },
  {
    name: 'rewrites the line under the marker a host Ansible managed keeps, so it stays one entry',
    args: { ...job, special_time: 'reboot' },
    facts: facts('#Ansible: other\n* * * * * root true\n#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n'),
    summaries: [`set job nightly in ${F} to @reboot root /usr/local/bin/backup`],
    after: '#Ansible: other\n* * * * * root true\n#Ansible: nightly\n@reboot root /usr/local/bin/backup\n',
  },
  {
    name: 'comments the job out when disabled',
    args: { ...job, disabled: true },
    facts: facts('#Ansible: nightly\n* * * * * root /usr/local/bin/backup\n'),
    summaries: [`set job nightly in ${F} to #* * * * * root /usr/local/bin/backup`],
    after: '#Ansible: nightly\n#* * * * * root /usr/local/bin/backup\n',
  },
  {
    name: 'removes the job and its marker, leaving the other jobs',
    args: { name: 'nightly', cron_file: F, state: 'absent' },
    facts: facts('#Ansible: nightly\n* * * * * root x\n#Ansible: other\n* * * * * root y\n'),
    summaries: [`remove job nightly from ${F}`],
    after: '#Ansible: other\n* * * * * root y\n',
  },
  {
    name: 'reports no change when removing a job the file does not have',
    args: { name: 'nightly', cron_file: F, state: 'absent' },
    facts: facts('#Ansible: other\n* * * * * root y\n'),
    summaries: [],
    reason: `${F} has no job nightly`,
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(cronModule, c);
    if (c.after !== undefined) assert.is(String(plan?.changes[0].stdin), c.after);
  });
}

const schemaRows: [string, unknown, boolean][] = [
  ['requires job with state present', { name: 'n', cron_file: 'f', user: 'root' }, false],
  ['requires user with state present, as Ansible 2.14 does for cron_file', { name: 'n', cron_file: 'f', job: 'true' }, false],
  ['accepts absent without job or user', { name: 'n', cron_file: 'f', state: 'absent' }, true],
  ['requires cron_file (user crontabs are not supported yet)', { name: 'n', user: 'root', job: 'true' }, false],
  ['rejects a job with a newline', { ...job, job: 'true\n* * * * * root evil' }, false],
  ['rejects an unknown special_time', { ...job, special_time: 'sometimes' }, false],
];
for (const [name, args, ok] of schemaRows) test(`schema ${name}`, () => assert.is(acceptsArgs(cronModule as never, args), ok));

test.run();
