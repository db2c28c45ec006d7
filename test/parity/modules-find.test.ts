// Parity with ansible-core for find: what it registers, used the way playbooks use it (a loop
// over `files` that removes or marks each match), compared by the files left behind.
import { parityTests, type Case } from './harness.js';

const CASES: Case[] = [
  {
    name: 'find: patterns match names in the folder only, and a loop removes the matches',
    tasks: `    - find: { paths: "{{ root }}/logs", patterns: "*.log" }
      register: r
    - copy: { content: "matched={{ r.matched }} examined={{ r.examined }} {{ r.msg }}\\n", dest: "{{ root }}/count" }
    - file: { path: "{{ item.path }}", state: absent }
      loop: "{{ r.files }}"
`,
    files: { 'logs/a.log': 'a\n', 'logs/b.log': 'b\n', 'logs/c.txt': 'c\n', 'logs/sub/d.log': 'd\n', 'logs/.e.log': 'e\n' },
    check: true,
  },
  {
    name: 'find: recurse, hidden, excludes and several patterns',
    tasks: `    - find: { paths: "{{ root }}/t", patterns: ["*.conf", "*.ini"], excludes: "skip*", recurse: true, hidden: true }
      register: r
    - copy: { content: "{{ item.mode }} {{ item.size }} {{ item.uid }}\\n", dest: "{{ item.path }}.seen" }
      loop: "{{ r.files }}"
`,
    files: { 't/a.conf': 'aa\n', 't/skip.conf': 's\n', 't/x/b.ini': 'bbb\n', 't/x/.h/c.conf': 'c\n', 't/.d.conf': 'd\n', 't/x/y/z.txt': 'z\n' },
    check: true,
  },
  {
    name: 'find: directories and links, with depth',
    tasks: `    - file: { path: "{{ root }}/t/l1", src: "{{ root }}/t/a", state: link }
    - find: { paths: "{{ root }}/t", file_type: directory, recurse: true, depth: 2 }
      register: dirs
    - copy: { content: "dir {{ item.mode }} {{ item.nlink }}\\n", dest: "{{ item.path }}/found" }
      loop: "{{ dirs.files }}"
    - find: { paths: "{{ root }}/t", file_type: link }
      register: links
    - copy: { content: "links={{ links.matched }} dirs={{ dirs.matched }} examined={{ dirs.examined }}\\n", dest: "{{ root }}/count" }
`,
    files: { 't/a/b/c/deep': 'x\n', 't/a/f': 'f\n', 't/e/.keep': '' },
  },
  {
    name: 'find: contains per line from its start, or anywhere with read_whole_file, and size',
    tasks: `    - find: { paths: "{{ root }}/c", contains: "port\\\\s*=" }
      register: lines
    - find: { paths: "{{ root }}/c", contains: "port", read_whole_file: true }
      register: whole
    - find: { paths: "{{ root }}/c", size: "10" }
      register: big
    - copy: { content: "lines={{ lines.matched }} whole={{ whole.matched }} big={{ big.matched }}\\n", dest: "{{ root }}/count" }
`,
    files: { 'c/a.conf': 'port = 80\n', 'c/b.conf': '# the port = 81\n', 'c/c.conf': 'host=x\n' },
    check: true,
  },
  {
    name: 'find: use_regex matches names from their start, age in both directions',
    tasks: `    - find: { paths: "{{ root }}/r", patterns: '^app-(?P<n>\\d+)', use_regex: true }
      register: rx
    - find: { paths: "{{ root }}/r", age: "-1d" }
      register: young
    - find: { paths: "{{ root }}/r", age: "2w" }
      register: old
    - copy: { content: "rx={{ rx.matched }} young={{ young.matched }} old={{ old.matched }}\\n", dest: "{{ root }}/count" }
`,
    files: { 'r/app-1.tar': '1', 'r/app-22': '2', 'r/my-app-3': '3', 'r/app-x': 'x' },
    check: true,
  },
  {
    name: 'find: a path that is no folder is skipped, the others searched',
    tasks: `    - find: { paths: "{{ root }}/missing,{{ root }}/f" }
      register: r
    - copy: { content: "{{ r.msg }} matched={{ r.matched }}\\n", dest: "{{ root }}/count" }
`,
    files: { 'f/x': 'x\n' },
    check: true,
  },
  {
    name: 'find: an age Ansible cannot read',
    tasks: `    - find: { paths: "{{ root }}", age: "3 days" }
`,
    differs: {
      reason: 'bad input gets a file:line:col error before any host is touched',
      ansible: { statuses: ['failed'] },
      bcPlay: { error: /age/ },
    },
  },
];

parityTests(CASES);
