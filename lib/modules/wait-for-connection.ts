// wait_for_connection: the host is reached again (a host still booting, or rebooted by a command)
// before the play goes on, over its one connection, opened anew until a command runs there.
import type { ModuleDefinition } from './module.js';

export interface WaitForConnectionArgs {
  delay?: number;
  sleep?: number;
  timeout?: number;
}

/** Why: Ansible's wait_for_connection: a host that is not reachable yet fails only once the wait is over. */
export const waitForConnectionModule: ModuleDefinition<WaitForConnectionArgs> = {
  name: 'wait_for_connection',
  description: 'Waits until the host can be reached and runs a command (true), opening its connection again every `sleep` seconds for up to `timeout`, after `delay`; in --check too (it changes nothing).',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      delay: { type: 'number', minimum: 0, default: 0, description: 'Seconds to wait before the first try.' },
      sleep: { type: 'number', minimum: 0, default: 1, description: 'Seconds between tries.' },
      timeout: { type: 'number', minimum: 0, default: 600, description: 'Seconds to try for in all before the task fails.' },
    },
  },
  facts: () => [],
  connectionWait: (args) => ({ delayMs: (args.delay ?? 0) * 1000, sleepMs: (args.sleep ?? 1) * 1000, timeoutMs: (args.timeout ?? 600) * 1000 }),
  plan: () => ({ changes: [], reason: 'the host answers' }),
};
