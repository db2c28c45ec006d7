// Parity with ansible-core for unarchive with remote_src: archives made on the host by a
// check_mode: false command (in a dot file, which the tree comparison leaves out: its bytes hold
// times), unpacked into an existing folder, compared by the files they leave.
import { parityTests, type Case } from './harness.js';

const TAR = `    - command: { cmd: "tar -czf {{ root }}/.a.tgz -C {{ root }}/src .", creates: "{{ root }}/.a.tgz" }
      check_mode: false
`;
const ZIP = `    - command: { cmd: "zip -qr ../.a.zip .", chdir: "{{ root }}/src", creates: "{{ root }}/.a.zip" }
      check_mode: false
`;
const SRC = { 'src/app.conf': 'port = 80\n', 'src/bin/run': '#!/bin/sh\n', 'dest/.keep': '' };

const CASES: Case[] = [
  {
    name: 'unarchive unpacks a tar.gz into an existing folder, then finds it unpacked',
    tasks: `${TAR}    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/dest", remote_src: true }
`,
    files: SRC,
  },
  {
    name: 'unarchive of a tar under --check',
    tasks: `${TAR}    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/dest", remote_src: true }
`,
    files: SRC,
    check: true,
    differs: {
      reason: 'check mode predicts what the real run does: bc-play compares the tar with tar --diff in check mode too; Ansible skips a tar under --check',
      ansible: { statuses: ['changed', 'skipped'] },
      bcPlay: { statuses: ['changed', 'changed'] },
    },
  },
  {
    name: 'unarchive unpacks a zip, predicted under --check',
    tasks: `${ZIP}    - unarchive: { src: "{{ root }}/.a.zip", dest: "{{ root }}/dest", remote_src: true }
`,
    files: SRC,
    check: true,
  },
  {
    name: 'unarchive unpacks again over a member changed since',
    tasks: `${TAR}    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/dest", remote_src: true }
    - copy: { content: "port = 81\\n", dest: "{{ root }}/dest/app.conf" }
    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/dest", remote_src: true }
`,
    files: SRC,
  },
  {
    name: 'unarchive is skipped when creates exists',
    tasks: `${TAR}    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/dest", remote_src: true, creates: "{{ root }}/dest/.keep" }
`,
    files: SRC,
  },
  {
    name: 'unarchive fails when dest is no folder, or src is missing',
    tasks: `${TAR}    - unarchive: { src: "{{ root }}/.a.tgz", dest: "{{ root }}/nowhere", remote_src: true }
      ignore_errors: true
    - unarchive: { src: "{{ root }}/.none.tgz", dest: "{{ root }}/dest", remote_src: true }
      ignore_errors: true
`,
    files: SRC,
  },
];

parityTests(CASES);
