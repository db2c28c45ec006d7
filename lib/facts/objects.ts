// The objects facts describe and changes touch: a path, a unit, a package, a user... named by a
// string id, so facts read by different modules about one object are found by one comparison.
import { posix } from 'node:path';

/**
 * Why: a fact and a change meet through the objects they name, not through the module that read
 * the fact. `subtree`: everything below a path too (a directory listing, a removed tree);
 * `prefix`: every object whose id starts with this one (the units a package ships).
 */
export interface HostObject {
  id: string;
  /** How a message names it, when its id does not read well ("the package lists"). */
  label?: string;
  subtree?: boolean;
  prefix?: boolean;
}

/**
 * Why: which name a user or group id shows under (a file's owner, a user's groups) depends on the
 * accounts that exist: creating, removing or renumbering one touches this object.
 */
export const ACCOUNT_NAMES: HostObject = { id: 'accounts:names' };

/** Why: one spelling per path (`/etc/x/` and `/etc//x` are `/etc/x`), so keys and objects agree. */
export function pathObject(path: string, opts: { subtree?: boolean } = {}): HostObject {
  return { id: `path:${normalizePath(path)}`, ...(opts.subtree ? { subtree: true } : {}) };
}

/** Why: every parent of a path, for changes that create them (mkdir -p). */
export function ancestorObjects(path: string): HostObject[] {
  const out: HostObject[] = [];
  for (let p = posix.dirname(normalizePath(path)); p !== '/' && p !== '.'; p = posix.dirname(p)) out.push(pathObject(p));
  return out;
}

/** Why: the path facts and effects agree on; relative paths (creates without chdir) stay relative. */
export function normalizePath(path: string): string {
  const n = posix.normalize(path);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Why: whether a change to one object can change a fact about the other. */
export function overlaps(a: HostObject, b: HostObject): boolean {
  if (a.id === b.id) return true;
  if ((a.prefix && b.id.startsWith(a.id)) || (b.prefix && a.id.startsWith(b.id))) return true;
  return (a.subtree === true && isBelow(b.id, a.id)) || (b.subtree === true && isBelow(a.id, b.id));
}

function isBelow(id: string, root: string): boolean {
  if (!root.startsWith('path:') || !id.startsWith('path:')) return false;
  return id.startsWith(root === 'path:/' ? root : `${root}/`);
}
