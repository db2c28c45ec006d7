// A host's facts for the whole run: read once, then kept up to date by the changes' effects.
import type { FactSpec } from '../facts/fact.js';
import type { FactEffect } from '../modules/module.js';

/**
 * Who read a fact: root (become, or a root login) or the login user without become. A user who
 * is not root may see less (an unreadable file) or else (`id -un`), so the two are kept apart.
 */
export type FactReader = 'root' | 'login';

/**
 * Why: later tasks plan against the state earlier changes leave behind, in check mode (where
 * nothing ran) exactly as in a real run; that is what makes --check a prediction, not a guess.
 */
export class FactStore {
  private readonly values = new Map<string, unknown>();
  private readonly specs = new Map<string, FactSpec<unknown>>();
  /** Check mode: prefixes invalidated by predicted changes, whose facts the host cannot tell yet. */
  private readonly tainted: string[] = [];

  constructor(private readonly check: boolean) {}

  has(key: string, reader: FactReader): boolean {
    return this.values.has(`${reader}:${key}`);
  }

  get(key: string, reader: FactReader): unknown {
    return this.values.get(`${reader}:${key}`);
  }

  missing(specs: FactSpec<unknown>[], reader: FactReader): FactSpec<unknown>[] {
    return specs.filter((s) => !this.has(s.key, reader));
  }

  /** Stores facts just read from the host; in check mode a tainted fact takes its assumption. */
  remember(spec: FactSpec<unknown>, value: unknown, reader: FactReader): void {
    this.specs.set(spec.key, spec);
    const assumed = this.check && spec.assumeAfterInvalidation !== undefined && this.tainted.some((p) => spec.key.startsWith(p));
    this.values.set(`${reader}:${spec.key}`, assumed ? spec.assumeAfterInvalidation : value);
  }

  /**
   * The host changed for every reader alike. A real run drops invalidated facts (they are read
   * again when needed); check mode keeps what it knows, switching facts with an assumption to
   * it, since the host itself did not change.
   */
  apply(effects: FactEffect[]): void {
    for (const effect of effects) {
      if ('key' in effect) {
        for (const reader of ['root', 'login'] as const) this.values.set(`${reader}:${effect.key}`, effect.value);
        continue;
      }
      if ('unpredictable' in effect) {
        if (!this.check) this.values.clear();
        continue;
      }
      const prefix = effect.invalidatePrefix;
      if (this.check) this.tainted.push(prefix);
      for (const stored of [...this.values.keys()]) {
        const key = stored.slice(stored.indexOf(':') + 1);
        if (!key.startsWith(prefix)) continue;
        const assumption = this.specs.get(key)?.assumeAfterInvalidation;
        if (!this.check) this.values.delete(stored);
        else if (assumption !== undefined) this.values.set(stored, assumption);
      }
    }
  }
}
