// Whether a shell glob (`out/*.done`) matches an existing path: what creates/removes test.
import { posix } from 'node:path';
import { quote } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import type { PathState } from './files.js';
import { pathObject } from './objects.js';

/** Why: Ansible tests creates/removes with glob(); a literal test of `out/*.done` runs every time. */
export function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/**
 * Why: the glob's wildcards stay unquoted for the shell to expand, every other character is
 * quoted; about the folder above the first wildcard, so a change below it reads it again.
 */
export function globMatches(pattern: string): FactSpec<PathState> {
  const parts = pattern.split(/(\*|\?|\[[^\]/]*\])/).map((part, i) => (i % 2 === 1 ? part : part === '' ? '' : quote(part)));
  const fixed = pattern.slice(0, pattern.search(/[*?[]/));
  const base = fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/')) || '/' : '.';
  return {
    key: `glob:${pattern}`,
    about: [pathObject(posix.normalize(base), { subtree: true })],
    command: `set -- ${parts.join('')}; test -e "$1" || test -L "$1" && echo yes || echo no`,
    parse: (stdout) => ({ exists: stdout.trim() === 'yes' }),
    predict: () => undefined,
  };
}
