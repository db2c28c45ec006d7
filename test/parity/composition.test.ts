// Parity with ansible-core for the keywords that compose tasks: loop_control's names, roles
// imported and included from tasks, playbooks importing playbooks, any_errors_fatal.
import { parityTests, type Case } from './harness.js';

const copy = (name: string, text = name) => `copy: { content: "${text}\\n", dest: "{{ root }}/${name}" }`;

const CASES: Case[] = [
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
];

parityTests(CASES);
