// Shared by the inventory tests: the text a user would see for the error a call throws.
import { formatError } from '../../../lib/errors.js';

/** Why: tests assert the exact message, location and hint, as formatError prints them. */
export function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return formatError(error);
  }
  throw new Error('expected an error, got none');
}
