// Whether a path exists: what creates/removes of command and shell decide on.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';

/** Why: the smallest fact there is, keyed by path so a command can predict the file it creates. */
export function pathExists(path: string): FactSpec<boolean> {
  return {
    key: `path:${path}`,
    command: sh`test -e ${path} && echo yes || echo no`,
    parse: (stdout) => stdout.trim() === 'yes',
  };
}
