// Parity with ansible-core for fetch: with the local connection the controller is the host, so
// the copies land in the case's folder and are compared like every other file.
import { parityTests, type Case } from './harness.js';

const CASES: Case[] = [
  {
    name: 'fetch copies a file under DEST/HOST/PATH, then finds the copy current',
    tasks: `    - fetch: { src: /etc/hostname, dest: "{{ root }}/fetched" }
`,
  },
  {
    name: 'fetch with flat: into a folder given with a trailing slash, or to a file name',
    tasks: `    - fetch: { src: "{{ root }}/src/a.txt", dest: "{{ root }}/out/", flat: true }
    - fetch: { src: "{{ root }}/src/a.txt", dest: "{{ root }}/copy.txt", flat: true }
      register: r
    - copy: { content: "{{ r.checksum }} {{ r.md5sum }}\\n", dest: "{{ root }}/sums" }
`,
    files: { 'src/a.txt': 'alpha\n' },
  },
  {
    name: 'fetch replaces a copy that differs and keeps one that is the same',
    tasks: `    - fetch: { src: "{{ root }}/src/a.txt", dest: "{{ root }}/same.txt", flat: true }
    - fetch: { src: "{{ root }}/src/a.txt", dest: "{{ root }}/old.txt", flat: true }
`,
    files: { 'src/a.txt': 'alpha\n', 'same.txt': 'alpha\n', 'old.txt': 'old\n' },
  },
  {
    name: 'fetch fails on a missing file unless fail_on_missing is false, and on a folder',
    tasks: `    - fetch: { src: "{{ root }}/nothing", dest: "{{ root }}/out/", flat: true }
      ignore_errors: true
    - fetch: { src: "{{ root }}/nothing", dest: "{{ root }}/out/", flat: true, fail_on_missing: false }
    - fetch: { src: "{{ root }}/src", dest: "{{ root }}/out/", flat: true }
      ignore_errors: true
`,
    files: { 'src/a.txt': 'alpha\n' },
  },
  {
    name: 'fetch under --check',
    tasks: `    - fetch: { src: "{{ root }}/src/a.txt", dest: "{{ root }}/out/", flat: true }
`,
    files: { 'src/a.txt': 'alpha\n' },
    check: true,
    differs: {
      reason: 'check mode predicts what the real run does: bc-play compares the copy in check mode too; Ansible skips fetch under --check',
      ansible: { statuses: ['skipped'] },
      bcPlay: { statuses: ['changed'], absent: ['out'] },
    },
  },
];

parityTests(CASES);
