// Corpus cases over user and group, and the files whose owners name them.
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tasks, type CorpusCase } from './case.js';

/**
 * An id no account on a test host has; files owned by it show the bare number. Every account a
 * case makes gets a fixed id near it: ids show in messages, and the next free one is not fixed.
 */
const FREE_ID = 4711;

/** Why: accounts are objects too: their homes, their groups and the names files are owned by. */
export const ACCOUNT_CASES: CorpusCase[] = [
  {
    name: 'a group created first is the primary group of a user created after it',
    users: ['bccorp1'],
    groups: ['bccorp1g'],
    playbook: tasks(`
- group: { name: bccorp1g, gid: ${FREE_ID + 10} }
- user: { name: bccorp1, uid: ${FREE_ID + 11}, group: bccorp1g, create_home: false }
`),
    check: 'changed changed',
    run: 'changed changed',
  },
  {
    name: 'the home directory useradd -m creates is there for a later file task',
    bug: 'a user created with its home did not touch the home path: a stat read ahead still said missing',
    users: ['bccorp2'],
    setup: (root) => mkdirSync(join(root, 'home')),
    playbook: tasks(`
- user: { name: bccorp2, uid: ${FREE_ID + 12}, home: "{{ root }}/home/bccorp2" }
- file: { path: "{{ root }}/home/bccorp2", state: directory, owner: bccorp2 }
`),
    check: 'changed skipped',
    run: 'changed ok',
  },
  {
    name: 'the home directory userdel -r removes is gone for a later file task',
    bug: 'a user removed with its home did not touch the home path: a stat read ahead still said there',
    users: ['bccorp3'],
    setup: (root) => {
      mkdirSync(join(root, 'home'));
      execFileSync('useradd', ['-m', '-u', String(FREE_ID + 13), '-d', join(root, 'home/bccorp3'), 'bccorp3']);
    },
    playbook: tasks(`
- user: { name: bccorp3, state: absent, remove: true }
- file: { path: "{{ root }}/home/bccorp3", state: absent }
`),
    check: 'changed ok',
    run: 'changed ok',
    files: { 'home/bccorp3': null },
  },
  {
    name: 'a file owned by a bare id belongs by name to the group and user then created with that id',
    bug: 'a file stat showed the bare id and stayed so after an account took it',
    users: ['bccorp4'],
    groups: ['bccorp4'],
    setup: (root) => {
      writeFileSync(join(root, 'owned'), 'x\n');
      chownSync(join(root, 'owned'), FREE_ID, FREE_ID);
    },
    playbook: tasks(`
- group: { name: bccorp4, gid: ${FREE_ID} }
- user: { name: bccorp4, uid: ${FREE_ID}, group: bccorp4, create_home: false }
- file: { path: "{{ root }}/owned", owner: bccorp4, group: bccorp4 }
`),
    check: 'changed changed ok',
    run: 'changed changed ok',
  },
  {
    name: 'a user whose supplementary group was removed has no longer that group',
    bug: 'groupdel left the user facts naming the removed group',
    users: ['bccorp5'],
    groups: ['bccorp5g'],
    setup: () => {
      execFileSync('groupadd', ['-g', String(FREE_ID + 17), 'bccorp5g']);
      execFileSync('useradd', ['-M', '-u', String(FREE_ID + 3), '-G', 'bccorp5g', 'bccorp5']);
    },
    playbook: tasks(`
- group: { name: bccorp5g, state: absent }
- user: { name: bccorp5, groups: [], append: false }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'the private group useradd creates exists for a later group task',
    users: ['bccorp6'],
    groups: ['bccorp6'],
    playbook: tasks(`
- user: { name: bccorp6, uid: ${FREE_ID + 14}, create_home: false }
- group: { name: bccorp6 }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'the private group userdel removes is gone for a later group task',
    users: ['bccorp7'],
    groups: ['bccorp7'],
    setup: () => execFileSync('useradd', ['-M', '-u', String(FREE_ID + 15), 'bccorp7']),
    playbook: tasks(`
- user: { name: bccorp7, state: absent }
- group: { name: bccorp7, state: absent }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'a user created and then given another shell changes twice, then not at all',
    users: ['bccorp8'],
    playbook: tasks(`
- user: { name: bccorp8, uid: ${FREE_ID + 16}, create_home: false, shell: /bin/sh }
- user: { name: bccorp8, shell: /bin/bash }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
  },
  {
    name: 'a group renumbered leaves a file owned by its old id, which a chown then gives back',
    users: [],
    groups: ['bccorp9'],
    setup: (root) => {
      execFileSync('groupadd', ['-g', String(FREE_ID + 1), 'bccorp9']);
      writeFileSync(join(root, 'g'), '');
      chownSync(join(root, 'g'), 0, FREE_ID + 1);
    },
    playbook: tasks(`
- group: { name: bccorp9, gid: ${FREE_ID + 2} }
- file: { path: "{{ root }}/g", group: bccorp9 }
`),
    check: 'changed skipped',
    run: 'changed changed',
    rerun: 'ok ok',
  },
];
