// Redaction by value: every secret the engine knows is replaced before anything is written.
import { quote } from '../shell/quote.js';

/** What a secret value is replaced with. */
export const REDACTED = '********';

/**
 * Why: secrets leak through output, diffs, -v commands, JSON events and error messages alike;
 * replacing their values (and the forms they take inside commands, JSON and URLs) in every
 * event before a reporter sees it closes all those paths at once.
 */
export class Redactor {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;

  /** Every non-empty value is redacted, however short: a leaked secret costs more than noisy output. */
  add(value: string): void {
    if (value === '') return;
    const before = this.forms.size;
    for (const form of encodings(value)) this.forms.add(form);
    if (this.forms.size !== before) this.pattern = undefined;
  }

  redact(text: string): string {
    if (this.forms.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.forms]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }

  /** Redacts every string (keys included) inside arrays and plain objects; other values stay. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redact(k), this.redactDeep(v)])) as T;
    }
    return value;
  }
}

/** The value as written, and as it appears shell-quoted, JSON-escaped, URL-encoded or base64'd. */
function encodings(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [
    value,
    quote(value),
    value.replace(/'/g, `'\\''`),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    bytes.toString('base64'),
    bytes.toString('base64url'),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
