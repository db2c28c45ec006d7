// Scenario 4 of the topology's scaling (a processing backlog): two engines workers in one consumer
// group, as bc-engines-worker@1 and @2 run them on the infra host. Each applies a share; one
// SIGKILLed while it holds delivered, unacknowledged entries leaves them pending, and the other
// takes them over with XAUTOCLAIM once they are CLAIM_IDLE_MS idle. Real PostgreSQL, Redis and
// service processes; `engines-worker status` shows the lag and pending counts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from '../shared/redis.js';
import { FAST_FLOW, waitForApplied } from '../test-support/flow.js';
import { withStackAndRedis, type Stack } from '../test-support/stack.js';
import { killWhileHolding, pendingOf, startCountedWorker } from '../test-support/workers.js';
import { eventCounts, figureMismatches, runWorkload } from '../test-support/workload.js';
import { waitFor } from '../../test/support/ports.js';

let stack: Stack;
let redis: Redis;
withStackAndRedis(test, (s, r) => {
  stack = s;
  redis = r;
});

const EVENTS = 3000;
const CLAIM_IDLE_MS = 3000;
const STREAM = 'bc:events';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pending = (consumer: string) => pendingOf(redis, STREAM, 'engines', consumer);
const worker = (name: string) => startCountedWorker(stack, { ...FAST_FLOW, CLAIM_IDLE_MS: String(CLAIM_IDLE_MS), WORKER_BATCH_SIZE: '25', CONSUMER_NAME: name });

test('two workers share the stream; one SIGKILLed mid-stream, the other reclaims its pending entries: 0 lost, 0 applied twice', async () => {
  const relay = stack.start('outbox-relay', FAST_FLOW);
  const first = worker('infra1-1');
  const second = worker('infra1-2');
  const load = runWorkload(stack.db, [stack.tenants.alpha!.id, stack.tenants.beta!.id], EVENTS, 4);
  await waitFor('worker 1 to apply a share of the stream first (mid-stream)', async () => first.counts.applied >= 50, 15_000, 5);
  const { held, killedAt } = await killWhileHolding(first, () => worker('infra1-1'), () => pending('infra1-1'));
  const status = stack.start('engines-worker', {}, ['status']);
  assert.is(await status.exited, 0, status.output());
  assert.match(status.output(), new RegExp(`^  infra1-1: pending ${held}, idle \\d+\\.\\d s$`, 'm'), `the dead consumer shows with its pending entries:\n${status.output()}`);
  while ((await pending('infra1-1')) > 0) await sleep(10);
  const takeover = Date.now() - killedAt;
  process.stdout.write(`# worker 1 SIGKILLed holding ${held} pending entries; worker 2 took them over in ${takeover} ms (CLAIM_IDLE_MS ${CLAIM_IDLE_MS}); worker 1 had applied ${first.counts.applied}\n`);
  await load;
  const counts = await waitForApplied(stack.db, 60_000);
  await Promise.all([relay.kill(), second.proc.kill()]);

  assert.ok(takeover >= CLAIM_IDLE_MS * 0.5 && takeover <= CLAIM_IDLE_MS * 1.5 + 1000, `takeover ${takeover} ms: idle ${CLAIM_IDLE_MS} ms, checked every ${CLAIM_IDLE_MS / 2} ms`);
  assert.ok(second.counts.reclaimed >= held, `worker 2 reclaimed ${second.counts.reclaimed} of the ${held} left pending`);
  assert.ok(second.counts.applied > 0, `each applied a share: worker 1 ${first.counts.applied}, worker 2 ${second.counts.applied}`);
  assert.is(counts.outbox, EVENTS);
  assert.equal(await eventCounts(stack.db), { lost: 0, applied: EVENTS }, 'events lost, events applied (more means applied twice)');
  assert.equal(await figureMismatches(stack.db), []);
  assert.is((await pending('infra1-2')), 0);
});

test('status shows every consumer group\'s lag and pending count and each consumer\'s share', async () => {
  const stream = 'bc:status-test';
  for (let i = 0; i < 5; i++) await redis.xadd(stream, '*', 'n', String(i));
  await redis.xgroup('CREATE', stream, 'engines', '0');
  await redis.xgroup('CREATE', stream, 'reports', '0');
  await redis.xreadgroup('GROUP', 'engines', 'infra1-1', 'COUNT', 2, 'STREAMS', stream, '>');
  const status = stack.start('engines-worker', { EVENT_STREAM: stream }, ['status']);
  assert.is(await status.exited, 0, status.output());
  assert.match(status.output(), /^stream bc:status-test: 5 entries, 2 consumer groups\ngroup engines: lag 3, pending 2, 1 consumer\n  infra1-1: pending 2, idle \d+\.\d s\ngroup reports: lag 5, pending 0, 0 consumers\n$/);
});

test('status of a stream nobody wrote yet says so', async () => {
  const status = stack.start('engines-worker', { EVENT_STREAM: 'bc:never-written' }, ['status']);
  assert.is(await status.exited, 0, status.output());
  assert.is(status.output(), 'stream bc:never-written: 0 entries, 0 consumer groups\n');
});

test.run();
