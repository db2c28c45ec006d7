import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startApp } from '../../test-support/flow.js';
import { call } from '../../test-support/http.js';
import { freePort, waitFor } from '../../../test/support/ports.js';
import { startStack, type Stack } from '../../test-support/stack.js';

let stack: Stack;
let base: string;

test.before(async () => {
  stack = await startStack();
  ({ base } = await startApp(stack));
});
test.after(async () => stack.stop());

const outboxCount = async () => Number((await stack.db.query('SELECT count(*) AS n FROM event_outbox')).rows[0].n);

test('creates, reads, updates a project and logs work on it through the JSON API', async () => {
  const created = await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'School roof', status: 'planned', budgetCents: 1_500_000 } });
  assert.is(created.status, 201);
  const id = created.json().project.id;
  const patched = await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'alpha', json: { status: 'active', budgetCents: 1_600_000 } });
  assert.is(patched.status, 200);
  assert.equal([patched.json().project.status, patched.json().project.budgetCents], ['active', 1_600_000]);
  const entry = await call(base, 'POST', `/api/projects/${id}/work-entries`, { tenant: 'alpha', json: { description: 'Tiles', hours: 7.5, costCents: 42_000, workDate: '2024-05-02' } });
  assert.is(entry.status, 201);
  const entries = await call(base, 'GET', `/api/projects/${id}/work-entries`, { tenant: 'alpha' });
  assert.equal(entries.json().workEntries.map((e: { hours: number }) => e.hours), [7.5]);
  const list = await call(base, 'GET', '/api/projects', { tenant: 'alpha' });
  assert.ok(list.json().projects.some((p: { id: number }) => p.id === id));
});

test('writes one outbox event per committed change, with the change in its payload', async () => {
  const before = await outboxCount();
  const created = await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'Bridge', budgetCents: 100 } });
  const id = created.json().project.id;
  await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'alpha', json: { budgetCents: 250 } });
  const { rows } = await stack.db.query('SELECT event_type, payload FROM event_outbox WHERE id > 0 ORDER BY id DESC LIMIT 2');
  assert.is(await outboxCount(), before + 2);
  const internal = Number((await stack.db.query('SELECT id FROM projects WHERE public_id = $1', [id])).rows[0].id);
  assert.equal(rows[0].payload, { projectId: internal, from: { status: 'planned', budgetCents: 100 }, to: { status: 'planned', budgetCents: 250 } });
  assert.is(rows[1].event_type, 'project.created');
});

test('leaves neither the project nor its event when writing the event fails', async () => {
  await stack.db.query(`CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.payload->>'budgetCents' = '666' THEN RAISE EXCEPTION 'outbox write refused'; END IF; RETURN NEW; END $$`);
  await stack.db.query('CREATE TRIGGER fail_outbox BEFORE INSERT ON event_outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()');
  try {
    const before = await outboxCount();
    const answer = await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'Doomed', budgetCents: 666 } });
    assert.is(answer.status, 500);
    assert.is((await stack.db.query(`SELECT count(*) AS n FROM projects WHERE name = 'Doomed'`)).rows[0].n, '0');
    assert.is(await outboxCount(), before);
  } finally {
    await stack.db.query('DROP TRIGGER fail_outbox ON event_outbox; DROP FUNCTION fail_outbox()');
  }
});

test('leaves no event when the change itself fails after the event was written', async () => {
  const id = (await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'Tower', budgetCents: 5 } })).json().project.id;
  await stack.db.query(`CREATE FUNCTION fail_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.updated_at IS DISTINCT FROM OLD.updated_at AND NEW.budget_cents = 777 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
  await stack.db.query(`CREATE CONSTRAINT TRIGGER fail_update AFTER UPDATE ON projects DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_update()`);
  try {
    const before = await outboxCount();
    const answer = await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'alpha', json: { budgetCents: 777 } });
    assert.is(answer.status, 500);
    assert.is(await outboxCount(), before);
    assert.is((await call(base, 'GET', `/api/projects/${id}`, { tenant: 'alpha' })).json().project.budgetCents, 5);
  } finally {
    await stack.db.query('DROP TRIGGER fail_update ON projects; DROP FUNCTION fail_update()');
  }
});

test('keeps tenant B from reading, listing, changing or logging work on tenant A projects', async () => {
  const id = (await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'Alpha secret', budgetCents: 9 } })).json().project.id;
  const before = await outboxCount();
  assert.is((await call(base, 'GET', `/api/projects/${id}`, { tenant: 'beta' })).status, 404);
  assert.is((await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'beta', json: { name: 'stolen' } })).status, 404);
  assert.is((await call(base, 'GET', `/api/projects/${id}/work-entries`, { tenant: 'beta' })).status, 404);
  const work = await call(base, 'POST', `/api/projects/${id}/work-entries`, { tenant: 'beta', json: { description: 'x', hours: 1, costCents: 1, workDate: '2024-01-01' } });
  assert.is(work.status, 404);
  const names = (await call(base, 'GET', '/api/projects', { tenant: 'beta' })).json().projects.map((p: { name: string }) => p.name);
  assert.not.ok(names.includes('Alpha secret'));
  assert.is((await call(base, 'GET', `/api/projects/${id}`, { tenant: 'alpha' })).json().project.name, 'Alpha secret');
  assert.is(await outboxCount(), before);
});

test('answers the tenant\'s days of activity from the activity engine, newest first, none of another tenant\'s', async () => {
  const { alpha, beta } = stack.tenants;
  await stack.db.query(`INSERT INTO tenant_activity (tenant_id, day, projects_created, projects_updated, status_changes, work_entries, hours, cost_cents, events_applied)
    VALUES ($1, '2024-06-01', 2, 1, 1, 3, 7.25, 900, 6), ($1, '2024-06-03', 0, 0, 0, 1, 0.5, 10, 1), ($2, '2024-06-02', 5, 0, 0, 0, 0, 0, 5)`, [alpha!.id, beta!.id]);
  const answer = await call(base, 'GET', '/api/activity', { tenant: 'alpha' });
  assert.is(answer.status, 200);
  assert.equal(answer.json().activity, [
    { day: '2024-06-03', projectsCreated: 0, projectsUpdated: 0, statusChanges: 0, workEntries: 1, hours: 0.5, costCents: 10 },
    { day: '2024-06-01', projectsCreated: 2, projectsUpdated: 1, statusChanges: 1, workEntries: 3, hours: 7.25, costCents: 900 },
  ]);
});

test('answers 404 for an unknown tenant and 400 when the tenant header is missing', async () => {
  const unknown = await call(base, 'GET', '/api/projects', { tenant: 'nobody' });
  assert.is(unknown.status, 404);
  assert.match(unknown.json().error.message, 'unknown tenant "nobody"');
  assert.is((await call(base, 'GET', '/api/projects')).status, 400);
});

test('refuses invalid input with 422 and the fields at fault, writing nothing', async () => {
  const before = await outboxCount();
  const bad = await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: '', status: 'dreaming', budgetCents: -1, colour: 'red' } });
  assert.is(bad.status, 422);
  assert.equal(bad.json().error.details.map((d: { field: string }) => d.field).sort(), ['budgetCents', 'colour', 'name', 'status']);
  const id = (await call(base, 'GET', '/api/projects', { tenant: 'alpha' })).json().projects[0].id;
  assert.is((await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'alpha', json: {} })).status, 422);
  const hours = await call(base, 'POST', `/api/projects/${id}/work-entries`, { tenant: 'alpha', json: { description: 'd', hours: 0.333, costCents: 1, workDate: '31/12/2024' } });
  assert.equal(hours.json().error.details.map((d: { field: string }) => d.field), ['hours', 'workDate']);
  assert.is(await outboxCount(), before);
});

test('tells malformed JSON (400), wrong content type (415), bad ids and paths (404) and methods (405) apart', async () => {
  assert.is((await call(base, 'POST', '/api/projects', { tenant: 'alpha', raw: { type: 'application/json', body: '{"name":' } })).status, 400);
  assert.is((await call(base, 'POST', '/api/projects', { tenant: 'alpha', raw: { type: 'text/plain', body: 'hi' } })).status, 415);
  assert.is((await call(base, 'GET', '/api/projects/abc', { tenant: 'alpha' })).status, 404);
  assert.is((await call(base, 'GET', '/api/nothing', { tenant: 'alpha' })).status, 404);
  assert.is((await call(base, 'DELETE', '/api/projects', { tenant: 'alpha' })).status, 405);
});

test('answers 400, not 500, for a path that is not valid UTF-8', async () => {
  const bad = await call(base, 'GET', '/api/projects/%FF', { tenant: 'alpha' });
  assert.is(bad.status, 400);
  assert.is(bad.json().error.status, 400);
});

test('answers HEAD like GET without a body and OPTIONS with 204 and Allow; 405 names the allowed methods', async () => {
  const head = await call(base, 'HEAD', '/api/projects', { tenant: 'alpha' });
  assert.equal([head.status, head.text], [200, '']);
  const options = await call(base, 'OPTIONS', '/api/projects/00000000-0000-4000-8000-000000000000');
  assert.equal([options.status, options.headers.get('allow')], [204, 'GET, PATCH, HEAD, OPTIONS']);
  const refused = await call(base, 'DELETE', '/api/projects', { tenant: 'alpha' });
  assert.equal([refused.status, refused.headers.get('allow')], [405, 'GET, POST, HEAD, OPTIONS']);
});

test('names projects by random UUIDs that say nothing about other tenants', async () => {
  const a = (await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'One', budgetCents: 1 } })).json().project.id;
  const b = (await call(base, 'POST', '/api/projects', { tenant: 'beta', json: { name: 'Two', budgetCents: 1 } })).json().project.id;
  for (const id of [a, b]) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is.not(a, b);
});

test('answers 503 with Retry-After and no internal address while the database is unreachable', async () => {
  const deadPort = await freePort();
  const port = await freePort();
  const app = stack.start('construction', { PORT: String(port), HOST: '127.0.0.1', WORKERS: '1', DATABASE_URL: `postgres://app:secret@127.0.0.1:${deadPort}/app` });
  const down = `http://127.0.0.1:${port}`;
  const health = await waitFor('the app to answer', async () => (await fetch(`${down}/healthz`).then((r) => r)) ?? false);
  assert.is(health.status, 503);
  assert.is(health.headers.get('retry-after'), '5');
  const text = await health.text();
  assert.equal(JSON.parse(text), { status: 'unavailable', service: 'construction' });
  const api = await call(down, 'GET', '/api/projects', { tenant: 'alpha' });
  assert.equal([api.status, api.headers.get('retry-after')], [503, '5']);
  for (const body of [text, api.text]) assert.not.match(body, /127\.0\.0\.1|ECONNREFUSED|5432|secret/);
  await app.kill('SIGTERM');
  assert.not.match(app.output(), 'secret');
});

test('reports healthy while the database answers', async () => {
  const health = await call(base, 'GET', '/healthz');
  assert.equal([health.status, health.json().status], [200, 'ok']);
});

test.run();
