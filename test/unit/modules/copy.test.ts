import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyModule, type CopyArgs } from '../../../lib/modules/copy.js';
import { acceptsArgs, checkPlan, type PlanCase } from './support/plan-fixture.js';

const root = { identity: { user: 'root', group: 'root' } };
const HELLO_SHA = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
const hello = { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 6, sha256: HELLO_SHA };

const cases: PlanCase<CopyArgs>[] = [
  {
    name: 'writes a missing file atomically through a temp file in the same directory',
    args: { dest: '/etc/motd', content: 'hello\n' },
    facts: { ...root, 'file:/etc/motd': { exists: false } },
    summaries: ['create /etc/motd (6 bytes, mode 0644, owner root:root)'],
    commands: [['tmp=$(mktemp -- /etc/.motd.bc-play-XXXXXX)', 'cat > "$tmp" && chmod -- 0644 "$tmp"; }', 'mv -f -- "$tmp" /etc/motd']],
    stdin: 'hello\n',
    effects: [
      [
        { key: 'file:/etc/motd', value: hello },
        { key: 'content:/etc/motd', value: { exists: true, content: 'hello\n', unread: null } },
      ],
    ],
  },
  {
    name: 'reports no change when content and mode already match',
    args: { dest: '/etc/motd', content: 'hello\n', mode: '644' },
    facts: { ...root, 'file:/etc/motd': hello },
    summaries: [],
    reason: '/etc/motd already has the wanted content and mode 0644, owner root:root',
  },
  {
    name: 'only chmods when the content already matches',
    args: { dest: '/etc/motd', content: 'hello\n', mode: '0600' },
    facts: { ...root, 'file:/etc/motd': hello },
    summaries: ['set mode 0600 on /etc/motd'],
    reason: '/etc/motd already has the wanted content',
  },
  {
    name: 'keeps the mode and owner of the file it replaces, chowning the temp file to them',
    args: { dest: '/etc/app.conf', content: 'new\n' },
    facts: { ...root, 'file:/etc/app.conf': { ...hello, mode: '0640', owner: 'app', group: 'adm' } },
    summaries: ['update /etc/app.conf (4 bytes, mode 0640, owner app:adm)'],
    commands: [['chmod -- 0640 "$tmp" && chown -- app:adm "$tmp"']],
  },
  {
    name: 'validates the temp file before the rename and keeps the old file on failure',
    args: { dest: '/etc/sudoers.d/deploy', content: 'deploy ALL=(ALL) NOPASSWD: ALL\n', mode: '0440', validate: 'visudo -cf %s' },
    facts: { ...root, 'file:/etc/sudoers.d/deploy': { exists: false } },
    commands: [['if ! ( visudo -cf "$tmp" ) 1>&2; then rm -f -- "$tmp"; echo', 'left unchanged', 'exit 1; fi\nmv -f -- "$tmp" /etc/sudoers.d/deploy']],
  },
  {
    name: 'reads src from the role files on the controller',
    args: { dest: '/etc/motd', src: 'motd' },
    files: { motd: 'hello\n' },
    facts: { ...root, 'file:/etc/motd': hello, 'file:/etc/motd/motd': { exists: false } },
    summaries: [],
  },
  {
    name: 'copies src into a dest that is an existing directory, under its own name (as Ansible)',
    args: { dest: '/etc/app', src: 'motd' },
    files: { motd: 'hello\n' },
    facts: { ...root, 'file:/etc/app': { exists: true, type: 'directory', mode: '0755', owner: 'root', group: 'root' }, 'file:/etc/app/motd': { exists: false } },
    summaries: ['create /etc/app/motd (6 bytes, mode 0644, owner root:root)'],
  },
  {
    name: 'shows the old and new text under --diff',
    args: { dest: '/etc/motd', content: 'bye\n' },
    diff: true,
    facts: { ...root, 'file:/etc/motd': hello, 'content:/etc/motd': { exists: true, content: 'hello\n', unread: null } },
    summaries: ['update /etc/motd (4 bytes, mode 0644, owner root:root)'],
  },
  {
    name: 'refuses to write over a directory',
    args: { dest: '/etc', content: 'x' },
    facts: { ...root, 'file:/etc': { exists: true, type: 'directory', mode: '0755', owner: 'root', group: 'root' } },
    throws: /\/etc is a directory, not a regular file/,
  },
];

for (const c of cases) test(`copy ${c.name}`, () => void checkPlan(copyModule, c));

test('copy puts a text diff on the change, and a note instead of binary content', () => {
  const facts = { ...root, 'file:/etc/motd': hello, 'content:/etc/motd': { exists: true, content: 'hello\n', unread: null } };
  const text = checkPlan(copyModule, { name: 'text', args: { dest: '/etc/motd', content: 'bye\n' }, diff: true, facts });
  assert.equal(text?.changes[0].diff, { path: '/etc/motd', before: 'hello\n', after: 'bye\n' });
  const binary = checkPlan(copyModule, { name: 'binary', args: { dest: '/etc/motd', content: 'a\u0000b' }, diff: true, facts });
  assert.equal(binary?.changes[0].diff, { path: '/etc/motd', before: '(binary or large file: not shown)', after: '(binary or large content, 3 bytes: not shown)' });
});

const schemaRows: [string, unknown, boolean][] = [
  ['accepts content with a quoted mode', { dest: '/x', content: '', mode: '0644' }, true],
  ['accepts src with owner and group', { dest: '/x', src: 'f', owner: 'www-data', group: 'adm' }, true],
  ['rejects both content and src', { dest: '/x', content: 'a', src: 'f' }, false],
  ['rejects neither content nor src', { dest: '/x' }, false],
  ['rejects a numeric mode', { dest: '/x', content: '', mode: 644 }, false],
  ['rejects a symbolic mode', { dest: '/x', content: '', mode: 'u=rw' }, false],
  ['rejects unknown keys', { dest: '/x', content: '', backup: true }, false],
];
for (const [name, args, ok] of schemaRows) test(`copy schema ${name}`, () => assert.is(acceptsArgs(copyModule as never, args), ok));

test.run();
