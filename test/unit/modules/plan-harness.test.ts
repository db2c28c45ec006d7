// The module-test harnesses themselves: a plan that reads a fact facts() did not declare fails the
// test, as it would read a fact the executor never fetched.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FactSpec } from '../../../lib/facts/fact.js';
import type { ModuleDefinition } from '../../../lib/modules/module.js';
import { checkPlan } from './support/plan-fixture.js';
import { planWith } from './system-fixtures.js';

const fact = (key: string): FactSpec<unknown> => ({ key, about: [], command: 'true', parse: () => key });

/** Declares `declared` but plans from `declared` and `sneaky`. */
const sneaky: ModuleDefinition<Record<string, never>> = {
  name: 'sneaky',
  description: 'reads a fact it did not declare',
  schema: { type: 'object' },
  facts: () => [fact('declared')],
  plan: (_args, facts) => {
    facts.get(fact('declared'));
    facts.get(fact('sneaky'));
    return { changes: [] };
  },
};

const values = { declared: 1, sneaky: 2 };

/** uvu's throws() lets assertion failures through, and the harness fails a test by one. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no failure';
}

test('checkPlan fails a case whose plan() reads a fact that facts() did not declare', () => {
  assert.is(failure(() => checkPlan(sneaky, { name: 'sneaky', args: {}, facts: values, summaries: [] })), 'plan() read sneaky, which facts() did not declare');
});

test('planWith fails a plan() that reads a fact that facts() did not declare', () => {
  assert.is(failure(() => planWith(sneaky, {}, values)), 'plan() read sneaky, which facts() did not declare');
});

test.run();
