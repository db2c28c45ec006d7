// Parity with ansible-core for the first cases: files, loops and guards, lineinfile, facts and failures.
import { parityTests, type Case } from './harness.js';

const CASES: Case[] = [
  {
    name: 'file, copy, lineinfile and blockinfile create the same tree',
    tasks: `    - file: { path: "{{ root }}/d/a/b", state: directory, mode: "0700" }
    - file: { path: "{{ root }}/d/t", state: touch, modification_time: preserve, access_time: preserve }
    - file: { path: "{{ root }}/d/l", state: link, src: "{{ root }}/e.conf" }
    - copy: { content: "x = 1\\n", dest: "{{ root }}/d/c.conf", mode: "0640" }
    - lineinfile: { path: "{{ root }}/e.conf", line: "y = 2" }
    - blockinfile: { path: "{{ root }}/e.conf", block: "z = 3" }
    - lineinfile: { path: "{{ root }}/new/dir/f", line: "made", create: true }
`,
    files: { 'e.conf': 'x = 0\n' },
    check: true,
  },
  {
    name: 'loops, per-item when, registered results and command guards',
    tasks: `    - command: "echo {{ item }}"
      loop: [1, 2, 3]
      when: item != 2
      register: looped
    - shell: { cmd: "echo done > {{ root }}/out/a.done", creates: "{{ root }}/out/*.done" }
    - shell: { cmd: "echo again >> {{ root }}/out/b.log", creates: "{{ root }}/out/*.done" }
    - command: "true"
      changed_when: false
`,
    files: { 'out/keep': 'k\n' },
  },
  {
    name: 'lineinfile backrefs and a missing final newline',
    tasks: `    - lineinfile: { path: "{{ root }}/nl", regexp: "^a=", line: "a=9" }
    - lineinfile: { path: "{{ root }}/nl2", line: "c=3" }
    - lineinfile: { path: "{{ root }}/br", regexp: "^k=(v[0-9]+)$", line: 'k=\\1-new', backrefs: true }
    - lineinfile: { path: "{{ root }}/br", regexp: "^zz=(.*)$", line: 'zz=\\1', backrefs: true }
`,
    files: { nl: 'a=1\nb=2', nl2: 'a=1\nb=2', br: 'k=v1\n' },
    check: true,
  },
  {
    name: 'ignore_errors, set_fact, stat and fail under a false condition',
    tasks: `    - command: "false"
      ignore_errors: true
    - set_fact: { greeting: "hello" }
    - copy: { content: "{{ greeting }}\\n", dest: "{{ root }}/greeting" }
    - stat: { path: "{{ root }}/greeting" }
      register: st
    - copy: { content: "seen\\n", dest: "{{ root }}/seen" }
      when: st.stat.exists
    - fail: { msg: "not reached" }
      when: st.stat.isdir
`,
  },
];

parityTests(CASES);
