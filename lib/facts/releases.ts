// Release directories of a deployed service: which exist, which is current, which came before,
// and whether a deploy holds the lock.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { pathObject } from './objects.js';

/** The layout node_release manages under its root: releases/ID, current and previous links, .deploy.lock. */
export interface ReleaseState {
  /** Release ids, newest first. */
  releases: string[];
  current: string | null;
  previous: string | null;
  /** Age in seconds of the deploy lock, or null when no deploy holds it. */
  lockAgeSeconds: number | null;
}

/** Why: one fact per service root, so a deploy's steps plan against each other's predictions. */
export function releaseFact(root: string): FactSpec<ReleaseState> {
  return {
    key: `releases:${root}`,
    about: [
      ...['current', 'previous', '.deploy.lock'].map((name) => pathObject(`${root}/${name}`)),
      pathObject(`${root}/releases`, { subtree: true }),
    ],
    command:
      sh`cd ${root} 2>/dev/null || { echo missing; exit 0; }; ` +
      'echo "current=$(readlink current 2>/dev/null)"; echo "previous=$(readlink previous 2>/dev/null)"; ' +
      'if [ -e .deploy.lock ]; then echo "lock=$(( $(date +%s) - $(stat -c %Y .deploy.lock) ))"; else echo lock=; fi; ' +
      'ls -1t releases 2>/dev/null | sed "s/^/release=/"',
    parse: parseReleases,
    // Files written inside a release leave the list of releases as it is; a removed root empties it.
    predict: (before, touch) => (touch.cause === 'removed' ? { releases: [], current: null, previous: null, lockAgeSeconds: null } : before),
  };
}

/** Why: pure half of releaseFact; links point at releases/ID, only the ID matters. */
export function parseReleases(stdout: string): ReleaseState {
  const state: ReleaseState = { releases: [], current: null, previous: null, lockAgeSeconds: null };
  for (const line of stdout.split('\n')) {
    const m = /^(current|previous|lock|release)=(.*)$/.exec(line.trim());
    if (!m || !m[2]) continue;
    const id = m[2].replace(/^.*\//, '');
    if (m[1] === 'current') state.current = id;
    if (m[1] === 'previous') state.previous = id;
    if (m[1] === 'lock') state.lockAgeSeconds = Number(m[2]);
    if (m[1] === 'release' && !id.startsWith('.')) state.releases.push(id);
  }
  return state;
}
