// The one way a value enters a shell command: single-quoted, so no value can become code.

/** Why: quoting in one place means no module ever concatenates raw values into commands. */
export function quote(value: string | number): string {
  const s = String(value);
  if (/^[A-Za-z0-9_\/.,:=@%+-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A piece of shell that sh`` inserts as is: a command built by sh`` itself, never user input. */
export class RawShell {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * Why: a tagged template reads like the command it builds while quoting every value;
 * arrays expand to quoted words and RawShell pieces (other sh`` results) stay as they are.
 */
export function sh(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return out;
}

/** Why: lets a command built with sh`` be embedded in another without quoting it twice. */
export function raw(text: string): RawShell {
  return new RawShell(text);
}

function render(value: unknown): string {
  if (value instanceof RawShell) return value.text;
  if (Array.isArray(value)) return value.map(render).join(' ');
  if (typeof value === 'string' || typeof value === 'number') return quote(value);
  throw new TypeError(`sh\`\`: cannot quote a ${typeof value}`);
}
