import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertModule } from '../../../lib/modules/assert.js';
import { planWith } from './system-fixtures.js';

test('changes nothing when every condition holds', () => {
  assert.equal(planWith(assertModule, { that: [true, true], msg: 'x', success_msg: '44 of 50' }, {}), { changes: [], reason: '44 of 50' });
});

test('fails with the message, naming the condition that failed', () => {
  assert.throws(() => planWith(assertModule, { that: false, msg: 'sum 60 > 50' }, {}), /^sum 60 > 50$/);
  assert.throws(() => planWith(assertModule, { that: [true, false], msg: 'budget' }, {}), /budget \(condition 2 of 2\)/);
});

test.run();
