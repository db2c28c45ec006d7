// debug: show a message or a variable's value in the run's output; changes nothing.
import type { ModuleDefinition } from './module.js';

export interface DebugArgs {
  msg?: unknown;
  var?: unknown;
}

/** Why: the first tool of anyone writing a role: see what a value is on each host, as in Ansible. */
export const debugModule: ModuleDefinition<DebugArgs> = {
  name: 'debug',
  description: 'Shows a message (msg) or a value (var: a `{{ expression }}`) for each host, as Ansible does; changes nothing.',
  schema: {
    type: 'object',
    additionalProperties: false,
    not: { required: ['msg', 'var'] },
    properties: {
      msg: { description: 'What to show (text, or any value, shown as JSON). Default "Hello world!", as in Ansible.' },
      var: { description: 'A variable to show: its bare name, as in Ansible (`var: result`), or any `"{{ expression }}"`.' },
    },
  },
  facts: () => [],
  plan(args, _facts, ctx) {
    const named = typeof args.var === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(args.var) && args.var in ctx.vars;
    const value = named ? ctx.vars[args.var as string] : 'var' in args ? args.var : (args.msg ?? 'Hello world!');
    const shown = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    return { changes: [], reason: shown, show: shown, data: 'var' in args ? { value } : { msg: value } };
  },
};
