// Corpus cases over what runs when: loops, handlers, registered results, several plays, check mode.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tasks, type CorpusCase } from './case.js';

/** Why: facts are read ahead across loops, handlers and plays; each is a place where one can go stale. */
export const FLOW_CASES: CorpusCase[] = [
  {
    name: 'a loop writes every item, and a removal after it sees the item it removes',
    playbook: tasks(`
- copy: { content: "{{ item }}\\n", dest: "{{ root }}/{{ item }}" }
  loop: [a, b, c]
- file: { path: "{{ root }}/b", state: absent }
`),
    check: 'changed changed changed changed',
    run: 'changed changed changed changed',
    rerun: 'ok changed ok changed',
    files: { a: 'a\n', b: null, c: 'c\n' },
  },
  {
    name: 'a loop of guarded commands, then a guard on one of their outputs',
    playbook: tasks(`
- shell: { cmd: "touch {{ root }}/{{ item }}", creates: "{{ root }}/{{ item }}" }
  loop: [x, y]
- shell: { cmd: "echo again >> {{ root }}/again", creates: "{{ root }}/x" }
`),
    check: 'changed changed ok',
    run: 'changed changed ok',
    files: { again: null },
  },
  {
    name: 'a loop item whose creates exists is skipped after an earlier item ran its command',
    bug: 'the command of one item dropped every fact, and the next item planned on a missing fact (read as "absent") and ran',
    setup: (root) => writeFileSync(join(root, 'y'), ''),
    playbook: tasks(`
- shell: { cmd: "echo {{ item }} >> {{ root }}/ran", creates: "{{ root }}/{{ item }}" }
  loop: [x, y]
`),
    check: 'changed ok',
    run: 'changed ok',
    rerun: 'changed ok',
    files: { ran: 'x\n' },
  },
  {
    name: 'a loop whose items edit one file sees each earlier item',
    playbook: tasks(`
- lineinfile: { path: "{{ root }}/f", line: "{{ item }}", create: true }
  loop: [one, two, one]
`),
    check: 'changed changed ok',
    run: 'changed changed ok',
    files: { f: 'one\ntwo\n' },
  },
  {
    name: 'a handler writes what a later play copies: the run finds it written',
    playbook: `${tasks(`
- copy: { content: "v1\\n", dest: "{{ root }}/conf" }
  notify: stamp
`, `
- name: stamp
  shell: "echo stamped > {{ root }}/stamp"
`)}
${tasks(`
- copy: { content: "stamped\\n", dest: "{{ root }}/stamp" }
`)}`,
    check: 'changed changed changed',
    run: 'changed changed ok',
    rerun: 'ok ok',
  },
  {
    name: 'a handler removes what a later play guards on: the guarded command runs',
    setup: (root) => writeFileSync(join(root, 'cache'), ''),
    playbook: `${tasks(`
- copy: { content: "v1\\n", dest: "{{ root }}/conf" }
  notify: clear
`, `
- name: clear
  file: { path: "{{ root }}/cache", state: absent }
`)}
${tasks(`
- shell: { cmd: "echo rebuilt > {{ root }}/rebuilt", removes: "{{ root }}/cache" }
- shell: { cmd: "touch {{ root }}/cache", creates: "{{ root }}/cache" }
`)}`,
    check: 'changed changed ok changed',
    run: 'changed changed ok changed',
    rerun: 'ok changed ok',
    files: { rebuilt: null },
  },
  {
    name: 'flush_handlers runs the handler before the task that needs its file',
    playbook: tasks(`
- copy: { content: "v1\\n", dest: "{{ root }}/conf" }
  notify: render
- meta: flush_handlers
- lineinfile: { path: "{{ root }}/rendered", line: "v1" }
`, `
- name: render
  copy: { content: "v1\\n", dest: "{{ root }}/rendered" }
`),
    check: 'changed changed ok',
    run: 'changed changed ok',
    rerun: 'ok ok',
  },
  {
    name: 'a probe that check mode runs decides a later copy the same way in --check and in the run',
    playbook: tasks(`
- shell: "test -e {{ root }}/flag"
  register: flag
  check_mode: false
  changed_when: false
  failed_when: false
- copy: { content: "made\\n", dest: "{{ root }}/flag" }
  when: flag.rc != 0
`),
    check: 'ok changed',
    run: 'ok changed',
    rerun: 'ok skipped',
  },
  {
    name: 'a task that needs the output of a command check mode does not run is skipped with a warning there',
    playbook: tasks(`
- name: probe
  shell: echo probe
  register: p
- copy: { content: "seen\\n", dest: "{{ root }}/probe" }
  when: p.stdout.includes('probe')
`),
    check: 'changed skipped',
    run: 'changed changed',
    rerun: 'changed ok',
    files: { probe: 'seen\n' },
  },
  {
    name: 'a template whose body reads the output of a command check mode does not run is skipped with a warning there',
    controller: { 'templates/major.ejs': 'pg1-path=/var/lib/postgresql/<%= major.stdout %>/main\n' },
    playbook: tasks(`
- name: probe
  shell: echo 16
  register: major
  changed_when: false
- template: { src: major.ejs, dest: "{{ root }}/pgbackrest.conf" }
`),
    check: 'ok skipped',
    run: 'ok changed',
    rerun: 'ok ok',
    files: { 'pgbackrest.conf': 'pg1-path=/var/lib/postgresql/16/main\n' },
    bug: 'check mode failed the template (its body, not its arguments, read the probe) instead of skipping it',
  },
  {
    name: 'a registered loop result decides a later task per item',
    playbook: tasks(`
- copy: { content: "{{ item }}\\n", dest: "{{ root }}/{{ item }}" }
  loop: [a, b]
  register: written
- file: { path: "{{ root }}/{{ item.item }}", mode: "0600" }
  loop: "{{ written.results }}"
`),
    check: 'changed changed changed changed',
    run: 'changed changed changed changed',
  },
  {
    name: 'a file a first play writes is edited by a second play without a second write of the same text',
    playbook: `${tasks(`
- copy: { content: "a\\n", dest: "{{ root }}/f" }
`)}
${tasks(`
- lineinfile: { path: "{{ root }}/f", line: "a" }
- lineinfile: { path: "{{ root }}/f", line: "b" }
`)}`,
    check: 'changed ok changed',
    run: 'changed ok changed',
    rerun: 'changed ok changed',
    files: { f: 'a\nb\n' },
  },
  {
    name: 'a when on a variable skips a task whose facts nothing else reads',
    playbook: tasks(`
- copy: { content: "x\\n", dest: "{{ root }}/skipped" }
  when: root == 'nowhere'
- copy: { content: "x\\n", dest: "{{ root }}/written" }
`),
    check: 'skipped changed',
    run: 'skipped changed',
    rerun: 'skipped ok',
    files: { skipped: null, written: 'x\n' },
  },
  {
    name: 'a play with become reads and writes the same facts as one without',
    playbook: `${tasks(`
- copy: { content: "a\\n", dest: "{{ root }}/f" }
`)}
- hosts: all
  gather_facts: false
  become: true
  tasks:
    - lineinfile: { path: "{{ root }}/f", line: "a" }
    - file: { path: "{{ root }}/f", mode: "0600" }
`,
    check: 'changed ok changed',
    run: 'changed ok changed',
  },
  {
    name: 'host facts gathered by the play decide a template',
    controller: { 'templates/os.ejs': '<%= facts.os.id %>\n' },
    playbook: `- hosts: all
  tasks:
    - template: { src: os.ejs, dest: "{{ root }}/os" }
    - lineinfile: { path: "{{ root }}/os", line: "{{ facts.os.id }}" }
`,
    check: 'ok changed ok',
    run: 'ok changed ok',
    files: { os: `${osId()}\n` },
  },
];

function osId(): string {
  return /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1].replace(/"/g, '') ?? '';
}
