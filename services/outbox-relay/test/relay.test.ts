import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from '../../shared/redis.js';
import { withTransaction } from '../../shared/db.js';
import { recordEvent, fromStreamFields } from '../../shared/events.js';
import { readRelaySettings } from '../src/settings.js';
import { startRelay } from '../src/relay.js';
import { publishBatch } from '../src/publish-batch.js';
import { replay } from '../src/replay.js';
import { waitFor } from '../../../test/support/ports.js';
import { quietLog, withStackAndRedis, type Stack } from '../../test-support/stack.js';

let stack: Stack;
let redis: Redis;
const STREAM = 'bc:events';

withStackAndRedis(test, (s, r) => {
  stack = s;
  redis = r;
});

async function addEvents(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    ids.push(await withTransaction(stack.db, (c) => recordEvent(c, stack.tenants.alpha!.id, { type: 'project.created', payload: { projectId: i, status: 'planned', budgetCents: i } })));
  }
  return ids;
}
const streamIds = async () => (await redis.xrange(STREAM, '-', '+')).map(([, fields]) => fromStreamFields(fields).id);
const settings = (extra: Record<string, string> = {}) => readRelaySettings(stack.env(extra));

test('publishes unpublished outbox rows in id order and marks them published', async () => {
  const ids = await addEvents(5);
  const sent = await publishBatch(stack.db, redis, { stream: STREAM, maxLen: 1000, batchSize: 100 });
  assert.is(sent, 5);
  assert.equal(await streamIds(), ids);
  const { rows } = await stack.db.query('SELECT count(*) AS n FROM event_outbox WHERE published_at IS NULL');
  assert.is(rows[0].n, '0');
  assert.is(await publishBatch(stack.db, redis, { stream: STREAM, maxLen: 1000, batchSize: 100 }), 0);
});

test('two relays working at once publish every event exactly once (SKIP LOCKED)', async () => {
  await redis.del(STREAM);
  const ids = await addEvents(400);
  const s = settings({ RELAY_BATCH_SIZE: '7', RELAY_POLL_MS: '20' });
  const relays = [startRelay(stack.db, redis, s, quietLog), startRelay(stack.db, redis, s, quietLog)];
  await waitFor('all 400 events on the stream', async () => (await redis.xlen(STREAM)) >= 400);
  await new Promise((r) => setTimeout(r, 100));
  await Promise.all(relays.map((r) => r.stop()));
  const published = await streamIds();
  assert.is(published.length, 400);
  assert.equal([...published].sort((a, b) => a - b), ids);
});

test('a new event reaches the stream through NOTIFY long before the poll interval', async () => {
  await redis.del(STREAM);
  const relay = startRelay(stack.db, redis, settings({ RELAY_POLL_MS: '30000' }), quietLog);
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  const [id] = await addEvents(1);
  await waitFor('the event on the stream', async () => (await streamIds()).includes(id!), 5000, 5);
  const took = Date.now() - started;
  await relay.stop();
  // NOTIFY, not the poll: well under the 30 s poll interval even on a loaded machine
  assert.ok(took < 15_000, `took ${took} ms`);
});

test('replay republishes every outbox event, or only those since an id, into a fresh stream', async () => {
  await redis.flushall();
  const all = (await stack.db.query('SELECT id FROM event_outbox ORDER BY id')).rows.map((r) => Number(r.id));
  const { stream: s, groups } = settings({ CONSUMER_GROUPS: 'engines,activity' });
  assert.is(await replay(stack.db, redis, s, groups, null, quietLog, 50), all.length);
  assert.equal(await streamIds(), all);
  const made = ((await redis.xinfo('GROUPS', STREAM)) as unknown[][]).map((g) => String(g[1]));
  assert.equal(made.sort(), ['activity', 'engines'], 'every engine\'s group exists, reading from the start');
  await redis.del(STREAM);
  const since = all[all.length - 3]!;
  assert.is(await replay(stack.db, redis, s, groups, { id: since }, quietLog), 3);
  assert.equal(await streamIds(), all.slice(-3));
});

test('trims the stream near EVENT_STREAM_MAXLEN so Redis stays inside its memory budget', async () => {
  await redis.del(STREAM);
  await stack.db.query('UPDATE event_outbox SET published_at = NULL');
  const total = Number((await stack.db.query('SELECT count(*) AS n FROM event_outbox')).rows[0].n);
  while ((await publishBatch(stack.db, redis, { stream: STREAM, maxLen: 100, batchSize: 50 })) > 0);
  const length = await redis.xlen(STREAM);
  assert.ok(total > 300 && length < 300, `stream holds ${length} of ${total}`);
});

test.run();
