import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createProject } from '../construction/src/domain/projects.js';
import { FAST_FLOW, waitForApplied } from '../test-support/flow.js';
import { startStack, type Stack } from '../test-support/stack.js';
import { figureMismatches } from '../test-support/workload.js';
import { waitFor } from '../../test/support/ports.js';

let stack: Stack;
test.before(async () => {
  stack = await startStack({ persistentRedis: true });
});
test.after(async () => stack.stop());

const HEAL = { ...FAST_FLOW, RECONCILE_MS: '300', RECONCILE_GRACE_MS: '1000' };
const allPublished = () => waitFor('every outbox row to be published', async () =>
  Number((await stack.db.query('SELECT count(*) AS n FROM event_outbox WHERE published_at IS NULL')).rows[0].n) === 0);
const newProjects = async (n: number, tag: string) => {
  for (let i = 0; i < n; i += 1) await createProject(stack.db, stack.tenants.alpha!.id, { name: `${tag} ${i}`, status: 'active', budgetCents: 100 });
};

test('a SIGKILL of Redis with the engines stopped loses no event: exact figures with no operator step', async () => {
  stack.start('outbox-relay', HEAL);
  await newProjects(20, 'Before the crash');
  await allPublished();
  await stack.redis.crash();
  await stack.redis.restart();
  const started = Date.now();
  const worker = stack.start('engines-worker', HEAL);
  await waitForApplied(stack.db, 30_000);
  process.stdout.write(`# healed after a Redis SIGKILL in ${Date.now() - started} ms\n`);
  assert.equal(await figureMismatches(stack.db), []);
  await worker.kill('SIGTERM');
});

test('Redis back with an empty disk: the relay republishes what the stream lost, by itself', async () => {
  await newProjects(20, 'Lost disk');
  await allPublished();
  const unapplied = await stack.db.query('SELECT count(*) AS n FROM event_outbox o WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = o.id)');
  assert.is(Number(unapplied.rows[0].n), 20, 'the engines were stopped');
  await stack.redis.crash({ wipeDisk: true });
  await stack.redis.restart();
  const started = Date.now();
  stack.start('engines-worker', HEAL);
  await waitForApplied(stack.db, 30_000);
  process.stdout.write(`# healed after Redis lost its disk in ${Date.now() - started} ms\n`);
  assert.equal(await figureMismatches(stack.db), []);
  const applied = await stack.db.query('SELECT sum(events_applied) AS n FROM tenant_figures');
  const outbox = await stack.db.query('SELECT count(*) AS n FROM event_outbox');
  assert.is(Number(applied.rows[0].n), Number(outbox.rows[0].n), 'each event applied exactly once');
});

test.run();
