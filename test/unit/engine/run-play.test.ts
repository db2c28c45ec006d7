import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isSelected, serialBatches } from '../../../lib/engine/run-play.js';
import type { Task } from '../../../lib/playbook/types.js';

const task = (tags: string[]) => ({ tags }) as unknown as Task;

test('serial splits hosts into batches of a number, a percentage, or a list whose last size repeats', () => {
  const hosts = ['a', 'b', 'c', 'd', 'e'];
  assert.equal(serialBatches(hosts, undefined), [hosts]);
  assert.equal(serialBatches(hosts, 2), [['a', 'b'], ['c', 'd'], ['e']]);
  assert.equal(serialBatches(hosts, '40%'), [['a', 'b'], ['c', 'd'], ['e']]);
  assert.equal(serialBatches(hosts, [1, 3]), [['a'], ['b', 'c', 'd'], ['e']]);
  assert.equal(serialBatches(hosts, '10%'), [['a'], ['b'], ['c'], ['d'], ['e']]);
});

test('--tags selects tasks with a listed tag or always, never only when named; --skip-tags wins', () => {
  const cases: Array<[string[], string[], string[], boolean]> = [
    [[], [], [], true],
    [['web'], ['web'], [], true],
    [['db'], ['web'], [], false],
    [['always'], ['web'], [], true],
    [['web'], ['web'], ['web'], false],
    [['web', 'db'], [], ['db'], false],
    [['x'], ['all'], [], true],
    // Ansible: `never` runs only when --tags names never or another of its tags.
    [['never'], [], [], false],
    [['never', 'debug'], ['all'], [], false],
    [['never', 'debug'], ['debug'], [], true],
    [['never'], ['never'], [], true],
    [['never', 'debug'], ['debug'], ['never'], false],
  ];
  for (const [own, tags, skip, expected] of cases) {
    assert.is(isSelected(task(own), tags, skip), expected, `tags ${own} with --tags ${tags} --skip-tags ${skip}`);
  }
});

test.run();
