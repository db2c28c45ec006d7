// Corpus cases over command and shell: creates, removes, chdir, changed_when, failed_when.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tasks, type CorpusCase } from './case.js';

/** Why: a guard reads a path fact that another module's change must reach (issue 11's first case). */
export const COMMAND_CASES: CorpusCase[] = [
  {
    name: 'creates sees the file a copy wrote and removes sees the file a removal deleted, as Ansible does',
    bug: 'the guards read a path fact read ahead before the copy, keyed apart from the copy’s file fact',
    setup: (root) => writeFileSync(join(root, 'stale'), ''),
    playbook: tasks(`
- copy: { content: "done\\n", dest: "{{ root }}/marker" }
- shell: { cmd: "echo ran >> {{ root }}/ran", creates: "{{ root }}/marker" }
- file: { path: "{{ root }}/stale", state: absent }
- shell: { cmd: "echo cleaned >> {{ root }}/cleaned", removes: "{{ root }}/stale" }
`),
    check: 'changed ok changed ok',
    run: 'changed ok changed ok',
    files: { ran: null, cleaned: null, marker: 'done\n' },
  },
  {
    name: 'a copy of what a command with creates wrote finds it there; check mode cannot know the content and says so',
    playbook: tasks(`
- shell: { cmd: "echo done > {{ root }}/marker", creates: "{{ root }}/marker" }
- copy: { content: "done\\n", dest: "{{ root }}/marker" }
`),
    check: 'changed skipped',
    run: 'changed ok',
  },
  {
    name: 'a removal after a command with removes finds the path gone',
    setup: (root) => writeFileSync(join(root, 'lock'), ''),
    playbook: tasks(`
- shell: { cmd: "rm {{ root }}/lock", removes: "{{ root }}/lock" }
- file: { path: "{{ root }}/lock", state: absent }
`),
    check: 'changed ok',
    run: 'changed ok',
    files: { lock: null },
  },
  {
    name: 'a creates guard below a removed directory sees it gone and runs',
    setup: (root) => {
      mkdirSync(join(root, 'd'));
      writeFileSync(join(root, 'd/f'), '');
    },
    playbook: tasks(`
- file: { path: "{{ root }}/d", state: absent }
- shell: { cmd: "echo ran >> {{ root }}/ran", creates: "{{ root }}/d/f" }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'ok changed',
    files: { ran: 'ran\n' },
  },
  {
    name: 'a command run in chdir makes the files in it unknown to check mode and re-read in the run',
    setup: (root) => mkdirSync(join(root, 'work')),
    playbook: tasks(`
- command: { argv: [sh, -c, "echo built > out"], chdir: "{{ root }}/work" }
- copy: { content: "built\\n", dest: "{{ root }}/work/out" }
`),
    check: 'changed skipped',
    run: 'changed ok',
    rerun: 'changed ok',
  },
  {
    name: 'a relative creates is looked up in chdir',
    playbook: tasks(`
- command: { argv: [touch, made], chdir: "{{ root }}", creates: made }
- file: { path: "{{ root }}/made", state: file }
`),
    check: 'changed skipped',
    run: 'changed ok',
  },
  {
    name: 'a command with changed_when false still may write anything: a later copy of what it wrote changes nothing',
    bug: 'a command with changed_when: false invalidated no fact, so a copy read ahead before it saw the file missing',
    playbook: tasks(`
- file: { path: "{{ root }}", state: directory }
- shell: "echo probe > {{ root }}/p"
  changed_when: false
- copy: { content: "probe\\n", dest: "{{ root }}/p" }
`),
    check: 'ok ok changed',
    run: 'ok ok ok',
  },
  {
    name: 'a command that check mode runs (check_mode false) is seen by the tasks after it in --check',
    bug: 'in --check a command that really ran invalidated nothing, so facts read ahead before it stayed',
    playbook: tasks(`
- file: { path: "{{ root }}", state: directory }
- shell: "echo probe > {{ root }}/p"
  check_mode: false
  changed_when: false
- copy: { content: "probe\\n", dest: "{{ root }}/p" }
`),
    check: 'ok ok ok',
    run: 'ok ok ok',
  },
  {
    name: 'failed_when false keeps a failing command changed; ignore_errors lets the play go on',
    playbook: tasks(`
- shell: "exit 3"
  failed_when: false
- shell: "exit 2"
  ignore_errors: true
- copy: { content: "after\\n", dest: "{{ root }}/after" }
`),
    check: 'changed changed changed',
    run: 'changed failed changed',
    rerun: 'changed failed ok',
    files: { after: 'after\n' },
  },
  {
    name: 'a command that fails half-way, ignored, leaves what it wrote for the next task to see',
    bug: 'a task that failed half-way kept the cached facts (eaf6d00)',
    playbook: tasks(`
- file: { path: "{{ root }}", state: directory }
- shell: "echo half > {{ root }}/half && exit 1"
  ignore_errors: true
- copy: { content: "half\\n", dest: "{{ root }}/half" }
`),
    check: 'ok changed changed',
    run: 'ok failed ok',
    rerun: 'ok failed ok',
  },
  {
    name: 'creates on a link whose target was removed sees nothing there, as Ansible does, and runs',
    bug: 'a path fact read through a link was about the link only: removing its target left it existing',
    setup: (root) => {
      writeFileSync(join(root, 'target'), '');
      symlinkSync(join(root, 'target'), join(root, 'link'));
    },
    playbook: tasks(`
- file: { path: "{{ root }}/target", state: absent }
- shell: { cmd: "echo ran >> {{ root }}/ran", creates: "{{ root }}/link" }
`),
    check: 'changed changed',
    run: 'changed changed',
    rerun: 'ok changed',
    files: { ran: 'ran\n' },
  },
  {
    name: 'removes on a missing path and creates on an existing one skip the command',
    setup: (root) => writeFileSync(join(root, 'there'), ''),
    playbook: tasks(`
- command: { cmd: "touch {{ root }}/a", removes: "{{ root }}/missing" }
- command: { cmd: "touch {{ root }}/b", creates: "{{ root }}/there" }
`),
    check: 'ok ok',
    run: 'ok ok',
    files: { a: null, b: null },
  },
  {
    name: 'a command that writes a file a later lineinfile edits: the run sees the written text',
    playbook: tasks(`
- shell: "printf 'a\\\\nb\\\\n' > {{ root }}/f"
- lineinfile: { path: "{{ root }}/f", line: "b" }
`),
    check: 'changed skipped',
    run: 'changed ok',
    rerun: 'changed ok',
  },
];
