import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from '../../shared/redis.js';
import { createLogger } from '../../shared/log.js';
import { toStreamFields } from '../../shared/events.js';
import { publishBatch } from '../../outbox-relay/src/publish-batch.js';
import { replay } from '../../outbox-relay/src/replay.js';
import { readWorkerSettings } from '../src/settings.js';
import { startConsumer } from '../src/consumer.js';
import { waitForApplied } from '../../test-support/flow.js';
import { waitFor } from '../../../test/support/ports.js';
import { quietLog, withStackAndRedis, type Stack } from '../../test-support/stack.js';
import { activityMismatches, eventCounts, figureMismatches, runWorkload } from '../../test-support/workload.js';

let stack: Stack;
let redis: Redis;
const STREAM = 'bc:events';
const target = { stream: STREAM, maxLen: 100_000, batchSize: 500 };

withStackAndRedis(test, (s, r) => {
  stack = s;
  redis = r;
});

const settings = (consumer: string, extra: Record<string, string> = {}) =>
  readWorkerSettings(stack.env({ CONSUMER_NAME: consumer, WORKER_BLOCK_MS: '50', ...extra }));
const tenantIds = () => [stack.tenants.alpha!.id, stack.tenants.beta!.id];
const publishAll = async () => {
  while ((await publishBatch(stack.db, redis, target)) > 0);
};
const groupLag = async (group: string) => {
  const info = ((await redis.xinfo('GROUPS', STREAM)) as unknown[][]).find((g) => g[1] === group)!;
  return Number(info[info.indexOf('lag') + 1]);
};
const applied = async () => Number((await stack.db.query('SELECT coalesce(sum(events_applied), 0) AS n FROM tenant_figures')).rows[0].n);

test('applies published events to the tenant and project figures', async () => {
  await runWorkload(stack.db, tenantIds(), 60);
  await publishAll();
  const worker = startConsumer(stack.db, redis, settings('w1'), quietLog);
  await waitForApplied(stack.db);
  await worker.stop();
  assert.equal(await figureMismatches(stack.db), []);
});

test('changes nothing when an event is delivered a second time', async () => {
  const before = await applied();
  const { rows } = await stack.db.query('SELECT id, tenant_id, event_type, payload, created_at FROM event_outbox ORDER BY id LIMIT 10');
  for (const r of rows) {
    await redis.xadd(STREAM, '*', ...toStreamFields({ id: Number(r.id), tenantId: r.tenant_id, createdAt: 0, event: { type: r.event_type, payload: r.payload } }));
  }
  const worker = startConsumer(stack.db, redis, settings('w1'), quietLog);
  await waitFor('the group to have read everything', async () => ((await redis.xpending(STREAM, 'engines')) as [number])[0] === 0 && (await groupLag('engines')) === 0);
  await worker.stop();
  assert.is(await applied(), before);
  assert.equal(await figureMismatches(stack.db), []);
});

test('reclaims entries a dead consumer left pending and applies them', async () => {
  await runWorkload(stack.db, tenantIds(), 30);
  await publishAll();
  const taken = await redis.xreadgroup('GROUP', 'engines', 'dead', 'COUNT', 1000, 'STREAMS', STREAM, '>');
  assert.ok(taken, 'the dead consumer took the new entries');
  const worker = startConsumer(stack.db, redis, settings('rescuer', { CLAIM_IDLE_MS: '200' }), quietLog);
  await waitForApplied(stack.db, 10_000);
  await waitFor('no pending entries', async () => ((await redis.xpending(STREAM, 'engines')) as [number])[0] === 0);
  await worker.stop();
  assert.equal(await figureMismatches(stack.db), []);
});

test('two workers in the same group share the load and apply each event once', async () => {
  const lines: string[] = [];
  const log = (name: string) => createLogger('engines-worker', 'debug', { consumer: name }, (l) => void lines.push(l));
  const workers = ['left', 'right'].map((name) => startConsumer(stack.db, redis, settings(name, { WORKER_BATCH_SIZE: '20' }), log(name)));
  await runWorkload(stack.db, tenantIds(), 2000, 6);
  await publishAll();
  await waitForApplied(stack.db);
  await Promise.all(workers.map((w) => w.stop()));
  const share = (name: string) => lines.map((l) => JSON.parse(l)).filter((l) => l.consumer === name && l.msg === 'batch applied').reduce((n, l) => n + l.applied, 0);
  assert.ok(share('left') > 0 && share('right') > 0, `left ${share('left')}, right ${share('right')}`);
  assert.equal(await figureMismatches(stack.db), []);
});

test('recreates its consumer group after Redis lost everything and keeps applying', async () => {
  const worker = startConsumer(stack.db, redis, settings('survivor'), quietLog);
  await redis.flushall();
  await runWorkload(stack.db, tenantIds(), 20);
  await publishAll();
  await waitForApplied(stack.db, 10_000);
  await worker.stop();
  assert.equal(await figureMismatches(stack.db), []);
});

test('an engine added later gets the history by a replay: its group applies every event once, the figures group skips the repeats', async () => {
  const before = await eventCounts(stack.db);
  await replay(stack.db, redis, settings('replay').stream, ['engines', 'activity'], null, quietLog);
  const workers = [startConsumer(stack.db, redis, settings('activity-1', { ENGINE: 'activity', CONSUMER_GROUP: 'activity' }), quietLog), startConsumer(stack.db, redis, settings('w1'), quietLog)];
  try {
    const { outbox } = await waitForApplied(stack.db, 20_000, ['engines', 'activity']);
    await waitFor('the figures group to have read the repeats', async () => ((await redis.xpending(STREAM, 'engines')) as [number])[0] === 0 && (await groupLag('engines')) === 0);
    assert.equal(await eventCounts(stack.db, 'activity', 'activity'), { lost: 0, applied: outbox });
    assert.equal(await activityMismatches(stack.db), []);
    assert.equal(await eventCounts(stack.db), before, 'the figures group applied none of the repeats');
    assert.equal(await figureMismatches(stack.db), []);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
});

const refusal = async (consumer: string, env: Record<string, string>) => {
  const worker = startConsumer(stack.db, redis, settings(consumer, env), quietLog);
  return String((await worker.done.then(() => null, (e: Error) => e))?.message);
};

test('a worker refuses, before reading an entry, a group another engine applies and a second group for its engine', async () => {
  await runWorkload(stack.db, tenantIds(), 5);
  await publishAll();
  const appliedBefore = await applied();
  assert.is(await refusal('wrong-engine', { ENGINE: 'activity', CONSUMER_GROUP: 'engines' }), 'consumer group "engines" applies the figures engine; ENGINE=activity needs a consumer group of its own (CONSUMER_GROUP)');
  assert.is(await refusal('second-group', { ENGINE: 'figures', CONSUMER_GROUP: 'figures-again' }), 'the figures engine is applied by consumer group "engines"; in "figures-again" it would apply every event to its tables again');
  const consumers = ((await redis.xinfo('CONSUMERS', STREAM, 'engines')) as unknown[][]).map((c) => c[1]);
  assert.not.ok(consumers.includes('wrong-engine'), 'it never joined the group');
  assert.not.ok(((await redis.xinfo('GROUPS', STREAM)) as unknown[][]).some((g) => g[1] === 'figures-again'), 'no group was created for it');
  assert.is(await applied(), appliedBefore);
});

test.run();
