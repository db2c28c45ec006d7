// set_fact: variables a later task on the same host can use, computed from what is known now.
import type { ModuleDefinition } from './module.js';

/** Why: a value computed once (from facts or a registered result) and named, as Ansible's set_fact. */
export const setFactModule: ModuleDefinition<Record<string, unknown>> = {
  name: 'set_fact',
  description: 'Sets variables for the later tasks of this host, for the rest of the run (they rank with registered results); changes nothing.',
  schema: {
    type: 'object',
    minProperties: 1,
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    description: 'Each key is a variable name, each value what it becomes (rendered per host).',
  },
  facts: () => [],
  plan(args) {
    const { cacheable: _cacheable, ...vars } = args;
    return { changes: [], reason: `set ${Object.keys(vars).join(', ')}`, setVars: vars, data: { ansible_facts: vars } };
  },
};
