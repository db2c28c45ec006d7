// A host's facts for the whole run: read once, then kept up to date by the changes' effects.
import type { FactSpec } from '../facts/fact.js';
import type { FactEffect } from '../modules/module.js';

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

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): unknown {
    return this.values.get(key);
  }

  missing(specs: FactSpec<unknown>[]): FactSpec<unknown>[] {
    return specs.filter((s) => !this.values.has(s.key));
  }

  /** Stores facts just read from the host; in check mode a tainted fact takes its assumption. */
  remember(spec: FactSpec<unknown>, value: unknown): void {
    this.specs.set(spec.key, spec);
    const assumed = this.check && spec.assumeAfterInvalidation !== undefined && this.tainted.some((p) => spec.key.startsWith(p));
    this.values.set(spec.key, assumed ? spec.assumeAfterInvalidation : value);
  }

  /**
   * A real run drops invalidated facts (they are read again when needed); check mode keeps what
   * it knows, switching facts with an assumption to it, since the host itself did not change.
   */
  apply(effects: FactEffect[]): void {
    for (const effect of effects) {
      if ('key' in effect) {
        this.values.set(effect.key, effect.value);
        continue;
      }
      if ('unpredictable' in effect) {
        if (!this.check) this.values.clear();
        continue;
      }
      const prefix = effect.invalidatePrefix;
      if (this.check) this.tainted.push(prefix);
      for (const key of [...this.values.keys()].filter((k) => k.startsWith(prefix))) {
        const assumption = this.specs.get(key)?.assumeAfterInvalidation;
        if (!this.check) this.values.delete(key);
        else if (assumption !== undefined) this.values.set(key, assumption);
      }
    }
  }
}
