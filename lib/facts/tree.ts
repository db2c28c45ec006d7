// What lies below a directory: every path with its type, mode, owner and group, for `file:
// recurse` to tell which of them a chmod or chown would change.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { ACCOUNT_NAMES, normalizePath, pathObject } from './objects.js';

/** One path below the directory (links as themselves, not followed). */
export interface TreeEntry {
  path: string;
  type: 'file' | 'directory' | 'link' | 'other';
  /** Four octal digits. */
  mode: string;
  owner: string;
  group: string;
}

const TYPES: Record<string, TreeEntry['type']> = { f: 'file', d: 'directory', l: 'link' };

/**
 * Why: a recursive mode or owner is a no-op only when every path below already has it; one find
 * lists them all in the round trip of the other facts. Empty when the directory is missing.
 */
export function directoryTree(path: string): FactSpec<TreeEntry[]> {
  const root = normalizePath(path);
  return {
    key: `tree:${root}`,
    about: [pathObject(root, { subtree: true })],
    dependsOn: () => [ACCOUNT_NAMES],
    command: sh`if [ -d ${root} ] && [ ! -L ${root} ]; then find ${root} -mindepth 1 -printf '%y|%m|%u|%g|%p\\n'; fi`,
    parse: (stdout, code) => parseTree(root, stdout, code),
    // Check mode knows only that a removed tree is gone; any other change below it is read in the run.
    predict: (before, touch) => {
      if (touch.cause !== 'removed' || !touch.object.id.startsWith('path:')) return undefined;
      const gone = touch.object.id.slice('path:'.length);
      if (gone === root || root.startsWith(`${gone}/`)) return [];
      return before.filter((e) => e.path !== gone && !e.path.startsWith(`${gone}/`));
    },
  };
}

/** Why: pure half of directoryTree, tested on captured output of GNU find. */
export function parseTree(root: string, stdout: string, code: number): TreeEntry[] {
  if (code !== 0) throw new BcError(`cannot list ${root} (exit code ${code})`, undefined, 'check that the directory is readable; root-owned trees need become: true');
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [kind, mode, owner, group, ...rest] = line.split('|');
      return { path: rest.join('|'), type: TYPES[kind] ?? 'other', mode: mode.padStart(4, '0'), owner, group };
    });
}
