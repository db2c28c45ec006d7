// `{{ expression }}` in YAML values and `when:` conditions: JavaScript expressions evaluated
// against the task's variables, where an unknown name is an error that names it.
import { BcError, InputError, UndefinedVariableError, type Location } from '../errors.js';

export type Vars = Record<string, unknown>;

const GLOBALS = new Set([
  'Math', 'JSON', 'Number', 'String', 'Boolean', 'Array', 'Object', 'Date', 'RegExp',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'undefined', 'NaN', 'Infinity',
  'encodeURIComponent', 'decodeURIComponent',
]);

/** A value that is exactly one expression keeps its type; any text around it (a newline too) makes it a string. */
const WHOLE = /^\{\{([\s\S]+?)\}\}$/;
const PART = /\{\{([\s\S]+?)\}\}/g;

/** Where an expression was written, for its error messages. */
export interface ExpressionSite {
  location?: Location;
  /** "task \"install nginx\"", "when of task ...". */
  context: string;
}

/** Why: the same check everywhere decides whether a value still needs rendering. */
export function hasExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/**
 * Why: evaluates one JavaScript expression with the variables in scope; the scope is a Proxy so
 * an undefined name throws UndefinedVariableError (naming it) instead of becoming `undefined`.
 * `vars` holds all variables as an object, so `vars.x ?? 'default'` tests for presence.
 */
export function evaluate(expression: string, vars: Vars, site: ExpressionSite): unknown {
  return evaluateIn(expression, lazyScope(vars, site), site);
}

const resolving = new Set<string>();

/**
 * Why: variables may refer to others (`url: "http://{{ private_address }}:8000"`); this view
 * renders each when it is read (also from ejs templates), and a variable that refers to itself
 * is an error. Values that are not plain data (hostvars, functions) are passed through.
 */
export function lazyScope(vars: Vars, site: ExpressionSite): Vars {
  const resolved = new Map<string, unknown>();
  const proxy: Vars = new Proxy(vars, {
    get: (target, name) => {
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(target, name)) return undefined;
      const value = target[name];
      if (!containsExpression(value)) return value;
      if (resolved.has(name)) return resolved.get(name);
      if (resolving.has(name)) throw new InputError(`variable "${name}" refers to itself`, site.location);
      resolving.add(name);
      try {
        const out = renderIn(value, proxy, { ...site, context: `variable "${name}" (used in ${site.context})` });
        resolved.set(name, out);
        return out;
      } finally {
        resolving.delete(name);
      }
    },
  });
  return proxy;
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).some(containsExpression);
  }
  return false;
}

function evaluateIn(expression: string, vars: Vars, site: ExpressionSite): unknown {
  const scope = new Proxy(vars, {
    has: (_target, name) => typeof name === 'string' && !GLOBALS.has(name),
    get: (target, name) => {
      if (name === Symbol.unscopables) return undefined;
      if (name === 'vars') return target;
      if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(target, name)) return target[name];
      throw new UndefinedVariableError(String(name), site.location, site.context);
    },
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(target, name),
  });
  let fn: (scope: unknown) => unknown;
  try {
    fn = new Function('scope', `with (scope) { return (${expression}\n); }`) as typeof fn;
  } catch (error) {
    throw new InputError(`invalid expression {{${expression}}} in ${site.context}: ${(error as Error).message}`, site.location);
  }
  try {
    return fn(scope);
  } catch (error) {
    // Ours already says what and where (an undefined name, an output check mode cannot know).
    if (error instanceof BcError) throw error;
    throw new InputError(`expression {{${expression.trim()}}} failed in ${site.context}: ${(error as Error).message}`, site.location);
  }
}

/**
 * Why: renders every string in a value tree. A string that is one whole `{{ }}` keeps the
 * expression's type (a list stays a list); mixed text interpolates as strings.
 */
export function render(value: unknown, vars: Vars, site: ExpressionSite): unknown {
  return containsExpression(value) ? renderIn(value, lazyScope(vars, site), site) : value;
}

function renderIn(value: unknown, scope: Vars, site: ExpressionSite): unknown {
  if (typeof value === 'string') return renderString(value, scope, site);
  if (Array.isArray(value)) return value.map((v) => renderIn(v, scope, site));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderIn(v, scope, site)]));
  }
  return value;
}

function renderString(text: string, scope: Vars, site: ExpressionSite): unknown {
  if (!text.includes('{{')) return text;
  const whole = WHOLE.exec(text);
  if (whole && !whole[1].includes('}}')) return evaluateIn(whole[1], scope, site);
  return text.replace(PART, (_m, expr: string) => stringify(evaluateIn(expr, scope, site)));
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Why: `when:` takes a bare expression (Ansible style) or a boolean; both land here. */
export function condition(when: unknown, vars: Vars, site: ExpressionSite): boolean {
  if (typeof when === 'boolean') return when;
  const list = Array.isArray(when) ? when : [when];
  return list.every((w) => {
    if (typeof w === 'boolean') return w;
    const text = String(w).trim();
    const whole = WHOLE.exec(text);
    return Boolean(evaluate(whole ? whole[1] : text, vars, site));
  });
}
