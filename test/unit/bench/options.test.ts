import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseBenchArgs } from '../../../bench/options.js';

test('without arguments every scenario runs five times at 100 hosts', () => {
  assert.equal(parseBenchArgs([]), { scenarios: [1, 2, 3, 4], reps: 5, hosts: 100, smoke: false });
});

test('the smoke run keeps only the loopback scenarios, once, at four hosts at most', () => {
  assert.equal(parseBenchArgs(['--smoke', '--reps', '9']), { scenarios: [2, 4], reps: 1, hosts: 4, smoke: true });
});

test('scenarios are deduplicated and sorted', () => {
  assert.equal(parseBenchArgs(['--scenarios', '4,2,4']).scenarios, [2, 4]);
});

for (const [argv, message] of [
  [['--scenarios', '5'], '--scenarios takes a list of 1, 2, 3, 4, not "5"'],
  [['--reps', '0'], '--reps takes a whole number from 1 to 100, not "0"'],
  [['--hosts', '300'], '--hosts takes a whole number from 1 to 254, not "300"'],
  [['--reps'], '--reps needs a value'],
  [['--fast'], 'unknown argument "--fast"'],
] as const) {
  test(`refuses ${argv.join(' ')} with the usage`, () => {
    assert.throws(() => parseBenchArgs([...argv]), (e: Error) => e.message.startsWith(message) && e.message.includes('usage: node dist/bench/run.js'));
  });
}

test.run();
