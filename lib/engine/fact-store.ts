// A host's facts for the whole run: read once, then kept true by the changes' effects. Facts are
// keyed by what they read, but a change reaches them through the objects they describe, so a
// fact about a path read by one module is replaced when another module writes that path.
import { BcError, InternalError } from '../errors.js';
import type { FactSpec } from '../facts/fact.js';
import { APT_LISTS } from '../facts/apt.js';
import { overlaps, type HostObject } from '../facts/objects.js';
import type { TouchCause } from '../facts/fact.js';
import type { FactEffect } from '../modules/module.js';

/**
 * Who read a fact: root (become, or a root login), the login user without become, or a
 * become_user. A user who is not root may see less (an unreadable file) or else (`id -un`), so
 * they are kept apart.
 */
export type FactReader = 'root' | 'login' | `user=${string}`;

/**
 * Why: check mode met a fact that a change it only predicted touched in a way it cannot know;
 * the task that needs it is skipped with this as its warning, never planned on a stale value.
 */
export class UnknownFactError extends BcError {
  constructor(key: string, object: HostObject, by: string, notRun: boolean) {
    const what = notRun ? 'may change' : 'changes';
    super(`cannot be predicted: task ${by} ${what} ${describeObject(object)} (${key}), which check mode ${notRun ? 'does not run' : 'cannot know'}`);
  }
}

/**
 * Why: what a change nobody can see into does to the facts (a task that failed half-way, a
 * package's install scripts): in a real run every fact is read again; check mode did not run it
 * and keeps its facts, and a later task that cannot plan names it instead of failing (see
 * run-task.ts). A command that did run is FactStore.reread, in check mode too.
 */
export const ANYTHING_MAY_HAVE_CHANGED: FactEffect[] = [{ unpredictable: true }];

/**
 * Why: what a command or shell task check mode did not run (and that changed_when: false does
 * not declare read-only) may have changed, in check mode: it is not seen into, so the facts it
 * may have changed keep their values (the best prediction there is) where a wrong value only
 * misses a change, but a fact on which a later task would predict a failure or a warning is
 * unknown: the package lists (`apt-get update` in a script), whose "no candidate" or "no lists"
 * the command may have made untrue. A command that did run is FactStore.reread.
 */
export const A_COMMAND_NOT_RUN: FactEffect[] = [{ touch: APT_LISTS, cause: 'not-run' }];

const UNKNOWN = Symbol('unknown fact');
interface Unknown {
  [UNKNOWN]: true;
  object: HostObject;
  by: string;
  /** The change was a command check mode did not run (A_COMMAND_NOT_RUN). */
  notRun: boolean;
}

/** One applied change, kept in check mode for facts first read after it. */
interface AppliedChange {
  set: Map<string, unknown>;
  touches: Array<{ object: HostObject; cause?: TouchCause }>;
  by: string;
}

/**
 * Why: later tasks plan against the state earlier changes leave behind, in check mode (where
 * nothing ran) exactly as in a real run; that is what makes --check a prediction, not a guess.
 */
export class FactStore {
  private readonly values = new Map<string, unknown>();
  private readonly specs = new Map<string, FactSpec<unknown>>();
  /** Check mode: every change so far, in order, replayed over facts read after it. */
  private readonly history: AppliedChange[] = [];
  /** Every reader a fact was stored for: a change sets its facts for all of them. */
  private readonly readers = new Set<FactReader>(['root', 'login']);

  constructor(private readonly check: boolean) {}

  has(key: string, reader: FactReader): boolean {
    return this.values.has(`${reader}:${key}`);
  }

  /** The fact's value; throws UnknownFactError when check mode cannot know it. */
  get(key: string, reader: FactReader): unknown {
    // A planner given undefined for a fact nobody read would plan on "absent" without a word.
    if (!this.values.has(`${reader}:${key}`)) throw new InternalError(`fact ${key} was not read before planning`);
    const value = this.values.get(`${reader}:${key}`);
    if (isUnknown(value)) throw new UnknownFactError(key, value.object, value.by, value.notRun);
    return value;
  }

  missing(specs: FactSpec<unknown>[], reader: FactReader): FactSpec<unknown>[] {
    return specs.filter((s) => !this.has(s.key, reader));
  }

  /** Stores a fact just read from the host; check mode first replays the changes it predicted. */
  remember(spec: FactSpec<unknown>, value: unknown, reader: FactReader): void {
    this.specs.set(spec.key, spec);
    let now = value;
    for (const change of this.check ? this.history : []) now = this.after(spec, now, change);
    this.values.set(`${reader}:${spec.key}`, now);
    this.readers.add(reader);
  }

  /**
   * The host changed (or, in check mode, would change) for every reader alike: set facts take
   * their values, every other fact about a touched object is dropped (a real run reads it
   * again) or predicted (check mode, where the host did not change). `by` names the task.
   * `ran`: in check mode, the change did run (check_mode: false): the host changed, its facts are
   * read again like in a real run, and facts read later are not replayed through it.
   */
  apply(effects: FactEffect[], by: string, ran = false): void {
    const predicted = this.check && !ran;
    const change: AppliedChange = { set: new Map(), touches: [], by };
    const bySetting: AppliedChange['touches'] = [];
    let unpredictable = false;
    for (const effect of effects) {
      if ('fact' in effect) {
        this.specs.set(effect.fact.key, effect.fact);
        change.set.set(effect.fact.key, effect.value);
        bySetting.push(...effect.fact.about.map((object) => ({ object })));
      } else if ('touch' in effect) change.touches.push({ object: effect.touch, cause: effect.cause });
      else unpredictable = true;
    }
    // A touch that says how an object changed is asked before the plain touch of a set fact.
    change.touches.push(...bySetting);
    if (unpredictable && !predicted) this.values.clear();
    for (const stored of [...this.values.keys()]) {
      const key = stored.slice(stored.indexOf(':') + 1);
      if (change.set.has(key)) continue;
      const spec = this.specs.get(key);
      if (!spec || !touching(spec, this.values.get(stored), change)) continue;
      if (predicted) this.values.set(stored, this.after(spec, this.values.get(stored), change));
      else this.values.delete(stored);
    }
    for (const [key, value] of change.set) for (const reader of this.readers) this.values.set(`${reader}:${key}`, value);
    if (predicted) this.history.push(change);
  }

  /**
   * A command or shell task ran (in a real run, or with check_mode: false in --check), whatever
   * its changed_when says: it may have written anything, so every fact is read again before the
   * next task plans. Check mode replays what it predicted so far over the facts read again.
   */
  reread(): void {
    this.values.clear();
  }

  /** What a fact becomes through one change: the value it set, a prediction, or unknown. */
  private after(spec: FactSpec<unknown>, before: unknown, change: AppliedChange): unknown {
    if (change.set.has(spec.key)) return change.set.get(spec.key);
    const touch = touching(spec, before, change);
    if (!touch || isUnknown(before)) return before;
    const predicted = spec.predict?.(before, { object: touch.object, cause: touch.cause, set: change.set });
    return predicted === undefined ? ({ [UNKNOWN]: true, object: touch.object, by: change.by, notRun: touch.cause === 'not-run' } satisfies Unknown) : predicted;
  }
}

function touching(spec: FactSpec<unknown>, value: unknown, change: AppliedChange): { object: HostObject; cause?: TouchCause } | undefined {
  const objects = [...spec.about, ...(spec.dependsOn && !isUnknown(value) ? spec.dependsOn(value) : [])];
  return change.touches.find((t) => objects.some((o) => overlaps(o, t.object)));
}

function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && UNKNOWN in value;
}

function describeObject({ id, label }: HostObject): string {
  if (label) return label;
  const colon = id.indexOf(':');
  return colon < 0 ? id : `${id.slice(0, colon)} ${id.slice(colon + 1)}`;
}
