// A home directory useradd -m makes: a copy of /etc/skel. Check mode knows what it will hold from
// the skeleton's listing, so a task after the user's creation can plan a path inside the new home.
import { sh } from '../shell/quote.js';
import type { FactSpec, Touch } from './fact.js';
import { pathObject } from './objects.js';

const SKELETON = '/etc/skel';

/** Why: the paths useradd -m copies into every new home, relative to it (directories included). */
export function skeletonFact(): FactSpec<string[]> {
  return {
    key: `skeleton:${SKELETON}`,
    about: [pathObject(SKELETON, { subtree: true })],
    command: sh`if [ -d ${SKELETON} ]; then find ${SKELETON} -mindepth 1 -printf '%P\\n'; fi`,
    parse: (stdout) => stdout.split('\n').filter((line) => line !== ''),
  };
}

/**
 * Why: set (never read) by the change that creates a home, so the facts about paths below it can
 * be predicted from what the skeleton holds (the `new-home` touch cause).
 */
export function newHomeFact(home: string): FactSpec<string[]> {
  return { key: `new-home:${home}`, about: [], command: 'true', parse: () => [] };
}

/**
 * Why: one answer for every path fact after a `new-home` touch: a path below the new home that the
 * skeleton does not hold is absent; the home itself (its mode is login.defs') and the skeleton's
 * copies are unknown to check mode.
 */
export function absentInNewHome(path: string, touch: Touch): boolean {
  if (touch.cause !== 'new-home') return false;
  for (const [key, value] of touch.set) {
    if (!key.startsWith('new-home:')) continue;
    const home = key.slice('new-home:'.length);
    if (!path.startsWith(`${home}/`)) continue;
    const inside = path.slice(home.length + 1);
    return !(value as string[]).some((entry) => entry === inside || entry.startsWith(`${inside}/`));
  }
  return false;
}
