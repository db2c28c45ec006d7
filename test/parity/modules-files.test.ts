// Parity with ansible-core for the file modules of issue 12 (replace, slurp, file's recurse and links).
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
  {
    name: 'replace: before alone ends at its last match',
    tasks: `    - replace: { path: "{{ root }}/b", regexp: "^v$", replace: "w", before: '\\[e\\]' }
`,
    files: { b: 'v\n[e]\nv\n[e]\nv\n' },
    check: true,
  },
  {
    name: 'replace: after alone starts after its first match',
    tasks: `    - replace: { path: "{{ root }}/b", regexp: "^v$", replace: "w", after: '\\[s\\]' }
`,
    files: { b: 'v\n[s]\nv\n[s]\nv\n' },
    check: true,
  },
  {
    name: 'replace: removal when replace is not given',
    tasks: `    - replace: { path: "{{ root }}/c", regexp: " *# .*$" }
`,
    files: { c: 'a # x\nb\nc # y\n' },
    check: true,
  },
  {
    name: 'replace: a file without a final newline keeps it missing',
    tasks: `    - replace: { path: "{{ root }}/nl", regexp: "a", replace: "b" }
`,
    files: { nl: 'x\na' },
    check: true,
  },
  {
    name: 'replace: a multiline match spanning lines',
    tasks: `    - replace: { path: "{{ root }}/m", regexp: "one\\ntwo", replace: "both" }
`,
    files: { m: 'one\ntwo\nthree\n' },
    check: true,
  },
  {
    name: 'replace: with mode and a loop of edits',
    tasks: `    - replace: { path: "{{ root }}/l", regexp: "{{ item }}", replace: "X", mode: "0640" }
      loop: [a, b, c]
`,
    files: { l: 'a b\nc d\n' },
    check: true,
  },
  {
    name: 'replace: registered result says changed, used by when',
    tasks: `    - replace: { path: "{{ root }}/r", regexp: "^old$", replace: "new" }
      register: r
    - copy: { content: "edited\\n", dest: "{{ root }}/flag" }
      when: r.changed
`,
    files: { r: 'old\n' },
  },
  {
    name: 'slurp: a file in a subdirectory, written back elsewhere',
    tasks: `    - slurp: { src: "{{ root }}/d/e/f" }
      register: s
    - copy: { content: "{{ s.content }}\\n", dest: "{{ root }}/o" }
`,
    files: { 'd/e/f': 'a b c\nline two\n' },
  },
  {
    name: 'slurp: a directory fails',
    tasks: `    - slurp: { src: "{{ root }}/d" }
      ignore_errors: true
`,
    files: { 'd/x': 'x\n' },
  },
  {
    name: 'slurp: in check mode it still reads',
    tasks: `    - slurp: { src: "{{ root }}/h" }
`,
    files: { h: 'web1\n' },
    check: true,
  },
  {
    name: 'replace: a second task with the same edit changes nothing',
    tasks: `    - replace: { path: "{{ root }}/t", regexp: "^a$", replace: "b" }
    - replace: { path: "{{ root }}/t", regexp: "^a$", replace: "b" }
`,
    files: { t: 'a\na\n' },
  },
  {
    name: 'replace: validate passes, the edit is written',
    tasks: `    - replace: { path: "{{ root }}/v", regexp: "^old$", replace: "new", validate: "grep -q new %s" }
`,
    files: { v: 'old\n' },
  },
  {
    name: 'replace: validate fails, the old file stays',
    tasks: `    - replace: { path: "{{ root }}/v", regexp: "^old$", replace: "bad", validate: "grep -q new %s" }
      ignore_errors: true
`,
    files: { v: 'old\n' },
  },
  {
    name: 'replace: the whole match with \\g<0>, and dollar signs taken literally',
    tasks: `    - replace: { path: "{{ root }}/g", regexp: '^(port)=(\\d+)$', replace: '\\g<0> # was $1 \\1' }
`,
    files: { g: 'port=80\nx=1\n' },
    check: true,
  },
  {
    name: 'replace: a replacement that adds lines',
    tasks: `    - replace: { path: "{{ root }}/n", regexp: "^both$", replace: "one\\ntwo" }
`,
    files: { n: 'both\nend\n' },
    check: true,
  },
  {
    name: 'replace: unicode text',
    tasks: `    - replace: { path: "{{ root }}/u", regexp: "café", replace: "thé" }
`,
    files: { u: 'un café\ndeux cafés\n' },
    check: true,
  },
  {
    name: 'replace: empty lines matched by ^$ in the middle of a file',
    tasks: `    - replace: { path: "{{ root }}/e", regexp: "^\\n", replace: "" }
`,
    files: { e: 'a\n\nb\n\n\nc\n' },
    check: true,
  },
  {
    name: 'slurp: a loop over two files',
    tasks: `    - slurp: { src: "{{ root }}/{{ item }}" }
      loop: [a, b]
      register: s
    - copy: { content: "{{ s.results[0].content }} {{ s.results[1].content }}\\n", dest: "{{ root }}/o" }
`,
    files: { a: 'one\n', b: 'two\n' },
  },
  {
    name: 'file recurse: the mode and owner reach every file and directory below, once',
    tasks: `    - file: { path: "{{ root }}/d", state: directory, mode: "0750", recurse: true }
    - file: { path: "{{ root }}/e", state: directory, mode: "0700", recurse: true }
`,
    files: { 'd/a': 'a\n', 'd/s/b': 'b\n', 'd/s/t/c': 'c\n' },
    check: true,
  },
  {
    name: 'file state link: a missing src fails without force, force makes the dangling link',
    tasks: `    - file: { path: "{{ root }}/l", state: link, src: "{{ root }}/missing" }
      ignore_errors: true
    - file: { path: "{{ root }}/rel", state: link, src: missing }
      ignore_errors: true
    - file: { path: "{{ root }}/f", state: link, src: "{{ root }}/missing", force: true }
    - file: { path: "{{ root }}/ok", state: link, src: there }
`,
    files: { there: 'x\n' },
    check: true,
  },
  {
    name: 'file state link in --check to a src an earlier task only predicted: predicted; Ansible fails it',
    tasks: `    - copy: { content: "x\\n", dest: "{{ root }}/made" }
    - file: { path: "{{ root }}/l", state: link, src: "{{ root }}/made" }
`,
    check: true,
    differs: {
      reason: 'check mode predicts what the real run does: facts are updated by predicted effects',
      ansible: { statuses: ['changed', 'failed'], absent: ['made', 'l'] },
      bcPlay: { statuses: ['changed', 'changed'], absent: ['made', 'l'] },
    },
  },
];

parityTests(CASES);
