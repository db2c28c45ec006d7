// The one place that renders ejs: config files and other templates of roles and playbooks.
import ejs from 'ejs';
import { readFileSync, statSync } from 'node:fs';
import { BcError, InputError, UndefinedVariableError } from './errors.js';
import { displayPath } from './yaml/load.js';

/**
 * Why: templates write config files, not HTML, so `<%= %>` must not HTML-escape; an undefined
 * variable must name the variable and the template's file:line instead of a bare ReferenceError,
 * and an output that is undefined, null, NaN or "[object Object]" (a misspelled property, a
 * whole map) is an error at its tag instead of that text in the file.
 */
export function renderTemplateFile(path: string, vars: Record<string, unknown>): string {
  const template = compiled(path);
  try {
    return template.render(vars);
  } catch (error) {
    throw templateError(error, path, template.text);
  }
}

type Compiled = { text: string; render: (vars: Record<string, unknown>) => string };

/**
 * Templates compiled once per path and version of the file: a run renders the same ones for
 * every host, and a file changed since (a test, a long-lived process) is compiled again.
 */
const templates = new Map<string, { version: string; template: Compiled }>();

function compiled(path: string): Compiled {
  const version = versionOf(path);
  const known = templates.get(path);
  if (known?.version === version) return known.template;
  const template = compile(path);
  templates.set(path, { version, template });
  return template;
}

function versionOf(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): InputError {
  return new InputError(`cannot read template ${displayPath(path)}: ${(error as NodeJS.ErrnoException).code ?? error}`);
}

function compile(path: string): Compiled {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    // `<%-` (unescaped) is `<%=` here, since nothing is escaped: both go through the strict check.
    const fn = ejs.compile(text.replaceAll('<%-', '<%='), { filename: path, escape: strictOutput, async: false });
    return { text, render: (vars) => fn(vars) };
  } catch (error) {
    throw templateError(error, path, text);
  }
}

/** What ejs writes before the message of an error thrown while rendering: file:line, then the lines around it. */
const EJS_CONTEXT = /^[^\n]*:\d+\n(?:(?: >> |    )\d+\| [^\n]*\n)*\n/;

/** Thrown by strictOutput; ejs adds the template line to its message. */
class NothingToWrite extends Error {
  constructor(readonly what: string) {
    super(`output is ${what}`);
  }
}

function strictOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) throw new NothingToWrite(String(value));
  if (Number.isNaN(value)) throw new NothingToWrite('NaN (not a number)');
  const text = String(value);
  if (/\[object \w+\]/.test(text)) throw new NothingToWrite(`an object, written as "${text}"`);
  return text;
}

function templateError(error: unknown, path: string, text: string): Error {
  // Ours already says what and where (a variable's own expression, an output check mode cannot
  // know): it leaves as it came, without the place ejs put before its message.
  if (error instanceof BcError) return Object.assign(error, { message: error.message.replace(EJS_CONTEXT, '') });
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /^[^\n]*:(\d+)\n/.exec(message);
  const line = lineMatch ? Number(lineMatch[1]) : 1;
  const cause = message.split('\n').filter(Boolean).pop() ?? message;
  const source = text.split('\n')[line - 1] ?? '';
  const location = { file: displayPath(path), line, col: 1, source };
  const undefinedName = /^(\S+) is not defined$/.exec(cause);
  if (undefinedName) {
    const at = new RegExp(`(?<![\\w$.])${undefinedName[1].replace(/\$/g, '\\$')}(?![\\w$])`).exec(source);
    return new UndefinedVariableError(undefinedName[1], { ...location, col: (at?.index ?? 0) + 1 }, 'template');
  }
  if (error instanceof NothingToWrite) {
    const tags = [...source.matchAll(/<%[=-][\s\S]*?%>/g)];
    const col = (tags[0]?.index ?? 0) + 1;
    const which = tags.length === 1 ? `output ${tags[0][0]}` : `an output on this line (${tags.map((t) => t[0]).join(', ') || 'a tag that spans lines'})`;
    return new InputError(
      `${which} is ${error.what} in template`,
      { ...location, col },
      "check the names in it (a misspelled property gives undefined in JavaScript, not an error); for a value that may be absent write <%= vars.name ?? '' %>",
    );
  }
  return new InputError(`template error: ${cause}`, location);
}
