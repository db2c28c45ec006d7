// fail: stop the host with a message, as Ansible's fail module does.
import { BcError } from '../errors.js';
import type { ModuleDefinition } from './module.js';

export interface FailArgs {
  msg?: string;
}

/** Why: a role refuses a setting it cannot work with, with the user's own words (usually under when:). */
export const failModule: ModuleDefinition<FailArgs> = {
  name: 'fail',
  description: 'Fails the host with msg (default "Failed as requested from task", as in Ansible); use it under when:.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { msg: { type: 'string', description: 'The failure message.' } },
  },
  facts: () => [],
  plan(args) {
    throw new BcError(args.msg ?? 'Failed as requested from task');
  },
};
