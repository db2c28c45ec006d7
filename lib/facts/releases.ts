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
  /** The deploy lock, or null when no deploy holds it. */
  lock: DeployLock | null;
}

/** A deploy lock as found on the host. */
export interface DeployLock {
  ageSeconds: number;
  /** What the taking run recorded (run, controller, controller_pid, started, session_pid); absent for older locks. */
  holder?: Record<string, string>;
  /** Whether the holder's session on the host still exists; undefined when the lock does not say. */
  holderAlive?: boolean;
}

// The lock's age, its holder record, and whether the recorded session process still runs (same
// PID and start time: a reused PID is another process).
const LOCK_LINES = [
  'if [ -e .deploy.lock ]; then',
  '  echo "lock=$(( $(date +%s) - $(stat -c %Y .deploy.lock) ))"',
  '  sed "s/^/holder./" .deploy.lock/holder 2>/dev/null',
  '  sp=$(sed -n "s/^session_pid=//p" .deploy.lock/holder 2>/dev/null)',
  '  if [ -n "$sp" ]; then',
  '    ss=$(sed -n "s/^session_start=//p" .deploy.lock/holder)',
  '    if [ "$(sed "s/^.*) //" /proc/$sp/stat 2>/dev/null | cut -d" " -f20)" = "$ss" ]; then echo holder_alive=yes; else echo holder_alive=no; fi',
  '  fi',
  'else echo lock=; fi',
].join('\n');

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
      `${LOCK_LINES}\n` +
      'ls -1t releases 2>/dev/null | sed "s/^/release=/"',
    parse: parseReleases,
    // Files written inside a release leave the list of releases as it is; a removed root empties it.
    predict: (before, touch) => (touch.cause === 'removed' ? { releases: [], current: null, previous: null, lock: null } : before),
  };
}

/** Why: pure half of releaseFact; links point at releases/ID, only the ID matters. */
export function parseReleases(stdout: string): ReleaseState {
  const state: ReleaseState = { releases: [], current: null, previous: null, lock: null };
  for (const line of stdout.split('\n')) {
    const held = /^holder\.([a-z_]+)=(.*)$/.exec(line.trim());
    if (held && state.lock) state.lock.holder = { ...state.lock.holder, [held[1]]: held[2] };
    const alive = /^holder_alive=(yes|no)$/.exec(line.trim());
    if (alive && state.lock) state.lock.holderAlive = alive[1] === 'yes';
    const m = /^(current|previous|lock|release)=(.*)$/.exec(line.trim());
    if (!m || !m[2]) continue;
    const id = m[2].replace(/^.*\//, '');
    if (m[1] === 'current') state.current = id;
    if (m[1] === 'previous') state.previous = id;
    if (m[1] === 'lock') state.lock = { ageSeconds: Number(m[2]) };
    if (m[1] === 'release' && !id.startsWith('.')) state.releases.push(id);
  }
  return state;
}
