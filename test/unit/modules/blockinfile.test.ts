import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blockinfileModule, type BlockinfileArgs } from '../../../lib/modules/blockinfile.js';
import { acceptsArgs, checkPlan, textFileFacts, type PlanCase } from './support/plan-fixture.js';

const P = '/etc/hosts';
const B = '# BEGIN ANSIBLE MANAGED BLOCK';
const E = '# END ANSIBLE MANAGED BLOCK';
const withText = (content: string) => textFileFacts(P, content);

const cases: (PlanCase<BlockinfileArgs> & { after?: string })[] = [
  {
    name: 'appends a new block framed by the default markers',
    args: { path: P, block: '10.0.0.1 db\n10.0.0.2 cache\n' },
    facts: withText('127.0.0.1 localhost\n'),
    summaries: [`add block "${B}" (2 lines) to ${P} at line 2`],
    after: `127.0.0.1 localhost\n${B}\n10.0.0.1 db\n10.0.0.2 cache\n${E}\n`,
  },
  {
    name: 'replaces the text between existing markers in place',
    args: { path: P, block: 'new' },
    facts: withText(`a\n${B}\nold\nolder\n${E}\nz\n`),
    summaries: [`update block "${B}" in ${P} (1 lines)`],
    after: `a\n${B}\nnew\n${E}\nz\n`,
  },
  {
    name: 'reports no change when the block is already as wanted',
    args: { path: P, block: 'same\n' },
    facts: withText(`${B}\nsame\n${E}\n`),
    summaries: [],
    reason: `${P} already has block "${B}" as wanted`,
  },
  {
    name: 'removes the block with its markers',
    args: { path: P, state: 'absent' },
    facts: withText(`a\n${B}\nx\n${E}\nz\n`),
    summaries: [`remove block "${B}" (1 lines) from ${P}`],
    after: 'a\nz\n',
  },
  {
    name: 'treats an empty block as absent',
    args: { path: P, block: '' },
    facts: withText(`${B}\nx\n${E}\n`),
    after: '',
  },
  {
    name: 'reports no change when the block to remove is not there',
    args: { path: P, state: 'absent' },
    facts: withText('a\n'),
    summaries: [],
    reason: `${P} has no block "${B}"`,
  },
  {
    name: 'uses a custom marker with custom begin and end words',
    args: { path: '/etc/nginx/x.conf', block: 'gzip on;', marker: '// {mark} gzip', marker_begin: 'start', marker_end: 'stop', create: true },
    facts: {
      identity: { user: 'root', group: 'root' },
      'file:/etc/nginx/x.conf': { exists: false },
      'content:/etc/nginx/x.conf': { exists: false, content: '', unread: null },
    },
    after: '// start gzip\ngzip on;\n// stop gzip\n',
  },
  {
    name: 'inserts before the last line matching insertbefore',
    args: { path: P, block: 'b', insertbefore: '^z' },
    facts: withText('a\nz\n'),
    after: `a\n${B}\nb\n${E}\nz\n`,
  },
  {
    name: 'inserts after the last line matching insertafter',
    args: { path: P, block: 'b', insertafter: '^a' },
    facts: withText('a\nz\n'),
    after: `a\n${B}\nb\n${E}\nz\n`,
  },
];

for (const c of cases) {
  test(c.name, () => {
    const plan = checkPlan(blockinfileModule, c);
    if (c.after !== undefined) assert.is(String(plan?.changes[0].stdin), c.after);
  });
}

test('schema rejects a marker without {mark}', () => {
  assert.is(acceptsArgs(blockinfileModule as never, { path: '/x', block: 'a', marker: '# managed' }), false);
  assert.is(acceptsArgs(blockinfileModule as never, { path: '/x', block: 'a', marker: '; {mark} php' }), true);
});

test.run();
