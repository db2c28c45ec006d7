// What a user coming from Ansible writes in an expression that JavaScript reads differently:
// Jinja filters (`x | default('y')`, which JavaScript takes as a bitwise OR) and tests
// (`x is defined`). Each is found before evaluation, with the JavaScript that does the same.

/** What is wrong with an expression written as Jinja, and the JavaScript to write instead. */
export interface JinjaProblem {
  message: string;
  hint: string;
}

/** Why: a filter that happens to parse as JavaScript (`a | b`) would silently compute a bitwise OR. */
export function jinjaProblem(expression: string, context: string): JinjaProblem | undefined {
  if (!expression.includes('|') && !/\sis\s/.test(expression)) return undefined;
  const code = codeOnly(expression);
  const shown = `expression {{ ${expression.trim()} }} in ${context}`;
  const filter = /(^|[^|])\|(?![|=])\s*([A-Za-z_$][\w$]*)/.exec(code);
  if (filter) {
    const pipe = filter.index + filter[1].length;
    const name = filter[2];
    const left = operand(expression.slice(0, pipe).trim());
    const idiom = FILTERS[name]?.(left, argumentsAfter(expression, code, filter.index + filter[0].length));
    return { message: `${shown} uses the Jinja filter "| ${name}": bc-play expressions are JavaScript`, hint: idiom ? `write ${idiom}` : GENERIC_FILTER_HINT };
  }
  const check = /([A-Za-z_$][\w$.[\]]*)\s+is\s+(not\s+)?([A-Za-z_]\w*)/.exec(code);
  if (check) {
    const subject = expression.slice(check.index, check.index + check[1].length);
    const negated = check[2] !== undefined;
    const idiom = TESTS[check[3]]?.(operand(subject), negated);
    const test = `is ${negated ? 'not ' : ''}${check[3]}`;
    return { message: `${shown} uses the Jinja test "${test}": bc-play expressions are JavaScript`, hint: idiom ? `write ${idiom}` : GENERIC_TEST_HINT };
  }
  return undefined;
}

/** Why: `and`, `or` and `not` make JavaScript's parser fail with a message that does not say why. */
export function jinjaWordsHint(expression: string): string | undefined {
  return /\b(and|or|not)\b/.test(codeOnly(expression)) ? 'bc-play expressions are JavaScript: write && for and, || for or, ! for not' : undefined;
}

const GENERIC_FILTER_HINT =
  "filters are written as JavaScript: vars.x ?? 'y' for default('y'), x.toUpperCase() for upper, list.join(', ') for join; || (or) is JavaScript and stays allowed";
const GENERIC_TEST_HINT = 'tests are written as JavaScript comparisons, e.g. vars.x !== undefined for "is defined", typeof x === \'string\' for "is string"';

/** The JavaScript for common Jinja filters, given the operand and the filter's arguments. */
const FILTERS: Record<string, (x: string, args: string) => string> = {
  default: (x, a) => `${presence(x)} ?? ${a || "''"}`,
  d: (x, a) => `${presence(x)} ?? ${a || "''"}`,
  upper: (x) => `${x}.toUpperCase()`,
  lower: (x) => `${x}.toLowerCase()`,
  trim: (x) => `${x}.trim()`,
  length: (x) => `${x}.length`,
  count: (x) => `${x}.length`,
  join: (x, a) => `${x}.join(${a || "''"})`,
  int: (x) => `parseInt(${x}, 10)`,
  float: (x) => `Number(${x})`,
  string: (x) => `String(${x})`,
  bool: (x) => `Boolean(${x})`,
  to_json: (x) => `JSON.stringify(${x})`,
  to_nice_json: (x) => `JSON.stringify(${x}, null, 2)`,
  from_json: (x) => `JSON.parse(${x})`,
  first: (x) => `${x}[0]`,
  last: (x) => `${x}.at(-1)`,
  replace: (x, a) => `${x}.replaceAll(${a})`,
  unique: (x) => `[...new Set(${x})]`,
  sort: (x) => `[...${x}].sort()`,
  min: (x) => `Math.min(...${x})`,
  max: (x) => `Math.max(...${x})`,
  dict2items: (x) => `Object.entries(${x})`,
  basename: (x) => `${x}.split('/').pop()`,
};

/** The JavaScript for common Jinja (and Ansible) tests, given the subject and whether it is negated. */
const TESTS: Record<string, (x: string, not: boolean) => string> = {
  defined: (x, not) => `${presence(x)} ${not ? '===' : '!=='} undefined`,
  undefined: (x, not) => `${presence(x)} ${not ? '!==' : '==='} undefined`,
  none: (x, not) => `${x} ${not ? '!==' : '==='} null`,
  string: (x, not) => `typeof ${x} ${not ? '!==' : '==='} 'string'`,
  number: (x, not) => `typeof ${x} ${not ? '!==' : '==='} 'number'`,
  sequence: (x, not) => `${not ? '!' : ''}Array.isArray(${x})`,
  failed: (x, not) => `${not ? '!' : ''}${x}.failed`,
  succeeded: (x, not) => `${not ? '' : '!'}${x}.failed`,
  changed: (x, not) => `${not ? '!' : ''}${x}.changed`,
  skipped: (x, not) => `${not ? '!' : ''}${x}.skipped`,
};

/** `vars.name` tests for presence without an undefined-variable error; other operands stay as written. */
function presence(x: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(x) ? `vars.${x}` : x;
}

/** An operand that is not a plain name or property path gets parentheses, so a method applies to all of it. */
function operand(text: string): string {
  return /^[\w$.[\]'"]+$/.test(text) ? text : `(${text})`;
}

/** The text between the parentheses right after `from`, if a call follows (`default('y')` → `'y'`). */
function argumentsAfter(expression: string, code: string, from: number): string {
  const open = /^\s*\(/.exec(code.slice(from));
  if (!open) return '';
  const start = from + open[0].length;
  let depth = 1;
  for (let i = start; i < code.length; i++) {
    if (code[i] === '(') depth++;
    if (code[i] === ')' && --depth === 0) return expression.slice(start, i).trim();
  }
  return '';
}

/**
 * Why: a `|` or `is` inside a string or regular expression (`x.split('|')`, `/web|db/`) is not
 * an operator; this blanks the insides of string, template and regex literals (same length, so
 * indexes still match the expression).
 */
function codeOnly(expression: string): string {
  const out = expression.split('');
  let i = 0;
  let previous = '';
  while (i < expression.length) {
    const c = expression[i];
    if (c === '"' || c === "'" || c === '`' || (c === '/' && startsRegex(previous))) {
      const end = literalEnd(expression, i);
      for (let j = i + 1; j < end - 1; j++) out[j] = ' ';
      i = end;
      previous = 'a';
      continue;
    }
    if (!/\s/.test(c)) previous = c;
    i++;
  }
  return out.join('');
}

/** A `/` starts a regex where a value is expected: at the start or after an operator or opening bracket. */
function startsRegex(previous: string): boolean {
  return previous === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(previous);
}

/** The index just after the literal that opens at `start` (its closing quote or slash and flags). */
function literalEnd(text: string, start: number): number {
  const quote = text[start];
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '/') {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) return i + 1 + (/^[a-z]*/.exec(text.slice(i + 1))?.[0].length ?? 0);
      continue;
    }
    if (c === quote) return i + 1;
  }
  return text.length;
}
