// Scenario 4 of the topology's scaling, its second half: "use a different consumer group for
// parallel processing". Two engines read the same stream, each in its own consumer group: the
// figures engine (group engines, two workers, as bc-engines-worker@1 and @2 run it) and the
// activity engine (group activity, one worker, as bc-engines-worker-activity runs it). Each group
// applies every event once; a figures worker SIGKILLed while it holds pending entries does not
// hold the activity group back: it applies everything while those entries wait for the worker's
// return. Real PostgreSQL, Redis and service processes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Redis } from '../shared/redis.js';
import { FAST_FLOW, waitForApplied } from '../test-support/flow.js';
import { withStackAndRedis, type Stack } from '../test-support/stack.js';
import { killWhileHolding, pendingOf, startCountedWorker } from '../test-support/workers.js';
import { activityMismatches, eventCounts, figureMismatches, runWorkload } from '../test-support/workload.js';
import { waitFor } from '../../test/support/ports.js';

let stack: Stack;
let redis: Redis;
withStackAndRedis(test, (s, r) => {
  stack = s;
  redis = r;
});

const EVENTS = 2000;
const AFTER_KILL = 300;
// The figures workers take nothing over during the test (10 min), so the dead worker's entries stay
// pending however long the load takes on a busy machine, until it comes back.
const HOLD_MS = 600_000;
const STREAM = 'bc:events';

const pending = (group: string, consumer: string) => pendingOf(redis, STREAM, group, consumer);

async function processedBy(group: string): Promise<number> {
  return Number((await stack.db.query('SELECT count(*) AS n FROM processed_events WHERE consumer_group = $1', [group])).rows[0].n);
}

/** A worker of the figures engine (group engines, the defaults) or of the activity engine (group activity). */
const worker = (name: string, engine: 'figures' | 'activity', claimIdleMs = HOLD_MS) => startCountedWorker(stack, {
  ...FAST_FLOW, ...(engine === 'activity' ? { ENGINE: 'activity', CONSUMER_GROUP: 'activity' } : {}), CLAIM_IDLE_MS: String(claimIdleMs), WORKER_BATCH_SIZE: '25', CONSUMER_NAME: name,
});

test('two consumer groups over one stream each apply every event once; a SIGKILLed worker in one does not hold the other back', async () => {
  const tenants = [stack.tenants.alpha!.id, stack.tenants.beta!.id];
  const relay = stack.start('outbox-relay', { ...FAST_FLOW, CONSUMER_GROUPS: 'engines,activity' });
  const first = worker('infra1-1', 'figures');
  const second = worker('infra1-2', 'figures');
  const activity = worker('infra1-activity-1', 'activity');
  const load = runWorkload(stack.db, tenants, EVENTS, 4);
  await waitFor('figures worker 1 to apply a share of the stream first (mid-stream)', async () => first.counts.applied >= 50, 15_000, 5);
  const { held, killedAt } = await killWhileHolding(first, () => worker('infra1-1', 'figures'), () => pending('engines', 'infra1-1'));
  const activityAtKill = await processedBy('activity');

  await load;
  await runWorkload(stack.db, tenants, AFTER_KILL, 2);
  await waitForApplied(stack.db, 60_000, ['activity']);
  await waitFor('the activity group to acknowledge its last batch', async () => ((await redis.xpending(STREAM, 'activity')) as [number])[0] === 0, 5000, 5);
  const caughtUp = Date.now() - killedAt;
  const stillHeld = await pending('engines', 'infra1-1');
  const status = stack.start('engines-worker', {}, ['status']);
  assert.is(await status.exited, 0, status.output());

  // As systemd restarts it (here with a short CLAIM_IDLE_MS): it takes its own entries back.
  const restarted = worker('infra1-1', 'figures', 1000);
  const counts = await waitForApplied(stack.db, 60_000, ['engines', 'activity']);
  await waitFor('the figures group to have no pending entries', async () => ((await redis.xpending(STREAM, 'engines')) as [number])[0] === 0, 10_000, 5);
  await Promise.all([relay.kill(), second.proc.kill(), activity.proc.kill(), restarted.proc.kill()]);
  process.stdout.write(`# ${EVENTS + AFTER_KILL} events; figures worker 1 SIGKILLed holding ${held} pending entries after applying ${first.counts.applied}; `
    + `the activity group applied the ${EVENTS + AFTER_KILL - activityAtKill} events left, all caught up ${caughtUp} ms after the kill, the dead worker's ${stillHeld} still pending\n${status.output().replace(/^(?=.)/gm, '# ')}`);

  assert.is(stillHeld, held, 'the activity group caught up while the dead figures worker\'s entries were still pending');
  assert.match(status.output(), /^stream bc:events: \d+ entries, 2 consumer groups$/m);
  assert.match(status.output(), /^group engines: lag \d+, pending \d+, 2 consumers$/m, 'the figures group');
  assert.match(status.output(), new RegExp(`^  infra1-1: pending ${held}, idle \\d+\\.\\d s$`, 'm'), 'the dead figures worker with its entries');
  assert.match(status.output(), /^group activity: lag 0, pending 0, 1 consumer\n  infra1-activity-1: pending 0, idle \d+\.\d s$/m, 'the activity group, caught up');
  assert.ok(restarted.counts.reclaimed >= held, `the restarted figures worker reclaimed ${restarted.counts.reclaimed} of the ${held} left pending`);
  assert.is(activity.counts.reclaimed, 0, 'the activity group had nothing to take over');
  assert.is(counts.outbox, EVENTS + AFTER_KILL);
  assert.equal(await eventCounts(stack.db, 'figures', 'engines'), { lost: 0, applied: EVENTS + AFTER_KILL }, 'figures: events lost, events applied (more means applied twice)');
  assert.equal(await eventCounts(stack.db, 'activity', 'activity'), { lost: 0, applied: EVENTS + AFTER_KILL }, 'activity: events lost, events applied (more means applied twice)');
  assert.equal(await figureMismatches(stack.db), []);
  assert.equal(await activityMismatches(stack.db), []);
});

test('a worker started in another engine\'s group exits 1 with the reason, as systemd then shows it', async () => {
  const wrong = stack.start('engines-worker', { ENGINE: 'activity', CONSUMER_GROUP: 'engines' });
  assert.is(await wrong.exited, 1, wrong.output());
  assert.match(wrong.output(), /"level":"error".*"msg":"consumer group \\"engines\\" applies the figures engine; ENGINE=activity needs a consumer group of its own \(CONSUMER_GROUP\)"/);
});

test.run();
