// `{{ expression }}` in YAML values and `when:` conditions: JavaScript expressions evaluated
// against the task's variables, where an unknown name is an error that names it.
import { BcError, InputError, UndefinedVariableError, type Location } from '../errors.js';
import type { YamlPath } from '../yaml/load.js';
import { jinjaProblem, jinjaWordsHint } from './expression-syntax.js';

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
  /** Where the value as a whole was written. */
  location?: Location;
  /** Where the part at a path inside the value was written (a nested argument, one `when` of a list); wins over location. */
  at?: (path: YamlPath) => Location;
  /** "task \"install nginx\"", "when of task ...". */
  context: string;
}

/** A site while rendering: the path of the string being rendered inside the value, when it has one. */
interface Here extends ExpressionSite {
  path?: YamlPath;
}

/** Why: the location is looked up only when an error needs it (rendering runs per task, host and item). */
function where(here: Here): Location | undefined {
  return here.at ? here.at(here.path ?? []) : here.location;
}

/**
 * Why: one rendering's state, owned by the call that renders: the variables as expressions see
 * them (a view that remembers what it rendered and which names it is rendering right now), and
 * where the string being rendered was written, for errors inside the variables it uses.
 */
interface Scope {
  vars: Vars;
  here: Here;
}

/**
 * Why: variables may refer to others (`url: "http://{{ private_address }}:8000"`); this view
 * renders each when it is read (also from ejs templates, which also see `vars`), and a variable
 * that refers to itself is an error. Values that are not plain data (hostvars, functions) are
 * passed through. Each view has its own state, so `url: "{{ hostvars.db.url }}"` reads db's
 * `url` in db's view instead of taking it for a self-reference.
 */
export function lazyScope(vars: Vars, site: ExpressionSite): Vars {
  return newScope(vars, site).vars;
}

function newScope(vars: Vars, site: ExpressionSite): Scope {
  const resolved = new Map<string, unknown>();
  const resolving: string[] = [];
  const scope: Scope = { vars, here: site };
  scope.vars = new Proxy(vars, {
    has: (target, name) => name === 'vars' || Reflect.has(target, name),
    get: (target, name) => {
      if (name === 'vars') return scope.vars;
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(target, name)) return undefined;
      const value = target[name];
      if (!containsExpression(value)) return value;
      if (resolved.has(name)) return resolved.get(name);
      if (resolving.includes(name)) {
        const cycle = [...resolving.slice(resolving.indexOf(name)), name].join(' → ');
        throw new InputError(`variable "${name}" refers to itself (${cycle})`, where(scope.here), 'one of these variables has to be given a value that does not use the others');
      }
      resolving.push(name);
      try {
        // Errors inside the variable's value point at the place that uses it: that is the line being run.
        const out = renderIn(value, scope, { ...scope.here, context: `variable "${name}" (used in ${scope.here.context})` }, undefined);
        resolved.set(name, out);
        return out;
      } finally {
        resolving.pop();
      }
    },
  });
  return scope;
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).some(containsExpression);
  }
  return false;
}

/**
 * Evaluates one JavaScript expression with the variables in scope; the view is a Proxy so an
 * undefined name throws UndefinedVariableError (naming it) instead of becoming `undefined`.
 * `vars` holds all variables as an object, so `vars.x ?? 'default'` tests for presence.
 */
function evaluateIn(expression: string, scope: Scope, here: Here): unknown {
  const jinja = jinjaProblem(expression, here.context);
  if (jinja) throw new InputError(jinja.message, where(here), jinja.hint);
  const view = new Proxy(scope.vars, {
    has: (_target, name) => typeof name === 'string' && !GLOBALS.has(name),
    get: (target, name) => {
      if (name === Symbol.unscopables) return undefined;
      if (name === 'vars') return target;
      if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(target, name)) return target[name];
      throw new UndefinedVariableError(String(name), where(here), here.context);
    },
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(target, name),
  });
  let fn: (scope: unknown) => unknown;
  try {
    fn = new Function('scope', `with (scope) { return (${expression}\n); }`) as typeof fn;
  } catch (error) {
    throw new InputError(`invalid expression {{${expression}}} in ${here.context}: ${(error as Error).message}`, where(here), jinjaWordsHint(expression));
  }
  const outer = scope.here;
  scope.here = here;
  try {
    return fn(view);
  } catch (error) {
    // Ours already says what and where (an undefined name, an output check mode cannot know).
    if (error instanceof BcError) throw error;
    throw new InputError(`expression {{${expression.trim()}}} failed in ${here.context}: ${(error as Error).message}`, where(here));
  } finally {
    scope.here = outer;
  }
}

/**
 * Why: renders every string in a value tree. A string that is one whole `{{ }}` keeps the
 * expression's type (a list stays a list, null stays null); mixed text interpolates as strings.
 * A value that gives undefined (a misspelled property) or NaN is an error, not an empty or
 * "NaN" string in a config file or command.
 */
export function render(value: unknown, vars: Vars, site: ExpressionSite): unknown {
  return containsExpression(value) ? renderIn(value, newScope(vars, site), site, site.at ? [] : undefined) : value;
}

/** `path` is where `value` sits in the site's value; undefined: the whole value keeps the site's place. */
function renderIn(value: unknown, scope: Scope, site: Here, path: YamlPath | undefined): unknown {
  if (typeof value === 'string') return value.includes('{{') ? renderString(value, scope, path ? { ...site, path } : site) : value;
  if (Array.isArray(value)) return value.map((v, i) => renderIn(v, scope, site, path && [...path, i]));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderIn(v, scope, site, path && [...path, k])]));
  }
  return value;
}

function renderString(text: string, scope: Scope, here: Here): unknown {
  refuseUnclosed(text, here);
  const whole = WHOLE.exec(text);
  if (whole && !whole[1].includes('}}')) {
    const value = evaluateIn(whole[1], scope, here);
    if (value === undefined || Number.isNaN(value)) throw nothingToWrite(whole[1], value, here);
    return value;
  }
  return text.replace(PART, (_m, expr: string) => interpolate(evaluateIn(expr, scope, here), expr, here));
}

/** Why: `"/srv/{{ inventory_hostname"` must not reach a host as a literal path. */
function refuseUnclosed(text: string, here: Here): void {
  const open = text.replace(PART, (m) => ' '.repeat(m.length)).indexOf('{{');
  if (open < 0) return;
  const shown = text.length <= 80 ? text : `${text.slice(open, open + 60)}…`;
  throw new InputError(`unclosed {{ in ${here.context}: ${JSON.stringify(shown)} has no }} after it`, where(here), "end the expression with }} (a literal {{ is written {{ '{{' }})");
}

function interpolate(value: unknown, expression: string, here: Here): string {
  if (value === undefined || value === null || Number.isNaN(value)) throw nothingToWrite(expression, value, here);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function nothingToWrite(expression: string, value: unknown, here: Here): InputError {
  const what = value === null ? 'null' : value === undefined ? 'undefined' : 'NaN (not a number)';
  return new InputError(
    `expression {{ ${expression.trim()} }} is ${what} in ${here.context}`,
    where(here),
    "check the names in it (a misspelled property gives undefined in JavaScript, not an error); for a value that may be absent write vars.name ?? 'fallback'",
  );
}

/** Why: `when:` takes a bare expression (Ansible style) or a boolean, or a list of them that must all hold. */
export function condition(when: unknown, vars: Vars, site: ExpressionSite): boolean {
  if (typeof when === 'boolean') return when;
  const list = Array.isArray(when) ? when : [when];
  const scope = newScope(vars, site);
  return list.every((w, i) => {
    if (typeof w === 'boolean') return w;
    const here: Here = site.at ? { ...site, path: Array.isArray(when) ? [i] : [] } : site;
    const text = String(w).trim();
    const whole = WHOLE.exec(text);
    if (!whole) refuseUnclosed(text, here);
    return Boolean(evaluateIn(whole ? whole[1] : text, scope, here));
  });
}
