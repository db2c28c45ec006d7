// Parity with ansible-core for the system modules that can run safely in a temp folder: cron with
// an absolute cron_file.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parityTests, type Case } from './harness.js';

// Ansible's cron module looks for a crontab binary even when it only edits a cron_file; the test
// machine has no cron, so a stub that refuses every call stands in (a call would fail the case).
const stubs = mkdtempSync(join(tmpdir(), 'bc-play-parity-bin-'));
writeFileSync(join(stubs, 'crontab'), '#!/bin/sh\necho "crontab stub: parity cases use cron_file only" >&2\nexit 1\n');
chmodSync(join(stubs, 'crontab'), 0o755);
process.env.PATH = `${stubs}${delimiter}${process.env.PATH ?? ''}`;

const CASES: Case[] = [
  {
    name: 'cron writes a new cron_file with the marker and the job line',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/cron.d/backup", user: root, minute: "30", hour: "2", job: /usr/local/bin/backup }
`,
    files: { 'cron.d/.keep': '' },
    check: true,
  },
  {
    name: 'cron appends a job and keeps the existing lines',
    tasks: `    - cron: { name: weekly, cron_file: "{{ root }}/backup", user: www-data, weekday: "0", job: "echo hi" }
`,
    files: { backup: 'MAILTO=""\n#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron changes the job under the marker of a host Ansible managed',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, special_time: reboot, job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: other\n* * * * * root true\n#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron leaves a job that is already as wanted',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, minute: "30", hour: "2", job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: nightly\n30 2 * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron disables a job by commenting it out',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, disabled: true, job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: nightly\n* * * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron removes a job and its marker, leaving the others',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", state: absent }
    - cron: { name: missing, cron_file: "{{ root }}/backup", state: absent }
`,
    files: { backup: '#Ansible: nightly\n* * * * * root x\n#Ansible: other\n* * * * * root y\n' },
    check: true,
  },
  {
    name: 'cron adds two jobs to one file in one play',
    tasks: `    - cron: { name: a, cron_file: "{{ root }}/jobs", user: root, minute: "*/5", job: "echo a" }
    - cron: { name: b, cron_file: "{{ root }}/jobs", user: nobody, special_time: daily, job: "echo b" }
    - cron: { name: a, cron_file: "{{ root }}/jobs", user: root, minute: "*/5", job: "echo a" }
`,
    // No --check: bc-play predicts the third task ok, Ansible's check mode (nothing written) says changed.
  },
  {
    name: 'cron sets every time field',
    tasks: `    - cron: { name: monthly, cron_file: "{{ root }}/m", user: root, minute: "0", hour: "4", day: "1", month: "*/3", weekday: "1-5", job: "run-parts /x" }
`,
    check: true,
  },
  {
    name: 'cron changes the user a job runs as',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: backup, job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: nightly\n* * * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron enables a disabled job again',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: nightly\n#* * * * * root /usr/local/bin/backup\n' },
    check: true,
  },

  {
    name: 'cron adds a job to a file whose last line has no newline',
    tasks: `    - cron: { name: b, cron_file: "{{ root }}/jobs", user: root, special_time: hourly, job: "echo b" }
`,
    files: { jobs: 'SHELL=/bin/sh' },
    check: true,
  },
];

parityTests(CASES);
