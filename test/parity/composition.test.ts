// Parity with ansible-core for the keywords that compose tasks: loop_control's names, roles
// imported and included from tasks, playbooks importing playbooks, any_errors_fatal.
import { parityTests, type Case } from './harness.js';

const copy = (name: string, text = name) => `copy: { content: "${text}\\n", dest: "{{ root }}/${name}" }`;

/**
 * A role in both layouts: Ansible's (tasks/main.yml, defaults/main.yml, vars/main.yml,
 * handlers/main.yml, tasks/FILE.yml, vars/FILE.yml) and bc-play's (tasks.yaml, defaults.yaml,
 * vars.yaml, handlers.yaml, FILE.yaml).
 */
function role(name: string, parts: { tasks?: string; defaults?: string; vars?: string; handlers?: string; taskFiles?: Record<string, string>; varsFiles?: Record<string, string>; files?: Record<string, string> }): Record<string, string> {
  const out: Record<string, string> = {};
  const both = (ansible: string, ours: string, text: string | undefined) => {
    if (text === undefined) return;
    out[`roles/${name}/${ansible}`] = text;
    out[`roles/${name}/${ours}`] = text;
  };
  both('tasks/main.yml', 'tasks.yaml', parts.tasks ?? '- debug: { msg: main }\n');
  both('defaults/main.yml', 'defaults.yaml', parts.defaults);
  both('vars/main.yml', 'vars.yaml', parts.vars);
  both('handlers/main.yml', 'handlers.yaml', parts.handlers);
  for (const [file, text] of Object.entries(parts.taskFiles ?? {})) both(`tasks/${file}.yml`, `${file}.yaml`, text);
  for (const [file, text] of Object.entries(parts.varsFiles ?? {})) both(`vars/${file}.yml`, `${file}.yaml`, text);
  for (const [file, text] of Object.entries(parts.files ?? {})) out[`roles/${name}/files/${file}`] = text;
  return out;
}

const WEB = role('web', {
  tasks: `- copy: { content: "{{ greeting }} {{ who }}\\n", dest: "{{ root }}/web" }
  notify: reload
- copy: { src: site.conf, dest: "{{ root }}/site.conf" }
`,
  defaults: 'greeting: hello\nwho: default\n',
  handlers: `- name: reload\n  ${copy('reloaded')}\n`,
  taskFiles: { extra: `- ${copy('extra')}\n- copy: { content: "{{ who }}\\n", dest: "{{ root }}/extra-who" }\n` },
  files: { 'site.conf': 'listen 80\n' },
});

/** A role with vars: each use writes its a, b and c to the file `out` names. */
const CFG = role('cfg', {
  tasks: '- copy: { content: "{{ a }} {{ b }} {{ c }}\\n", dest: "{{ root }}/{{ out }}" }\n',
  defaults: 'a: default\nb: default\nc: default\nd: default\n',
  vars: 'a: role\nb: role\nc: role\n',
  varsFiles: { other: 'a: other\nb: other\nc: other\n' },
});

const CASES: Case[] = [
  {
    name: 'role vars: an imported role\'s vars.yaml outranks the play\'s vars for every task of the play, under a task\'s vars',
    playbook: `- hosts: localhost
  gather_facts: false
  vars: { a: play, b: play, c: play, d: play }
  tasks:
    - copy: { content: "{{ a }} {{ d }}\\n", dest: "{{ root }}/before" }
    - copy: { content: "{{ b }}\\n", dest: "{{ root }}/task" }
      vars: { b: task }
    - import_role: { name: cfg }
      vars: { c: entry, out: imported }
`,
    files: CFG,
    check: true,
  },
  {
    name: 'role vars: vars_from reads the role\'s other vars file instead, for the play\'s tasks too',
    playbook: `- hosts: localhost
  gather_facts: false
  vars: { a: play }
  tasks:
    - import_role: { name: cfg, vars_from: other }
      vars: { out: from-other }
    - copy: { content: "{{ a }} {{ d }}\\n", dest: "{{ root }}/after" }
`,
    files: CFG,
    check: true,
  },
  {
    name: 'role vars: an included role\'s vars (vars_from) reach its own tasks only, not the play\'s after it (Ansible also reports the include ok)',
    playbook: `- hosts: localhost
  gather_facts: false
  vars: { a: play, b: play, c: play }
  tasks:
    - include_role: { name: cfg, vars_from: other }
      vars: { out: included }
    - copy: { content: "{{ a }}\\n", dest: "{{ root }}/after" }
`,
    files: CFG,
    differs: {
      reason: 'include_role is resolved when loading, like import_role: the include is no task of its own (Ansible reports it ok)',
      ansible: { statuses: ['ok', 'changed', 'changed'], files: { included: 'file 644 "other other other\\n"', after: 'file 644 "play\\n"' } },
      bcPlay: { statuses: ['changed', 'changed'], files: { included: 'file 644 "other other other\\n"', after: 'file 644 "play\\n"' } },
    },
  },
  {
    name: 'role vars: a role in roles: gives its vars to the play\'s tasks; its parameters outrank them',
    playbook: `- hosts: localhost
  gather_facts: false
  vars: { a: play }
  roles:
    - { role: cfg, c: param, out: listed }
  tasks:
    - copy: { content: "{{ a }} {{ b }}\\n", dest: "{{ root }}/play-task" }
`,
    files: CFG,
    check: true,
  },
  {
    name: 'import_role: the role\'s tasks with its defaults, files and handlers; the entry\'s vars win over the defaults',
    tasks: `    - import_role: { name: web }
      vars: { who: world }
    - copy: { content: "{{ greeting }}\\n", dest: "{{ root }}/play-sees-default" }
`,
    files: WEB,
    check: true,
  },
  {
    name: 'import_role: tasks_from runs another task file of the role; when and tags reach its tasks',
    tasks: `    - import_role: { name: web, tasks_from: extra }
      tags: [x]
    - import_role: { name: web, tasks_from: extra }
      when: 1 == 2
    - ${copy('untagged')}
`,
    files: WEB,
    tags: ['x'],
    check: true,
  },
  {
    name: 'import_role in a block: a failing role task runs the rescue',
    tasks: `    - block:
        - import_role: { name: failing }
      rescue:
        - ${copy('rescued')}
`,
    files: role('failing', { tasks: `- ${copy('before')}\n- command: "false"\n- ${copy('never')}\n` }),
  },
  {
    name: 'import_role twice: each import\'s vars reach its own tasks (Ansible shares one import\'s vars with the other)',
    tasks: `    - import_role: { name: web, tasks_from: extra }
    - import_role: { name: web, tasks_from: extra }
      vars: { who: second }
      when: 1 == 2
`,
    files: WEB,
    differs: {
      reason: 'each import_role entry\'s vars reach its own tasks only; Ansible 2.14 gives them to every import of the role in the play',
      ansible: { statuses: ['changed', 'changed', 'skipped', 'skipped'], files: { 'extra-who': 'file 644 "second\\n"' } },
      bcPlay: { statuses: ['changed', 'changed', 'skipped', 'skipped'], files: { 'extra-who': 'file 644 "default\\n"' } },
    },
  },
  {
    name: 'include_role: the role runs in place (Ansible also reports the include itself as ok)',
    tasks: `    - include_role: { name: web, tasks_from: extra }
      vars: { who: included }
    - ${copy('after')}
`,
    files: WEB,
    differs: {
      reason: 'include_role is resolved when loading, like import_role: the include is no task of its own (Ansible reports it ok)',
      ansible: { statuses: ['ok', 'changed', 'changed', 'changed'], files: { 'extra-who': 'file 644 "included\\n"' } },
      bcPlay: { statuses: ['changed', 'changed', 'changed'], files: { 'extra-who': 'file 644 "included\\n"' } },
    },
  },
  {
    name: 'loop_control: loop_var and index_var name the item and its index, in the registered results too',
    tasks: `    - copy: { content: "{{ idx }}:{{ f }}\\n", dest: "{{ root }}/{{ f }}" }
      loop: [a, b]
      loop_control: { loop_var: f, index_var: idx }
      register: out
      when: f != 'c'
    - copy: { content: "{{ out.results[1].f }} {{ out.results[1].idx }} {{ out.results[0].ansible_loop_var }}\\n", dest: "{{ root }}/reg" }
`,
    files: { a: '0:a\n' },
    check: true,
  },
  {
    name: 'loop_control.extended: ansible_loop gives index, revindex, first, last, length and the neighbours',
    tasks: `    - copy: { content: "{{ ansible_loop.index }}/{{ ansible_loop.length }} {{ ansible_loop.revindex0 }} {{ ansible_loop.revindex }} {{ ansible_loop.index0 }}\\n", dest: "{{ root }}/{{ item }}" }
      loop: [a, b, c]
      loop_control: { extended: true }
      register: ext
    - copy: { content: "{{ ext.results[1].ansible_loop.previtem }}<{{ ext.results[1].item }}>{{ ext.results[1].ansible_loop.nextitem }}\\n", dest: "{{ root }}/mid" }
    - ${copy('last')}
      loop: [1, 2]
      loop_control: { extended: true }
      when: ansible_loop.last
`,
  },
  {
    name: 'loop_control.pause: the items run one after the other, with the pause between',
    tasks: `    - shell: "date +%s%N > {{ root }}/{{ item }}"
      loop: [one, two]
      loop_control: { pause: 1 }
    - shell: "test $(( $(cat {{ root }}/two) - $(cat {{ root }}/one) )) -ge 1000000000"
      changed_when: false
    - file: { path: "{{ root }}/{{ item }}", state: absent }
      loop: [one, two]
`,
  },
  {
    name: 'import_playbook: its plays run in place, with its vars over theirs and files beside it; a false when skips every task',
    playbook: `- import_playbook: sub/other.yaml
  vars: { who: imported }
- hosts: localhost
  gather_facts: false
  tasks:
    - ${copy('main')}
`,
    files: {
      'sub/other.yaml': `- hosts: localhost
  gather_facts: false
  vars: { who: play, kept: play }
  tasks:
    - copy: { content: "{{ who }} {{ kept }}\\n", dest: "{{ root }}/who" }
    - copy: { src: x.conf, dest: "{{ root }}/x.conf" }
- import_playbook: deeper.yaml
  when: 1 == 2
`,
      'sub/deeper.yaml': `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ${copy('deep')}\n    - ${copy('deeper')}\n`,
      'sub/files/x.conf': 'x = 1\n',
    },
    check: true,
  },
  {
    name: 'import_playbook: its tags are added to its plays\' tasks',
    playbook: `- import_playbook: other.yaml
  tags: [imp]
- hosts: localhost
  gather_facts: false
  tasks:
    - ${copy('main')}
`,
    files: { 'other.yaml': `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ${copy('tagged')}\n` },
    tags: ['imp'],
  },
  {
    name: 'any_errors_fatal on the play: a failure on one host stops the play on the others, no later play runs',
    hosts: ['h2'],
    playbook: `- hosts: localhost,h2
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - copy: { content: "1\\n", dest: "{{ root }}/{{ inventory_hostname }}-1" }
    - command: "false"
      when: inventory_hostname == 'h2'
    - copy: { content: "2\\n", dest: "{{ root }}/{{ inventory_hostname }}-2" }
- hosts: localhost
  gather_facts: false
  tasks:
    - ${copy('second-play')}
`,
  },
  {
    name: 'any_errors_fatal on a task: only its failure stops the others; a rescued failure does not',
    hosts: ['h2', 'h3'],
    playbook: `- hosts: localhost,h2,h3
  gather_facts: false
  tasks:
    - block:
        - command: "false"
          when: inventory_hostname == 'h2'
          any_errors_fatal: true
      rescue:
        - copy: { content: "r\\n", dest: "{{ root }}/{{ inventory_hostname }}-rescued" }
    - command: "false"
      when: inventory_hostname == 'h2'
    - copy: { content: "2\\n", dest: "{{ root }}/{{ inventory_hostname }}-2" }
    - command: "false"
      when: inventory_hostname == 'h3'
      any_errors_fatal: true
    - copy: { content: "3\\n", dest: "{{ root }}/{{ inventory_hostname }}-3" }
`,
  },
  {
    name: 'become_user: commands, and the files a task writes, are that user\'s',
    tasks: `    - file: { path: "{{ root }}", state: directory, mode: "0755" }
    - file: { path: "{{ root }}/pub", state: directory, mode: "0777" }
    - command: id -un
      become: true
      become_user: nobody
      register: who
      changed_when: false
    - copy: { content: "{{ who.stdout }}\\n", dest: "{{ root }}/who" }
    - copy: { content: "mine\\n", dest: "{{ root }}/pub/owned" }
      become: true
      become_user: nobody
    - command: "stat -c %U {{ root }}/pub/owned"
      register: owner
      changed_when: false
    - copy: { content: "{{ owner.stdout }}\\n", dest: "{{ root }}/owner" }
`,
  },
];

parityTests(CASES);
