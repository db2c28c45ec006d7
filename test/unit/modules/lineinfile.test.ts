import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineinfileModule, type LineinfileArgs } from '../../../lib/modules/lineinfile.js';
import { acceptsArgs, checkPlan, textFileFacts, type PlanCase } from './support/plan-fixture.js';

const P = '/etc/ssh/sshd_config';
const withText = (content: string) => textFileFacts(P, content);
const missing = { identity: { user: 'root', group: 'root' }, [`file:${P}`]: { exists: false }, [`content:${P}`]: { exists: false, content: '', unread: null } };

const cases: (PlanCase<LineinfileArgs> & { after?: string })[] = [
  {
    name: 'replaces the last line matching regexp',
    args: { path: P, regexp: '^#?PermitRootLogin', line: 'PermitRootLogin no' },
    facts: withText('PermitRootLogin yes\nPort 22\n#PermitRootLogin prohibit-password\n'),
    summaries: [`replace line 3 of ${P} ("#PermitRootLogin prohibit-password") with "PermitRootLogin no"`],
    after: 'PermitRootLogin yes\nPort 22\nPermitRootLogin no\n',
  },
  {
    name: 'reports no change when the matching line already is the line',
    args: { path: P, regexp: '^PermitRootLogin', line: 'PermitRootLogin no' },
    facts: withText('PermitRootLogin no\n'),
    summaries: [],
    reason: `${P} already has the line "PermitRootLogin no"`,
  },
  {
    name: 'reports no change when nothing matches regexp but the line is there',
    args: { path: P, regexp: '^NoSuch', line: 'Port 22' },
    facts: withText('Port 22'),
    summaries: [],
  },
  {
    name: 'appends at the end by default, ending the old last line',
    args: { path: P, line: 'Port 2222' },
    facts: withText('Port 22'),
    summaries: [`add "Port 2222" to ${P} at line 2`],
    after: 'Port 22\nPort 2222\n',
  },
  {
    name: 'inserts after the last line matching insertafter',
    args: { path: P, line: 'b2', insertafter: '^b' },
    facts: withText('a\nb\nc\nb\nd\n'),
    after: 'a\nb\nc\nb\nb2\nd\n',
  },
  {
    name: 'inserts before the last line matching insertbefore',
    args: { path: P, line: 'x', insertbefore: '^c' },
    facts: withText('a\nc\n'),
    after: 'a\nx\nc\n',
  },
  {
    name: 'inserts at the top with insertbefore BOF',
    args: { path: P, line: '# managed', insertbefore: 'BOF' },
    facts: withText('a\n'),
    after: '# managed\na\n',
  },
  {
    name: 'appends when insertafter matches nothing',
    args: { path: P, line: 'z', insertafter: '^nothing' },
    facts: withText('a\n'),
    after: 'a\nz\n',
  },
  {
    name: 'removes every line matching regexp',
    args: { path: P, regexp: '^X11', state: 'absent' },
    facts: withText('X11Forwarding yes\nPort 22\nX11UseLocalhost no\n'),
    summaries: [`remove 2 lines matching /^X11/ from ${P}`],
    after: 'Port 22\n',
  },
  {
    name: 'removes lines equal to line without regexp',
    args: { path: P, line: 'Port 22', state: 'absent' },
    facts: withText('Port 22\nPort 2222\n'),
    after: 'Port 2222\n',
  },
  {
    name: 'reports no change when no line is to be removed',
    args: { path: P, regexp: '^X11', state: 'absent' },
    facts: withText('Port 22\n'),
    summaries: [],
    reason: `${P} has no line matching /^X11/`,
  },
  {
    name: 'reports no change for absent on a missing file',
    args: { path: P, line: 'x', state: 'absent' },
    facts: missing,
    summaries: [],
    reason: `${P} does not exist: ${P} has no line "x"`,
  },
  {
    name: 'creates a missing file with create',
    args: { path: P, line: 'Port 22', create: true, mode: '0600' },
    facts: missing,
    summaries: [`add "Port 22" to ${P} at line 1`],
    after: 'Port 22\n',
  },
  {
    name: 'fails on a missing file without create',
    args: { path: P, line: 'Port 22' },
    facts: missing,
    throws: /sshd_config does not exist/,
  },
  {
    name: 'fails on a bad regular expression, naming the argument',
    args: { path: P, line: 'x', regexp: '(' },
    facts: withText('a\n'),
    throws: /regexp is not a valid JavaScript regular expression/,
  },
  {
    name: 'fails on a file too large to edit as text',
    args: { path: P, line: 'x' },
    facts: { ...withText(''), [`content:${P}`]: { exists: true, content: '', unread: 'too large' } },
    throws: /cannot edit .* as text: it is too large/,
  },
  {
    name: 'only sets the mode when the line is already there',
    args: { path: P, line: 'a', mode: '0600' },
    facts: withText('a\n'),
    summaries: [`set mode 0600 on ${P}`],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(lineinfileModule, c);
    if (c.after !== undefined) assert.is(String(plan?.changes[0].stdin), c.after);
  });
}

const schemaRows: [string, unknown, boolean][] = [
  ['requires line with state present', { path: '/x', regexp: 'a' }, false],
  ['accepts absent with only regexp', { path: '/x', regexp: 'a', state: 'absent' }, true],
  ['rejects absent with neither regexp nor line', { path: '/x', state: 'absent' }, false],
  ['rejects insertafter together with insertbefore', { path: '/x', line: 'a', insertafter: 'EOF', insertbefore: 'BOF' }, false],
  ['rejects a line with a newline', { path: '/x', line: 'a\nb' }, false],
];
for (const [name, args, ok] of schemaRows) test(`schema ${name}`, () => assert.is(acceptsArgs(lineinfileModule as never, args), ok));

test.run();
