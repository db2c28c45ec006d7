import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCrontab } from '../../../lib/facts/crontab.js';
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
  {
    name: 'removes the cron_file when its last job goes and only blank lines are left, as Ansible 2.14',
    args: { name: 'nightly', cron_file: 'backup', state: 'absent' },
    facts: facts('\n#Ansible: nightly\n* * * * * root x\n'),
    summaries: [`remove job nightly from ${F}, its last: remove ${F}`],
    commands: [[`rm -f -- ${F}`]],
    effects: [[{ key: `content:${F}`, value: { exists: false, content: '', unread: null } }, { touch: `path:${F}`, cause: 'removed' }]],
  },
  {
    name: 'keeps a cron_file whose last job goes when other lines (MAILTO) stay',
    args: { name: 'nightly', cron_file: 'backup', state: 'absent' },
    facts: facts('MAILTO=""\n#Ansible: nightly\n* * * * * root x\n'),
    summaries: [`remove job nightly from ${F}`],
    after: 'MAILTO=""\n',
  },
  {
    name: 'marks a job line written by hand instead of adding it again',
    args: { ...job },
    facts: facts('MAILTO=""\n* * * * * root /usr/local/bin/backup\n'),
    summaries: [`mark job nightly in ${F}`],
    after: 'MAILTO=""\n#Ansible: nightly\n* * * * * root /usr/local/bin/backup\n',
  },
  {
    name: 'ends a file that lacks its final newline with one, though the job is as wanted, as Ansible',
    args: { ...job },
    facts: facts('#Ansible: nightly\n* * * * * root /usr/local/bin/backup'),
    summaries: [`end ${F} with a newline`],
    after: '#Ansible: nightly\n* * * * * root /usr/local/bin/backup\n',
  },
  {
    name: 'env: adds a variable first in the file, as Ansible',
    args: { name: 'MAILTO', env: true, job: '', cron_file: 'backup', user: 'root' },
    facts: facts('#Ansible: nightly\n* * * * * root x\n'),
    summaries: [`add MAILTO="" to ${F}`],
    after: 'MAILTO=""\n#Ansible: nightly\n* * * * * root x\n',
  },
  {
    name: 'env: insertafter puts a new variable after another one\'s line',
    args: { name: 'PATH', env: true, job: '/usr/bin:/bin', insertafter: 'SHELL', cron_file: 'backup', user: 'root' },
    facts: facts('MAILTO=""\nSHELL=/bin/sh\n#Ansible: nightly\n* * * * * root x\n'),
    summaries: [`add PATH="/usr/bin:/bin" to ${F}`],
    after: 'MAILTO=""\nSHELL=/bin/sh\nPATH="/usr/bin:/bin"\n#Ansible: nightly\n* * * * * root x\n',
  },
  {
    name: 'env: insertbefore a variable the file lacks fails as Ansible does',
    args: { name: 'PATH', env: true, job: '/bin', insertbefore: 'SHELL', cron_file: 'backup', user: 'root' },
    facts: facts('MAILTO=""\n'),
    throws: /Variable named 'SHELL' not found/,
  },
  {
    name: 'env: changes a variable in place and reports no change when it is as wanted',
    args: { name: 'MAILTO', env: true, job: 'ops@example.com', cron_file: 'backup', user: 'root' },
    facts: facts('#Ansible: nightly\n* * * * * root x\nMAILTO=""\n'),
    summaries: [`set MAILTO="ops@example.com" in ${F}`],
    after: '#Ansible: nightly\n* * * * * root x\nMAILTO="ops@example.com"\n',
  },
  {
    name: 'env: removing the last variable leaves the cron_file (only a job\'s removal removes it)',
    args: { name: 'MAILTO', env: true, cron_file: 'backup', state: 'absent' },
    facts: facts('MAILTO=""\n'),
    summaries: [`remove variable MAILTO from ${F}`],
    after: '',
  },
];

const crontab = (user: string | undefined, text: string) => ({ [`crontab:${user ?? ''}`]: text });

/** User crontabs: no user field in the line, installed whole through crontab -. */
const userCases: (PlanCase<CronArgs> & { after?: string })[] = [
  {
    name: 'adds a job to a user\'s empty crontab through crontab -u USER - (as root)',
    args: { name: 'sync', user: 'alice', minute: '*/5', job: 'rsync -a /a /b' },
    facts: crontab('alice', ''),
    summaries: ['add job sync to the crontab of alice'],
    commands: [['crontab -u alice -']],
    stdin: '#Ansible: sync\n*/5 * * * * rsync -a /a /b\n',
    effects: [[{ key: 'crontab:alice', value: '#Ansible: sync\n*/5 * * * * rsync -a /a /b\n' }]],
  },
  {
    name: 'without user edits the crontab of the user the task runs as',
    args: { name: 'sync', special_time: 'daily', job: 'true' },
    facts: crontab(undefined, 'MAILTO=x\n'),
    summaries: ['add job sync to the crontab'],
    commands: [['crontab -']],
    stdin: 'MAILTO=x\n#Ansible: sync\n@daily true\n',
  },
  {
    name: 'reports no change when the user\'s crontab has the job',
    args: { name: 'sync', user: 'alice', job: 'true' },
    facts: crontab('alice', '#Ansible: sync\n* * * * * true\n'),
    summaries: [],
    reason: 'the crontab of alice already has job sync: * * * * * true',
  },
  {
    name: 'removing the last job of a user\'s crontab installs an empty one, as Ansible',
    args: { name: 'sync', user: 'alice', state: 'absent' },
    facts: crontab('alice', '#Ansible: sync\n* * * * * true\n'),
    summaries: ['remove job sync from the crontab of alice'],
    stdin: '',
  },
];

for (const c of userCases) test(c.name, () => void checkPlan(cronModule, c));

test('crontab -l: a missing crontab (exit 1) is empty, the header crontab prints is dropped, other failures say so', () => {
  assert.is(parseCrontab('alice', '', 1), '');
  assert.is(parseCrontab(undefined, '# DO NOT EDIT THIS FILE - edit the master and reinstall.\n# (/tmp/crontab.x installed on Thu Dec  3 10:00:00 2026)\n# (Cron version -- $Id: crontab.c,v 2.13 1994/01/17 03:20:37 vixie Exp $)\n#Ansible: a\n* * * * * true\n', 0), '#Ansible: a\n* * * * * true\n');
  assert.throws(() => parseCrontab('alice', '', 127), /cannot read the crontab of alice \(crontab -l exit code 127\)/);
});

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
  ['accepts a user crontab job without cron_file, with or without user', { name: 'n', job: 'true' }, true],
  ['requires job in a user crontab too', { name: 'n', user: 'alice' }, false],
  ['refuses /etc/crontab as cron_file, as Ansible', { ...job, cron_file: '/etc/crontab' }, false],
  ['rejects a job with a newline', { ...job, job: 'true\n* * * * * root evil' }, false],
  ['accepts an empty value for a variable (MAILTO="")', { name: 'MAILTO', env: true, job: '', cron_file: 'f', user: 'root' }, true],
  ['rejects an empty job', { ...job, job: '' }, false],
  ['rejects insertafter without env, as Ansible', { ...job, insertafter: 'SHELL' }, false],
  ['rejects insertafter with insertbefore', { name: 'P', env: true, job: 'x', insertafter: 'A', insertbefore: 'B' }, false],
  ['rejects a variable name with a space', { name: 'MY VAR', env: true, job: 'x' }, false],
  ['rejects an unknown special_time', { ...job, special_time: 'sometimes' }, false],
];
for (const [name, args, ok] of schemaRows) test(`schema ${name}`, () => assert.is(acceptsArgs(cronModule as never, args), ok));

test.run();
