import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startApp } from '../../test-support/flow.js';
import { call } from '../../test-support/http.js';
import { startStack, type Stack } from '../../test-support/stack.js';

let stack: Stack;
let base: string;
test.before(async () => {
  stack = await startStack();
  ({ base } = await startApp(stack));
});
test.after(async () => stack.stop());

const projectId = async (name: string) => String((await stack.db.query('SELECT public_id FROM projects WHERE name = $1', [name])).rows[0].public_id);

test('creating a project through the form lists it on that tenant dashboard only', async () => {
  const created = await call(base, 'POST', '/web/projects', { tenant: 'alpha', form: { name: 'Alpha warehouse', status: 'active', budget: '1,250.50' } });
  assert.is(created.status, 200);
  assert.is(created.headers.get('hx-trigger'), 'projects-changed');
  assert.match((await call(base, 'GET', '/web/dashboard', { tenant: 'alpha' })).text, 'Alpha warehouse');
  assert.not.match((await call(base, 'GET', '/web/dashboard', { tenant: 'beta' })).text, 'Alpha warehouse');
  assert.not.match((await call(base, 'GET', '/web/projects', { tenant: 'beta' })).text, 'Alpha warehouse');
  const { rows } = await stack.db.query(`SELECT budget_cents FROM projects WHERE name = 'Alpha warehouse'`);
  assert.is(rows[0].budget_cents, '125050');
});

test('another tenant cannot update or log work on a project through the dashboard', async () => {
  const id = await projectId('Alpha warehouse');
  const update = await call(base, 'POST', `/web/projects/${id}`, { tenant: 'beta', form: { status: 'completed', budget: '1' } });
  assert.is(update.status, 404);
  const work = await call(base, 'POST', `/web/projects/${id}/work-entries`, { tenant: 'beta', form: { description: 'x', hours: '1', cost: '1', workDate: '2024-01-01' } });
  assert.is(work.status, 404);
  const { rows } = await stack.db.query('SELECT status, budget_cents, (SELECT count(*) FROM work_entries w WHERE w.project_id = p.id) AS entries FROM projects p WHERE public_id = $1', [id]);
  assert.equal([rows[0].status, rows[0].budget_cents, rows[0].entries], ['active', '125050', '0']);
});

test('updating a row and logging work return the re-rendered row', async () => {
  const id = await projectId('Alpha warehouse');
  const update = await call(base, 'POST', `/web/projects/${id}`, { tenant: 'alpha', form: { status: 'on_hold', budget: '2000' } });
  assert.is(update.status, 200);
  assert.match(update.text, `id="project-${id}"`);
  assert.match(update.text, '<option value="on_hold" selected>');
  const work = await call(base, 'POST', `/web/projects/${id}/work-entries`, { tenant: 'alpha', form: { description: 'Scaffold', hours: '4', cost: '300', workDate: '2024-01-01' } });
  assert.is(work.status, 200);
  assert.is(Number((await stack.db.query('SELECT cost_cents FROM work_entries w JOIN projects p ON p.id = w.project_id WHERE p.public_id = $1', [id])).rows[0].cost_cents), 30_000);
});

test('an invalid form comes back as 422 with the problems and the typed values', async () => {
  const bad = await call(base, 'POST', '/web/projects', { tenant: 'alpha', form: { name: 'Kept name', status: 'active', budget: 'lots' } });
  assert.is(bad.status, 422);
  assert.match(bad.text, 'budget must be a whole number of cents');
  assert.match(bad.text, 'value="Kept name"');
});

test('serves htmx itself and the page loads it from the app, not a CDN', async () => {
  const page = await call(base, 'GET', '/web/dashboard', { tenant: 'alpha' });
  assert.match(page.text, '<script src="/static/htmx.min.js"></script>');
  assert.not.match(page.text, 'https://');
  const htmx = await call(base, 'GET', '/static/htmx.min.js');
  assert.is(htmx.status, 200);
  assert.match(htmx.headers.get('content-type') ?? '', 'javascript');
  assert.match(htmx.text, 'htmx');
});

test('escapes what users typed so a project name cannot inject markup', async () => {
  await call(base, 'POST', '/web/projects', { tenant: 'beta', form: { name: '<script>alert(1)</script>', status: 'planned', budget: '1' } });
  const page = await call(base, 'GET', '/web/dashboard', { tenant: 'beta' });
  assert.match(page.text, '&lt;script&gt;alert(1)&lt;/script&gt;');
});

test.run();
