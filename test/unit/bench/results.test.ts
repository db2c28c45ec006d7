import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aptTaskMs } from '../../../bench/bcplay.js';
import { median } from '../../../bench/measure.js';
import { mergeResults, renderResults, targetVerdicts, type ScenarioResult } from '../../../bench/results.js';

const scenario = (id: number, over: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id,
  title: `scenario ${id}`,
  targets: '3 loopback sshd endpoints',
  hosts: 3,
  tasks: 50,
  bcplayMs: [300, 100, 200],
  ansibleMs: [9000, 3000, 6000],
  machine: '2 vCPU',
  ...over,
});

test('the median of an even count is the mean of the middle two', () => {
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([5, 1, 3]), 3);
});

test('a row shows both medians and Ansible / bc-play as the ratio', () => {
  const text = renderResults({ scenarios: [scenario(2)] }, 'node dist/bench/run.js');
  assert.ok(text.includes('| 2. scenario 2 | 200 ms | 6000 ms | 30.0× | 2 vCPU |'), text);
});

test('a scenario that could not run says why instead of showing numbers', () => {
  const text = renderResults({ scenarios: [scenario(1, { notMeasured: 'the lab was busy' })] }, 'x');
  assert.ok(text.includes('| 1. scenario 1 | not measured | not measured | – | the lab was busy |'), text);
});

test('fresh numbers replace old ones, and a "not measured" never erases earlier numbers', () => {
  const old = { scenarios: [scenario(1), scenario(2)] };
  const merged = mergeResults(old, [scenario(1, { notMeasured: 'busy' }), scenario(2, { bcplayMs: [50] }), scenario(4)]);
  assert.equal(merged.scenarios.map((s) => [s.id, s.notMeasured, s.bcplayMs]), [
    [1, undefined, [300, 100, 200]],
    [2, undefined, [50]],
    [4, undefined, [300, 100, 200]],
  ]);
});

test('scenario 2 is judged per task per host, amortised over the whole run', () => {
  assert.match(targetVerdicts(scenario(2, { bcplayMs: [600] }))[0], /^≤ 5 ms per no-op task per host, amortised: 4\.0 ms = 600 ms \/ \(50 tasks × 3 hosts\) \(met\)/);
  assert.match(targetVerdicts(scenario(2, { bcplayMs: [900] }))[0], /6\.0 ms .*\(\*\*missed\*\*\)/);
});

test('scenario 4 is judged on wall time and on bc-play peak RSS', () => {
  const verdicts = targetVerdicts(scenario(4, { bcplayMs: [6000], memory: { bcplayOwnMb: 120, bcplayTreeMb: 100, ansibleOwnMb: 60, ansibleTreeMb: 900 } }));
  assert.equal(verdicts, ['≤ 5 s wall: 6000 ms (**missed**)', '≤ 300 MB peak RSS: 120 MB (met)']);
});

test('scenario 1 needs both ten times Ansible and at most 1.5 s', () => {
  assert.equal(targetVerdicts(scenario(1, { bcplayMs: [1400], ansibleMs: [20000] })), ['≥ 10× faster than Ansible: 14.3× (met)', '≤ 1.5 s wall: 1400 ms (met)']);
});

test('the apt share of a first converge is the slowest host of each apt task, summed', () => {
  const events = [
    { type: 'task-start', name: 'install', module: 'apt' },
    { type: 'host-result', host: 'a', durationMs: 9000 },
    { type: 'host-result', host: 'b', durationMs: 12000 },
    { type: 'task-start', name: 'config', module: 'template' },
    { type: 'host-result', host: 'a', durationMs: 50 },
    { type: 'task-start', name: 'more packages', module: 'apt' },
    { type: 'host-result', host: 'a', durationMs: 3000 },
  ];
  assert.is(aptTaskMs(events.map((e) => JSON.stringify(e)).join('\n')), 15000);
});

test('scenario 3 says how much of bc-play\'s first converge was not apt', () => {
  const [verdict] = targetVerdicts(scenario(3, { bcplayMs: [50000, 52000, 54000], bcplayAptMs: [40000, 41000, 42000] }));
  assert.match(verdict, /^bc-play's time on top of the package installs: 11\.0 s of 52\.0 s went to everything but the apt tasks \(those took 41\.0 s/);
});

test.run();
