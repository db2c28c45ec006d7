import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupModule, type GroupArgs } from '../../../lib/modules/group.js';
import type { GroupState } from '../../../lib/facts/users.js';
import { argsError, commands, planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const www: GroupState = { name: 'www', gid: 1200 };

const cases: [string, GroupArgs, GroupState | null, string[], GroupState | null | undefined][] = [
  ['creates a missing group', { name: 'www' }, null, ['groupadd www'], { name: 'www', gid: null }],
  ['creates a system group with a gid', { name: 'www', gid: 990, system: true }, null, ['groupadd -g 990 -r www'], { name: 'www', gid: 990 }],
  ['reports no change when the group exists', { name: 'www' }, www, [], undefined],
  ['changes the gid of an existing group', { name: 'www', gid: 1300 }, www, ['groupmod -g 1300 www'], { name: 'www', gid: 1300 }],
  ['removes a group', { name: 'www', state: 'absent' }, www, ['groupdel www'], null],
  ['reports no change when removing a missing group', { name: 'www', state: 'absent' }, null, [], undefined],
];

for (const [name, args, now, expected, predicted] of cases) {
  test(name, () => {
    const plan = planWith(groupModule, args, { 'group:www': now });
    assert.equal(commands(plan), expected);
    // Which name the group's id shows under changes with it (files, members): every account fact hears of it.
    if (predicted !== undefined) assert.equal(describeEffects(plan.changes[0].effects), [{ key: 'group:www', value: predicted }, { touch: 'accounts:names', cause: 'accounts' }]);
  });
}

test('says the gid when nothing needs doing', () => {
  assert.is(planWith(groupModule, { name: 'www' }, { 'group:www': www }).reason, 'group www exists (gid 1200)');
});

test('schema rejects a gid that is not a number', () => {
  assert.is(argsError(groupModule as never, 'name: www\ngid: abc\n'), 'arguments of group: "gid" must be an integer');
});

test.run();
