// A stand-in for values known only while a run goes on (facts, registered results, loop items).

/** What a deferred value becomes inside a string, so the string is known to be deferred too. */
const TEXT = '\u0000deferred\u0000';

/**
 * Why: checking variables before any host is contacted means evaluating expressions whose
 * inputs are not known yet; this value absorbs any use (property, call, string, loop) so only
 * names that no layer defines can fail.
 */
export const DEFERRED: unknown = new Proxy(function deferred() {}, {
  get: (_t, name) => {
    if (name === Symbol.toPrimitive) return () => TEXT;
    if (name === Symbol.iterator) return function* empty() {};
    if (name === 'then' || name === 'toJSON') return undefined;
    return DEFERRED;
  },
  apply: () => DEFERRED,
  has: () => true,
});

/** Why: a rendered value that holds a deferred part cannot be type-checked yet. */
export function containsDeferred(value: unknown): boolean {
  if (value === DEFERRED) return true;
  if (typeof value === 'string') return value.includes(TEXT);
  if (Array.isArray(value)) return value.some(containsDeferred);
  if (value && typeof value === 'object') return Object.values(value).some(containsDeferred);
  return false;
}
