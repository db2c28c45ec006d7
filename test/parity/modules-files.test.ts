// Parity with ansible-core for the file modules of issue 12 (replace, slurp).
import { parityTests, type Case } from './harness.js';

const CASES: Case[] = [
  {
    name: 'replace: every match, then nothing on a rerun',
    tasks: `    - replace: { path: "{{ root }}/a.conf", regexp: "^Listen 80$", replace: "Listen 8080" }
`,
    files: { 'a.conf': 'Listen 80\nx\nListen 80\n' },
    check: true,
  },
  {
    name: 'replace: backreferences and named groups',
    tasks: `    - replace: { path: "{{ root }}/kv", regexp: '^(?P<k>\\w+)=(\\d+)$', replace: '\\g<k>: \\2' }
`,
    files: { kv: 'a=1\nb=2\n' },
    check: true,
  },
  {
    name: 'replace: between after and before',
    tasks: `    - replace: { path: "{{ root }}/s", regexp: "^v$", replace: "w", after: '\\[s\\]', before: '\\[e\\]' }
`,
    files: { s: 'v\n[s]\nv\nv\n[e]\nv\n[e]\nv\n' },
    check: true,
  },
  {
    name: 'replace: nothing matches, and mode set alone',
    tasks: `    - replace: { path: "{{ root }}/n", regexp: "^nothing$", replace: "x" }
    - replace: { path: "{{ root }}/n", regexp: "^nothing$", replace: "x", mode: "0600" }
`,
    files: { n: 'a\n' },
    check: true,
  },
  {
    name: 'replace: a missing file fails',
    tasks: `    - replace: { path: "{{ root }}/missing", regexp: "a" }
      ignore_errors: true
`,
  },
  {
    name: 'slurp: content registered as base64, used by a later copy',
    tasks: `    - slurp: { src: "{{ root }}/h" }
      register: s
    - copy: { content: "{{ s.content }} {{ s.encoding }}\\n", dest: "{{ root }}/out" }
`,
    files: { h: 'web1\n' },
  },
  {
    name: 'slurp: a missing file fails',
    tasks: `    - slurp: { src: "{{ root }}/missing" }
      ignore_errors: true
`,
  },
];

parityTests(CASES);
