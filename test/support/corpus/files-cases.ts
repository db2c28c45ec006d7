// Corpus cases over the file modules: file, copy, template, lineinfile, blockinfile, ssh_key.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tasks, type CorpusCase } from './case.js';

/** Why: a write, a chmod or a removal through one module must be seen by the next module's facts. */
export const FILE_CASES: CorpusCase[] = [
  {
    name: 'a copy into a directory an earlier task creates writes the file; the rerun changes nothing',
    playbook: tasks(`
- file: { path: "{{ root }}/etc", state: directory, mode: "0750" }
- copy: { content: "a=1\\n", dest: "{{ root }}/etc/app.conf" }
`),
    check: 'changed changed',
    run: 'changed changed',
    files: { 'etc/app.conf': 'a=1\n' },
  },
  {
    name: 'two tasks that want different modes on one directory both change it on every run',
    playbook: tasks(`
- file: { path: "{{ root }}/d", state: directory, mode: "0755" }
- file: { path: "{{ root }}/d", state: directory, mode: "0700" }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
  },
  {
    name: 'a file touched and then removed is gone, and both tasks change on every run',
    playbook: tasks(`
- file: { path: "{{ root }}/t", state: touch }
- file: { path: "{{ root }}/t", state: absent }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
    files: { t: null },
  },
  {
    name: 'a chmod after a copy of the same file sees the copied file; the rerun keeps both as they are',
    playbook: tasks(`
- copy: { content: "x\\n", dest: "{{ root }}/f" }
- file: { path: "{{ root }}/f", mode: "0600" }
`),
    check: 'changed changed',
    run: 'changed changed',
  },
  {
    name: 'a line added after a copy is added to the copied text, and the copy undoes it on the rerun',
    playbook: tasks(`
- copy: { content: "one\\n", dest: "{{ root }}/f" }
- lineinfile: { path: "{{ root }}/f", line: "two" }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
    files: { f: 'one\ntwo\n' },
  },
  {
    name: 'a line the copy just wrote is already there',
    playbook: tasks(`
- copy: { content: "one\\ntwo\\n", dest: "{{ root }}/f" }
- lineinfile: { path: "{{ root }}/f", line: "two" }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'a regexp replaces the line a copy wrote over the old file',
    setup: (root) => writeFileSync(join(root, 'f'), 'port=1\n'),
    playbook: tasks(`
- copy: { content: "port=2\\nhost=a\\n", dest: "{{ root }}/f" }
- lineinfile: { path: "{{ root }}/f", regexp: "^port=", line: "port=3" }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
    files: { f: 'port=3\nhost=a\n' },
  },
  {
    name: 'a block goes into the file a lineinfile created; the rerun finds both',
    playbook: tasks(`
- lineinfile: { path: "{{ root }}/f", line: "first", create: true }
- blockinfile: { path: "{{ root }}/f", block: "b1\\nb2" }
`),
    check: 'changed changed',
    run: 'changed changed',
  },
  {
    name: 'a line removed from the block blockinfile wrote is removed, and the block is rewritten on the rerun',
    playbook: tasks(`
- blockinfile: { path: "{{ root }}/f", block: "keep\\ndrop", create: true }
- lineinfile: { path: "{{ root }}/f", line: "drop", state: absent }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
  },
  {
    name: 'a copy of the text a template just wrote changes nothing',
    controller: { 'templates/motd.ejs': 'hello <%= inventory_hostname %>\n' },
    playbook: tasks(`
- template: { src: motd.ejs, dest: "{{ root }}/motd" }
- copy: { content: "hello web1\\n", dest: "{{ root }}/motd" }
`),
    check: 'changed ok',
    run: 'changed ok',
    files: { motd: 'hello web1\n' },
  },
  {
    name: 'a copy from a controller file, then a line edit of it',
    controller: { 'files/app.conf': 'a=1\n' },
    playbook: tasks(`
- copy: { src: app.conf, dest: "{{ root }}/app.conf", mode: "0640" }
- lineinfile: { path: "{{ root }}/app.conf", line: "a=1" }
`),
    check: 'changed ok',
    run: 'changed ok',
  },
  {
    name: 'a file written again after its tree was removed is written, not taken for the old one',
    setup: (root) => {
      mkdirSync(join(root, 'tree/a'), { recursive: true });
      writeFileSync(join(root, 'tree/a/b.txt'), 'same\n');
    },
    playbook: tasks(`
- file: { path: "{{ root }}/tree", state: absent }
- file: { path: "{{ root }}/tree/a", state: directory }
- copy: { content: "same\\n", dest: "{{ root }}/tree/a/b.txt" }
`),
    check: 'changed changed changed',
    run: 'changed changed changed',
    rerun: 'changed changed changed',
    files: { 'tree/a/b.txt': 'same\n' },
  },
  {
    name: 'copy, remove, copy again: each step sees the one before',
    playbook: tasks(`
- copy: { content: "v\\n", dest: "{{ root }}/f" }
- file: { path: "{{ root }}/f", state: absent }
- copy: { content: "v\\n", dest: "{{ root }}/f" }
`),
    check: 'changed changed changed',
    run: 'changed changed changed',
    rerun: 'ok changed changed',
  },
  {
    name: 'a directory created with its parents is there for a file inside it and for a creates guard on a parent',
    playbook: tasks(`
- file: { path: "{{ root }}/a/b/c", state: directory }
- copy: { content: "x\\n", dest: "{{ root }}/a/b/x" }
- shell: { cmd: "echo ran >> {{ root }}/ran", creates: "{{ root }}/a" }
`),
    check: 'changed changed ok',
    run: 'changed changed ok',
    files: { ran: null },
  },
  {
    name: 'a link made, then pointed elsewhere, changes each time',
    playbook: tasks(`
- file: { path: "{{ root }}/l", state: link, src: /etc/hostname }
- file: { path: "{{ root }}/l", state: link, src: /etc/hosts }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
  },
  {
    name: 'a link removed right after it was made is gone',
    playbook: tasks(`
- file: { path: "{{ root }}/l", state: link, src: /etc/hostname }
- file: { path: "{{ root }}/l", state: absent }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'changed changed',
    files: { l: null },
  },
  {
    name: 'a line edit through a symlink sees the target a copy just wrote',
    bug: 'the content read through a link was about the link only: a write to its target left it stale',
    setup: (root) => {
      writeFileSync(join(root, 'target'), 'old\n');
      symlinkSync(join(root, 'target'), join(root, 'link'));
    },
    playbook: tasks(`
- copy: { content: "a\\n", dest: "{{ root }}/target" }
- lineinfile: { path: "{{ root }}/link", line: "a" }
`),
    check: 'changed ok',
    run: 'changed ok',
    files: { target: 'a\n' },
  },
  {
    name: 'a file made empty by touch takes a line, and the line stays on the rerun',
    playbook: tasks(`
- file: { path: "{{ root }}/t", state: touch, mode: "0600", modification_time: preserve, access_time: preserve }
- lineinfile: { path: "{{ root }}/t", line: "x" }
`),
    check: 'changed changed',
    run: 'changed changed',
    files: { t: 'x\n' },
  },
  {
    name: 'an authorized_keys file written by ssh_key exists for a later file task',
    playbook: tasks(`
- ssh_key: { secret: "0123456789abcdef0123", authorized_keys: "{{ root }}/ak" }
- file: { path: "{{ root }}/ak", state: file, mode: "0600" }
`),
    check: 'changed changed',
    run: 'changed changed',
  },
];
