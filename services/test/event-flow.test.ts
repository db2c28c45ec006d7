import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FAST_FLOW, startApp } from '../test-support/flow.js';
import { call } from '../test-support/http.js';
import { waitFor } from '../../test/support/ports.js';
import { startStack, type Stack } from '../test-support/stack.js';

let stack: Stack;
let base: string;
test.before(async () => {
  stack = await startStack();
  ({ base } = await startApp(stack));
  stack.start('outbox-relay', FAST_FLOW);
  stack.start('engines-worker', FAST_FLOW);
});
test.after(async () => stack.stop());

const figures = async (tenant: string) => (await call(base, 'GET', '/api/figures', { tenant })).json().figures;

test('a change in the app reaches the engine figures through the relay and the worker', async () => {
  const id = (await call(base, 'POST', '/api/projects', { tenant: 'alpha', json: { name: 'Depot', status: 'planned', budgetCents: 200_000 } })).json().project.id;
  await call(base, 'PATCH', `/api/projects/${id}`, { tenant: 'alpha', json: { status: 'active', budgetCents: 250_000 } });
  await call(base, 'POST', `/api/projects/${id}/work-entries`, { tenant: 'alpha', json: { description: 'Concrete', hours: 6.5, costCents: 80_000, workDate: '2024-03-01' } });
  const f = await waitFor('alpha figures', async () => {
    const now = await figures('alpha');
    return now.eventsApplied === 3 && now;
  }, 10_000);
  assert.equal([f.projects, f.byStatus.active, f.byStatus.planned, f.budgetCents, f.costCents, f.hours, f.workEntries], [1, 1, 0, 250_000, 80_000, 6.5, 1]);
  const project = (await call(base, 'GET', `/api/projects/${id}`, { tenant: 'alpha' })).json().project;
  assert.equal([project.costCents, project.hours, project.workEntries], [80_000, 6.5, 1]);
});

test('figures of one tenant never include another tenant events', async () => {
  await waitFor('alpha applied', async () => (await figures('alpha')).eventsApplied === 3, 10_000);
  assert.equal((await figures('beta')).eventsApplied, 0);
  assert.equal((await figures('beta')).projects, 0);
});

test('the dashboard figures panel shows what the engines computed', async () => {
  const panel = await call(base, 'GET', '/web/figures', { tenant: 'alpha' });
  assert.match(panel.text, '<strong id="figure-budget">2,500.00</strong>');
  assert.match(panel.text, '<strong id="figure-cost">800.00</strong>');
});

test.run();
