// A fact is a command to run on the host and a pure parse of its output, about named objects on
// the host. Facts of many tasks travel in one script and come back in one round trip (see
// engine/fact-batch.ts); a change to an object updates every fact about it (engine/fact-store.ts).
import type { HostObject } from './objects.js';

/** What a change did to the objects a fact describes, as the fact's predict() sees it. */
export interface Touch {
  /** The object the change touched (the fact is about it, or about something inside it). */
  object: HostObject;
  /** How the objects changed, when the change says so; undefined: written or changed in place. */
  cause?: TouchCause;
  /** The facts the same change set, by key: a sibling fact about the same object may follow from them. */
  set: ReadonlyMap<string, unknown>;
}

/**
 * removed: the objects (a path and everything below it, a package's units) are gone;
 * parents: a path was created with its missing parents (mkdir -p), which exist afterwards;
 * installed: a package that may ship them was installed; lists-updated: apt's lists were updated;
 * accounts: a user or group was created, removed or renumbered (its new facts are in `set`);
 * new-home: useradd -m made a home from /etc/skel (the skeleton's listing is in `set`, see new-home.ts);
 * not-run: a command check mode did not run may have changed them, nobody knows how (fact-store.ts).
 */
export type TouchCause = 'removed' | 'parents' | 'installed' | 'lists-updated' | 'accounts' | 'new-home' | 'not-run';

/**
 * Why: small, pure and keyed by what they describe, facts can be batched, cached per host for
 * the whole run and kept true by the changes: a change names the objects it touches, and every
 * fact about them is replaced (real run: read again; check mode: predicted) whichever module read it.
 */
export interface FactSpec<T> {
  /** Cache key, unique per fact and argument, e.g. `file:/etc/nginx/nginx.conf`, `apt:nginx`. */
  key: string;
  /** The objects on the host whose state this fact shows (see objects.ts); [] for none that a task changes. */
  about: HostObject[];
  /**
   * Objects this value also depends on without describing them: the accounts that turn a file's
   * ids into names, the file a symbolic link leads to. A change to them replaces the fact too, but
   * a change that sets this fact does not touch them.
   */
  dependsOn?(value: T): HostObject[];
  /** Shell snippet run on the host (as root when become); its stdout and exit code go to parse. */
  command: string;
  /** Pure: turns the command's stdout and exit code into the fact's value. */
  parse(stdout: string, code: number): T;
  /**
   * Check mode only: this fact after a change touched one of its objects without setting it
   * (a sibling fact was set, a package was installed, a tree removed). undefined: it cannot be
   * predicted, and a task that needs it is skipped with a warning. A real run reads it again.
   */
  predict?(before: T, touch: Touch): T | undefined;
}
