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
 * Why: one answer for every path fact after a `new-home` touch (the touched object is the home,
 * the change re-sets the skeleton's listing): a path below the new home that the skeleton does not
 * hold is absent; the home itself (its mode is login.defs') and the skeleton's copies are unknown.
 */
export function absentInNewHome(path: string, touch: Touch): boolean {
  const skeleton = touch.set.get(skeletonFact().key) as string[] | undefined;
  if (touch.cause !== 'new-home' || !skeleton || !touch.object.id.startsWith('path:')) return false;
  const home = touch.object.id.slice('path:'.length);
  if (!path.startsWith(`${home}/`)) return false;
  const inside = path.slice(home.length + 1);
  return !skeleton.some((entry) => entry === inside || entry.startsWith(`${inside}/`));
}
