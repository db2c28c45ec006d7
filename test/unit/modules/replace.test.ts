import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replaceModule, type ReplaceArgs } from '../../../lib/modules/replace.js';
import { acceptsArgs, checkPlan, textFileFacts, type PlanCase } from './support/plan-fixture.js';

const P = '/etc/app.conf';
const withText = (content: string) => textFileFacts(P, content);
const missing = { identity: { user: 'root', group: 'root' }, [`file:${P}`]: { exists: false }, [`content:${P}`]: { exists: false, content: '', unread: null } };

const cases: (PlanCase<ReplaceArgs> & { after?: string })[] = [
  {
    name: 'replaces every match, with ^ anchored at each line',
    args: { path: P, regexp: '^Listen 80$', replace: 'Listen 8080' },
    facts: withText('Listen 80\nx\nListen 80\n'),
    summaries: [`replace 2 matches of /^Listen 80$/ in ${P}`],
    after: 'Listen 8080\nx\nListen 8080\n',
  },
  {
    name: 'fills in \\1 and \\g<name> from the match',
    args: { path: P, regexp: '^(?P<k>\\w+)=(\\d+)$', replace: '\\g<k>: \\2' },
    facts: withText('a=1\nb=2\n'),
    after: 'a: 1\nb: 2\n',
  },
  {
    name: 'reports no change when nothing matches',
    args: { path: P, regexp: '^nothing' },
    facts: withText('a\n'),
    summaries: [],
    reason: `${P} has no match of /^nothing/ to replace`,
  },
  {
    name: 'reports no change when the replacement equals the match',
    args: { path: P, regexp: 'a', replace: 'a' },
    facts: withText('a\n'),
    summaries: [],
  },
  {
    name: 'removes matches when replace is not given',
    args: { path: P, regexp: ' *# .*$' },
    facts: withText('a # x\nb\n'),
    after: 'a\nb\n',
  },
  {
    name: 'only replaces between the first match of after and the next match of before',
    args: { path: P, regexp: '^v$', replace: 'w', after: '\\[s\\]', before: '\\[e\\]' },
    facts: withText('v\n[s]\nv\nv\n[e]\nv\n[e]\nv\n'),
    after: 'v\n[s]\nw\nw\n[e]\nv\n[e]\nv\n',
  },
  {
    name: 'with before alone, replaces up to its last match',
    args: { path: P, regexp: '^v$', replace: 'w', before: '\\[e\\]' },
    facts: withText('v\n[e]\nv\n[e]\nv\n'),
    after: 'w\n[e]\nw\n[e]\nv\n',
  },
  {
    name: 'changes nothing when after matches nothing',
    args: { path: P, regexp: 'v', replace: 'w', after: 'nope' },
    facts: withText('v\n'),
    summaries: [],
  },
  {
    name: 'fails on a missing file, as Ansible does',
    args: { path: P, regexp: 'v' },
    facts: missing,
    throws: /does not exist/,
  },
  {
    name: 'names the argument holding a bad regular expression',
    args: { path: P, regexp: '(' },
    facts: withText('v\n'),
    throws: /regexp is not a valid/,
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(replaceModule, c);
    if (c.after !== undefined) assert.is(String(plan?.changes[0].stdin), c.after);
  });
}

test('schema requires path and regexp, and refuses backup: true', () => {
  assert.ok(acceptsArgs(replaceModule as never, { path: P, regexp: 'x', backup: false }));
  assert.not.ok(acceptsArgs(replaceModule as never, { path: P }));
  assert.not.ok(acceptsArgs(replaceModule as never, { path: P, regexp: 'x', backup: true }));
});

test.run();
