import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRedis } from '../shared/redis.js';
import { FAST_FLOW, waitForApplied } from '../test-support/flow.js';
import { startStack, quietLog, type ServiceProcess, type Stack } from '../test-support/stack.js';
import { eventCounts, figureMismatches, runWorkload } from '../test-support/workload.js';

let stack: Stack;
test.before(async () => {
  stack = await startStack();
});
test.after(async () => stack.stop());

const EVENTS = 4000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('relay and workers killed at random, Redis flushed and replayed: 0 events lost, 0 applied twice', async () => {
  const env = { ...FAST_FLOW, RELAY_BATCH_SIZE: '50', WORKER_BATCH_SIZE: '25' };
  const roles: [string, string][] = [['outbox-relay', 'relay-a'], ['outbox-relay', 'relay-b'], ['engines-worker', 'worker-a'], ['engines-worker', 'worker-b']];
  const procs: ServiceProcess[] = roles.map(([service]) => stack.start(service, env));
  let kills = 0;
  let generating = true;
  const chaos = (async () => {
    while (generating) {
      await sleep(100 + Math.random() * 300);
      const slot = Math.floor(Math.random() * procs.length);
      await procs[slot]!.kill('SIGKILL');
      kills += 1;
      await sleep(Math.random() * 200);
      procs[slot] = stack.start(roles[slot]![0], env);
    }
  })();
  const half = runWorkload(stack.db, [stack.tenants.alpha!.id, stack.tenants.beta!.id], EVENTS / 2, 4);
  await half;
  const redis = createRedis(stack.redisUrl, quietLog);
  await redis.flushall();
  redis.disconnect();
  await runWorkload(stack.db, [stack.tenants.alpha!.id, stack.tenants.beta!.id], EVENTS / 2, 4);
  generating = false;
  await chaos;

  const replay = stack.start('outbox-relay', {}, ['replay']);
  assert.is(await replay.exited, 0, replay.output());
  const counts = await waitForApplied(stack.db, 60_000);
  assert.ok(kills >= 10, `only ${kills} kills`);
  assert.is(counts.outbox, EVENTS);
  assert.equal(await eventCounts(stack.db), { lost: 0, applied: EVENTS }, 'events lost, events applied (more means applied twice)');
  assert.equal(await figureMismatches(stack.db), []);
});

test.run();
