// Parity with ansible-core for the system modules that can run safely in a temp folder: cron with
// an absolute cron_file, and users' crontabs kept by a crontab stand-in.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parityTests, type Case } from './harness.js';

// The test machine has no cron, and a real crontab would edit this machine's own crontabs: a
// stand-in with crontab's interface (-u USER, -l, -r, install from a file or -) keeps them in a
// temp folder, one per engine (Ansible's modules see the harness's ANSIBLE_* variables), so the
// two engines' runs of a case never share a crontab. Each case uses a user name of its own.
const stubs = mkdtempSync(join(tmpdir(), 'bc-play-parity-bin-'));
writeFileSync(
  join(stubs, 'crontab'),
  `#!/bin/sh
spool=${JSON.stringify(join(stubs, 'spool'))}/$( [ -n "$ANSIBLE_STDOUT_CALLBACK" ] && echo ansible || echo bc-play )
user=$(id -un)
if [ "$1" = -u ]; then user=$2; shift 2; fi
mkdir -p "$spool"
case "$1" in
  -l) if [ -f "$spool/$user" ]; then cat "$spool/$user"; else echo "no crontab for $user" >&2; exit 1; fi ;;
  -r) rm -f "$spool/$user" ;;
  -) cat > "$spool/$user" ;;
  *) cat -- "$1" > "$spool/$user" ;;
esac
`,
);
chmodSync(join(stubs, 'crontab'), 0o755);
process.on('exit', () => rmSync(stubs, { recursive: true, force: true }));
process.env.PATH = `${stubs}${delimiter}${process.env.PATH ?? ''}`;

/** Tasks that copy USER's crontab (as `crontab -l` shows it) to ROOT/USER.crontab, in --check too. */
const readBack = (user: string | undefined) => `    - command: crontab ${user === undefined ? '' : `-u ${user} `}-l
      register: tab
      changed_when: false
      failed_when: false
      check_mode: false
    - copy: { content: "{{ tab.stdout }}\\n", dest: "{{ root }}/${user ?? 'own'}.crontab" }
`;

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
  {
    name: 'cron removes the cron_file with its last job when only blank lines are left (Ansible 2.14)',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", state: absent }
    - cron: { name: only, cron_file: "{{ root }}/kept", state: absent }
`,
    files: { backup: '\n#Ansible: nightly\n* * * * * root x\n', kept: 'MAILTO=""\n#Ansible: only\n* * * * * root y\n' },
    check: true,
  },
  {
    name: 'cron marks a job line written by hand instead of adding it again',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, job: /usr/local/bin/backup }
`,
    files: { backup: 'MAILTO=""\n* * * * * root /usr/local/bin/backup\n' },
    check: true,
  },
  {
    name: 'cron ends a cron_file that lacks its final newline though the job is as wanted',
    tasks: `    - cron: { name: nightly, cron_file: "{{ root }}/backup", user: root, job: /usr/local/bin/backup }
`,
    files: { backup: '#Ansible: nightly\n* * * * * root /usr/local/bin/backup' },
    check: true,
  },
  {
    name: 'cron env: a variable changes in place, new ones go after or before another or first, one goes',
    tasks: `    - cron: { name: MAILTO, env: true, job: "", cron_file: "{{ root }}/jobs", user: root }
    - cron: { name: PATH, env: true, job: "/usr/bin:/bin", insertafter: MAILTO, cron_file: "{{ root }}/jobs", user: root }
    - cron: { name: SHELL, env: true, job: /bin/sh, insertbefore: PATH, cron_file: "{{ root }}/jobs", user: root }
    - cron: { name: TZ, env: true, job: UTC, cron_file: "{{ root }}/jobs", user: root }
    - cron: { name: OLD, env: true, cron_file: "{{ root }}/jobs", state: absent }
`,
    files: { jobs: '#Ansible: nightly\n* * * * * root x\nMAILTO="root"\nOLD="1"\n' },
    // No --check: bc-play places PATH after the MAILTO it predicted; Ansible's check mode (nothing written) fails to find it.
  },
  {
    name: 'cron env: removing a cron_file\'s only variable leaves the file, empty',
    tasks: `    - cron: { name: MAILTO, env: true, cron_file: "{{ root }}/jobs", state: absent }
`,
    files: { jobs: 'MAILTO=""\n' },
    check: true,
  },
  {
    name: 'wait_for_connection on a host that answers is ok at once, and the play goes on',
    tasks: `    - wait_for_connection: { delay: 0, sleep: 1, timeout: 10 }
    - copy: { content: "up\\n", dest: "{{ root }}/up" }
`,
  },
  {
    name: 'cron with user and no cron_file: jobs go into that user\'s crontab, without a user field',
    tasks: `    - cron: { name: sync, user: cronalice, minute: "*/5", job: "rsync -a /a /b" }
    - cron: { name: daily, user: cronalice, special_time: daily, disabled: true, job: "true" }
${readBack('cronalice')}`,
    check: true,
  },
  {
    name: 'cron without user edits the crontab of the user the task runs as: change a job, remove one',
    tasks: `    - cron: { name: a, minute: "1", job: "echo a" }
    - cron: { name: b, job: "echo b" }
    - cron: { name: a, minute: "2", job: "echo a" }
    - cron: { name: b, state: absent }
${readBack(undefined)}`,
  },
  {
    name: 'cron removes the last job of a user\'s crontab, leaving it empty',
    tasks: `    - cron: { name: once, user: cronbob, job: "true" }
    - cron: { name: once, user: cronbob, state: absent }
${readBack('cronbob')}`,
  },
];

parityTests(CASES);
