// assert: conditions on variables that must hold before a play touches anything.
import { BcError } from '../errors.js';
import type { ModuleDefinition } from './module.js';

export interface AssertArgs {
  that: boolean | boolean[];
  msg?: string;
  success_msg?: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['that'],
  properties: {
    that: {
      anyOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'boolean' }, minItems: 1 }],
      description: 'A condition, or a list that must all hold, written as `{{ expression }}` so it is evaluated per host.',
    },
    msg: { type: 'string', minLength: 1, description: 'The error shown when a condition is false (Ansible\'s default: Assertion failed); say what was computed (e.g. the sum).' },
    success_msg: { type: 'string', description: 'The note shown when every condition holds.' },
  },
};

/** Why: budgets and invariants fail the run with the numbers, and never count as a change. */
export const assertModule: ModuleDefinition<AssertArgs> = {
  name: 'assert',
  description: 'Fails the host with a message when a condition is false; changes nothing.',
  schema,
  facts: () => [],
  plan(args) {
    const conditions = Array.isArray(args.that) ? args.that : [args.that];
    const failed = conditions.findIndex((c) => !c);
    const msg = args.msg ?? 'Assertion failed';
    if (failed >= 0) throw new BcError(conditions.length > 1 ? `${msg} (condition ${failed + 1} of ${conditions.length})` : msg);
    return { changes: [], reason: args.success_msg ?? 'all conditions hold' };
  },
};
