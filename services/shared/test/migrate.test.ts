import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, MIGRATIONS } from '../migrate.js';
import { parseTenantSpecs, seedTenants } from '../tenants.js';
import { createDb } from '../db.js';
import { startStack, quietLog, type Stack } from '../../test-support/stack.js';

let stack: Stack;
test.before(async () => {
  stack = await startStack();
});
test.after(async () => stack.stop());

test('records every migration version once', async () => {
  const { rows } = await stack.db.query('SELECT version FROM schema_migrations ORDER BY version');
  assert.equal(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
});

test('rerunning migrate, even twice at once, applies nothing', async () => {
  const runs = await Promise.all([migrate(stack.db, quietLog), migrate(stack.db, quietLog)]);
  assert.equal(runs, [[], []]);
});

test('every table with a tenant_id column has an index that starts with tenant_id', async () => {
  const { rows } = await stack.db.query(`
    SELECT c.table_name FROM information_schema.columns c
    WHERE c.column_name = 'tenant_id' AND c.table_schema = 'public' AND NOT EXISTS (
      SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE i.indrelid = c.table_name::regclass AND a.attname = 'tenant_id')`);
  assert.equal(rows, []);
  const withTenant = await stack.db.query(`SELECT count(*) AS n FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = 'public'`);
  assert.ok(Number(withTenant.rows[0].n) >= 6);
});

test('the events a worker recorded before consumer groups had their own records stay the group engines\' (the figures engine\'s)', async () => {
  await stack.db.query('CREATE DATABASE before_groups');
  const db = createDb(stack.databaseUrl.replace(/\/postgres$/, '/before_groups'), 2, 0, quietLog);
  try {
    await migrate(db, quietLog, MIGRATIONS.filter((m) => m.version < 5));
    const [tenant] = await seedTenants(db, parseTenantSpecs(['demo']));
    await db.query('INSERT INTO processed_events (event_id, tenant_id) VALUES (1, $1), (2, $1)', [tenant!.id]);
    assert.equal(await migrate(db, quietLog), MIGRATIONS.filter((m) => m.version >= 5).map((m) => m.version));
    const { rows } = await db.query('SELECT consumer_group, event_id FROM processed_events ORDER BY event_id');
    assert.equal(rows.map((r) => [r.consumer_group, Number(r.event_id)]), [['engines', 1], ['engines', 2]]);
    await db.query("INSERT INTO processed_events (consumer_group, event_id, tenant_id) VALUES ('activity', 1, $1)", [tenant!.id]);
    const again = await db.query("INSERT INTO processed_events (consumer_group, event_id, tenant_id) VALUES ('engines', 1, $1) ON CONFLICT DO NOTHING", [tenant!.id]);
    assert.is(again.rowCount, 0, 'an event is recorded once per group');
    assert.equal((await db.query('SELECT consumer_group, engine FROM engine_groups')).rows, [{ consumer_group: 'engines', engine: 'figures' }]);
  } finally {
    await db.end();
  }
});

test('seeding tenants is idempotent and renames an existing slug', async () => {
  const first = await seedTenants(stack.db, parseTenantSpecs(['demo=Demo Builders', 'acme']));
  const again = await seedTenants(stack.db, parseTenantSpecs(['demo=Demo Builders Ltd']));
  assert.is(again[0]!.id, first[0]!.id);
  assert.is(again[0]!.name, 'Demo Builders Ltd');
  assert.is(first[1]!.name, 'acme');
  assert.throws(() => parseTenantSpecs(['Bad Slug']), /lower-case letters/);
});

test.run();
