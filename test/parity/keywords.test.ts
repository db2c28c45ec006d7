// Parity with ansible-core for the task and play keywords: blocks (nested too), includes, retries,
// run_once, delegation, loop_control, handlers, tags, environment, vars_files, no_log.
import { parityTests, type Case } from './harness.js';

const copy = (name: string, text = name) => `copy: { content: "${text}\\n", dest: "{{ root }}/${name}" }`;
const PLAY = (body: string, head = '') => `- hosts: localhost\n  gather_facts: false\n${head}  tasks:\n${body}`;

const CASES: Case[] = [
  {
    name: 'block: a failure skips the rest, runs rescue and always; the host counts as rescued',
    tasks: `    - block:
        - ${copy('a')}
        - command: "false"
        - ${copy('never')}
      rescue:
        - ${copy('r')}
      always:
        - ${copy('w')}
    - ${copy('after')}
`,
  },
  {
    name: 'block without rescue: always runs, then the host fails and later tasks do not run',
    tasks: `    - block:
        - command: "false"
      always:
        - ${copy('w')}
    - ${copy('after')}
`,
  },
  {
    name: 'block: a failing rescue fails the host after always',
    tasks: `    - block:
        - command: "false"
      rescue:
        - command: "false"
      always:
        - ${copy('w')}
    - ${copy('after')}
`,
  },
  {
    name: 'block: a block without failure skips rescue',
    tasks: `    - block:
        - ${copy('a')}
      rescue:
        - ${copy('r')}
      always:
        - ${copy('w')}
`,
    check: true,
  },
  {
    name: 'block: when, vars and tags of the block apply to its tasks',
    tasks: `    - block:
        - copy: { content: "{{ word }}\\n", dest: "{{ root }}/a" }
        - ${copy('b')}
      when: go == 1
      vars: { go: 1, word: hello }
    - block:
        - ${copy('no')}
      when: 1 == 2
`,
    check: true,
  },
  {
    name: 'block: ignore_errors inside a block neither rescues nor fails',
    tasks: `    - block:
        - command: "false"
          ignore_errors: true
        - ${copy('a')}
      rescue:
        - ${copy('r')}
`,
  },
  {
    name: 'import_tasks: the file\'s tasks run in place with the entry\'s vars',
    tasks: `    - import_tasks: inc.yaml
      vars: { word: imported }
    - ${copy('after')}
`,
    files: { 'inc.yaml': `- copy: { content: "{{ word }}\\n", dest: "{{ root }}/imp" }\n- file: { path: "{{ root }}/d", state: directory, mode: "0750" }\n` },
    check: true,
  },
  {
    name: 'import_tasks under a false when: every task of the file is skipped',
    tasks: `    - import_tasks: inc.yaml
      when: 1 == 2
`,
    files: { 'inc.yaml': `- ${copy('a')}\n- ${copy('b')}\n` },
  },
  {
    name: 'import_tasks nested: a file importing another keeps the order',
    tasks: `    - import_tasks: one.yaml
`,
    files: { 'one.yaml': `- ${copy('1')}\n- import_tasks: two.yaml\n- ${copy('3')}\n`, 'two.yaml': `- ${copy('2')}\n` },
  },
  {
    name: 'until/retries: a command retried until a file exists succeeds on a later try',
    tasks: `    - shell: "test -e {{ root }}/flag || { touch {{ root }}/flag; exit 1; }"
      register: r
      until: r.rc == 0
      retries: 2
      delay: 0
`,
  },
  {
    name: 'until/retries: a condition that never holds fails after the tries',
    tasks: `    - command: "false"
      register: r
      until: r.rc == 0
      retries: 1
      delay: 0
      ignore_errors: true
    - ${copy('after')}
`,
  },
  {
    name: 'run_once on the only host runs the task once',
    tasks: `    - command: "echo once"
      run_once: true
      register: o
    - copy: { content: "{{ o.stdout }}\\n", dest: "{{ root }}/o" }
`,
  },
  {
    name: 'delegate_to localhost runs the module locally',
    tasks: `    - ${copy('d')}
      delegate_to: localhost
    - file: { path: "{{ root }}/d", mode: "0600" }
      delegate_to: localhost
`,
  },
  {
    name: 'delegate_facts: set_fact gives its variable to the delegated host (its hostvars, its later plays), a register stays with the task\'s host',
    hosts: ['h2'],
    playbook: `- hosts: localhost
  gather_facts: false
  tasks:
    - set_fact: { x: delegated }
      delegate_to: h2
      delegate_facts: true
    - set_fact: { y: here }
      delegate_to: h2
    - command: echo hi
      delegate_to: h2
      delegate_facts: true
      register: r
      changed_when: false
    - copy: { content: "{{ hostvars['h2'].x }} {{ y }} {{ r.stdout }}\\n", dest: "{{ root }}/seen" }
    - copy: { content: "no x here\\n", dest: "{{ root }}/no-x" }
      when: "('x' in vars) == false"
- hosts: h2
  gather_facts: false
  tasks:
    - copy: { content: "{{ x }}\\n", dest: "{{ root }}/h2-x" }
`,
  },
  {
    name: '--check: a task on a file an earlier task only predicted is predicted; Ansible fails it',
    tasks: `    - ${copy('d')}
    - file: { path: "{{ root }}/d", mode: "0600" }
`,
    check: true,
    differs: {
      reason: 'check mode predicts what the real run does: facts are updated by predicted effects',
      ansible: { statuses: ['changed', 'failed'], absent: ['d'] },
      bcPlay: { statuses: ['changed', 'changed'], absent: ['d'] },
    },
  },
  {
    name: 'loop_control.label: per-item statuses of a loop over maps',
    tasks: `    - copy: { content: "{{ item.text }}\\n", dest: "{{ root }}/{{ item.name }}" }
      loop: [{ name: a, text: x }, { name: b, text: y }]
      loop_control: { label: "{{ item.name }}" }
`,
    files: { a: 'x\n' },
    check: true,
  },
  {
    name: 'loop with per-item when: skipped items are skipped, the others run',
    tasks: `    - copy: { content: "n{{ item }}\\n", dest: "{{ root }}/f{{ item }}" }
      loop: [1, 2, 3, 4]
      when: item > 2
`,
    check: true,
  },
  {
    name: 'loop where every item is skipped: the task is skipped',
    tasks: `    - copy: { content: "x\\n", dest: "{{ root }}/f{{ item }}" }
      loop: [1, 2]
      when: item > 5
`,
  },
  {
    name: 'loop with a failing item: the task fails, the other items ran',
    tasks: `    - command: "test {{ item }} != 2"
      loop: [1, 2, 3]
      ignore_errors: true
`,
  },
  {
    name: 'registered loop results feed a later loop',
    tasks: `    - command: "echo {{ item }}"
      loop: [a, b]
      register: out
    - copy: { content: "{{ item.stdout }}\\n", dest: "{{ root }}/{{ item.item }}" }
      loop: "{{ out.results }}"
      loop_control: { label: "{{ item.item }}" }
`,
  },
  {
    name: 'handlers: a changed task notifies, the handler runs once at the end; rerun runs none',
    playbook: PLAY(`    - ${copy('a')}
      notify: h
    - ${copy('b')}
      notify: h
`) + `  handlers:
    - name: h
      ${copy('handled')}
`,
  },
  {
    name: 'handlers: listen names answer a notify',
    playbook: PLAY(`    - ${copy('a')}
      notify: topic
`) + `  handlers:
    - name: first
      listen: topic
      ${copy('h1')}
    - name: second
      listen: topic
      ${copy('h2')}
`,
  },
  {
    name: 'handlers: meta flush_handlers runs them before later tasks',
    playbook: PLAY(`    - ${copy('a')}
      notify: h
    - meta: flush_handlers
    - ${copy('b')}
`) + `  handlers:
    - name: h
      ${copy('handled')}
`,
  },
  {
    name: 'handlers: an unchanged task notifies nothing',
    playbook: PLAY(`    - ${copy('a')}
      notify: h
`) + `  handlers:
    - name: h
      ${copy('handled')}
`,
    files: { a: 'a\n' },
    check: true,
  },
  {
    name: 'handlers in pre_tasks run after pre_tasks, before tasks',
    playbook: `- hosts: localhost
  gather_facts: false
  pre_tasks:
    - ${copy('pre')}
      notify: h
  tasks:
    - shell: "test -e {{ root }}/handled && echo seen > {{ root }}/order"
  handlers:
    - name: h
      ${copy('handled')}
`,
  },
  {
    name: 'tags: --tags runs only the tagged tasks',
    tasks: `    - ${copy('a')}
      tags: [one]
    - ${copy('b')}
      tags: two
    - ${copy('c')}
`,
    tags: ['one'],
  },
  {
    name: 'tags: --skip-tags leaves the tagged tasks out',
    tasks: `    - ${copy('a')}
      tags: [one]
    - ${copy('b')}
`,
    skipTags: ['one'],
  },
  {
    name: 'tags: never runs only when named; always runs under --tags',
    tasks: `    - ${copy('n')}
      tags: [never]
    - ${copy('al')}
      tags: [always]
    - ${copy('x')}
      tags: [x]
`,
    tags: ['x'],
  },
  {
    name: 'changed_when and failed_when decide on a module other than command',
    tasks: `    - ${copy('a')}
      changed_when: false
    - ${copy('b')}
      failed_when: false
    - file: { path: "{{ root }}/c", state: directory }
      register: d
      failed_when: d.changed
      ignore_errors: true
`,
  },
  {
    name: 'when with a list of conditions: all must hold',
    tasks: `    - ${copy('a')}
      when: [1 == 1, 2 == 2]
    - ${copy('b')}
      when: [1 == 1, 2 == 3]
`,
    check: true,
  },
  {
    name: 'task vars and play vars: the task\'s win for its task',
    playbook: PLAY(`    - copy: { content: "{{ v }}\\n", dest: "{{ root }}/play" }
    - copy: { content: "{{ v }}\\n", dest: "{{ root }}/task" }
      vars: { v: task }
`, '  vars: { v: play }\n'),
    check: true,
  },
  {
    name: 'set_fact then a condition on it; debug is ok',
    tasks: `    - set_fact: { n: 3 }
    - debug: { msg: "n is {{ n }}" }
    - ${copy('big')}
      when: n > 2
    - ${copy('small')}
      when: n < 2
`,
  },
  {
    name: 'assert passes; fail under a true condition fails the host',
    tasks: `    - assert: { that: "{{ 1 == 1 }}" }
    - ${copy('a')}
    - fail: { msg: "stop" }
      when: 1 == 1
    - ${copy('never')}
`,
  },
  {
    name: 'ignore_errors on a failing command: the run goes on, the recap counts ignored',
    tasks: `    - command: "false"
      ignore_errors: true
    - ${copy('a')}
`,
  },
  {
    name: 'two plays in one playbook run in order',
    playbook: PLAY(`    - ${copy('one')}\n`) + PLAY(`    - copy: { content: "two\\n", dest: "{{ root }}/one" }\n`),
  },
  {
    name: 'include_tasks: a file included with tags and when',
    tasks: `    - include_tasks: inc.yaml
      when: 1 == 1
    - ${copy('after')}
`,
    files: { 'inc.yaml': `- ${copy('a')}\n` },
    differs: {
      reason: 'include_tasks is resolved when loading, like import_tasks: the include is no task of its own (Ansible reports it ok)',
      ansible: { statuses: ['ok', 'changed', 'changed'] },
      bcPlay: { statuses: ['changed', 'changed'] },
    },
  },
  {
    name: 'rendered text that looks like a number stays text (Ansible makes it a number)',
    tasks: `    - copy: { content: "{{ item }}\\n", dest: "{{ root }}/f{{ item }}" }
      loop: [3]
`,
    differs: {
      reason: 'text with more than one expression stays text; only one whole expression keeps its type',
      ansible: { statuses: ['changed [changed]'], files: { f3: 'file 644 "3"' } },
      bcPlay: { statuses: ['changed [changed]'], files: { f3: 'file 644 "3\\n"' } },
    },
  },
  {
    name: 'copy with a dest that is an existing directory copies into it',
    tasks: `    - copy: { src: x.conf, dest: "{{ root }}/d", mode: "0640" }
    - copy: { src: x.conf, dest: "{{ root }}/e/" }
`,
    files: { 'files/x.conf': 'x = 1\n', 'd/keep': 'k\n', 'e/keep': 'k\n' },
    check: true,
  },
  {
    name: 'nested blocks: an inner failure without rescue runs the inner always, then the outer rescue',
    tasks: `    - block:
        - block:
            - ${copy('a')}
            - command: "false"
            - ${copy('never1')}
          always:
            - ${copy('inner-always')}
        - ${copy('never2')}
      rescue:
        - ${copy('outer-rescue')}
      always:
        - ${copy('outer-always')}
    - ${copy('after')}
`,
  },
  {
    name: 'nested blocks: the inner rescue handles the failure, the outer block goes on',
    tasks: `    - block:
        - block:
            - command: "false"
          rescue:
            - ${copy('inner-rescue')}
        - ${copy('outer-goes-on')}
      rescue:
        - ${copy('never')}
`,
  },
  {
    name: 'nested blocks: a failed inner rescue reaches the outer rescue (each counted rescued)',
    tasks: `    - block:
        - block:
            - command: "false"
          rescue:
            - command: "false"
            - ${copy('never1')}
          always:
            - ${copy('inner-always')}
        - ${copy('never2')}
      rescue:
        - ${copy('outer-rescue')}
`,
  },
  {
    name: 'nested blocks: an unrescued failure three levels deep fails the host after every always',
    tasks: `    - block:
        - block:
            - block:
                - command: "false"
              always:
                - ${copy('a3')}
          always:
            - ${copy('a2')}
      always:
        - ${copy('a1')}
    - ${copy('after')}
`,
  },
  {
    name: 'nested blocks: a block in a rescue, its failure fails the outer rescue, the outer always runs',
    tasks: `    - block:
        - command: "false"
      rescue:
        - block:
            - command: "false"
          always:
            - ${copy('inner-always')}
        - ${copy('never')}
      always:
        - ${copy('outer-always')}
    - ${copy('after')}
`,
  },
  {
    name: 'nested blocks: when, vars and tags of each level reach the inner tasks',
    tasks: `    - block:
        - block:
            - copy: { content: "{{ a }} {{ b }}\\n", dest: "{{ root }}/ab" }
            - ${copy('no')}
              when: b == 'inner'
              tags: [other]
          vars: { b: inner }
          when: a == 'outer'
        - block:
            - ${copy('skipped')}
          when: a == 'nope'
      vars: { a: outer, b: outer }
      tags: [t]
    - ${copy('untagged')}
`,
    tags: ['t'],
    check: true,
  },
  {
    name: 'environment on a task: shell and command see the variables',
    tasks: `    - shell: "echo $GREETING > {{ root }}/env"
      environment: { GREETING: "hi there" }
    - command: "sh -c 'echo $A-$B > {{ root }}/env2'"
      environment: { A: "{{ word }}", B: 2 }
      vars: { word: w }
`,
  },
  {
    name: 'environment on a play: every task gets it, a task\'s own name wins',
    playbook: PLAY(`    - shell: "echo $X $Y > {{ root }}/play"
    - shell: "echo $X $Y > {{ root }}/task"
      environment: { Y: task }
`, '  environment: { X: play, Y: play }\n'),
  },
  {
    name: 'vars_files: variables from files beside the playbook, over the play\'s vars, later files win',
    playbook: PLAY(`    - copy: { content: "{{ a }} {{ b }} {{ c }}\\n", dest: "{{ root }}/v" }\n`, '  vars: { a: play, c: play }\n  vars_files: [vars/one.yaml, two.yaml]\n'),
    files: { 'vars/one.yaml': 'a: one\nb: one\n', 'two.yaml': 'b: two\n' },
    check: true,
  },
  {
    name: 'no_log: the task runs as without it',
    tasks: `    - ${copy('a')}
      no_log: true
    - command: "false"
      no_log: true
      ignore_errors: true
`,
  },
];

parityTests(CASES);
