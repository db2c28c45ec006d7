// Shared by the inventory tests: the text a user would see for the error a call throws.
import { formatError } from '../../../lib/errors.js';
import type { Inventory, Vars } from '../../../lib/inventory/types.js';
import { groupVarsFor, hostVarsFor } from '../../../lib/inventory/vars.js';

/** Why: tests assert the exact message, location and hint, as formatError prints them. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return formatError(error);
  }
  throw new Error('expected an error, got none');
}

/** Why: the inventory layers of one host (group vars, then host vars), as a run merges them. */
export function userVarsOf(inventory: Inventory, host: string): Vars {
  return { ...groupVarsFor(inventory, host), ...hostVarsFor(inventory, host) };
}
