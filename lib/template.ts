// The one place that renders ejs: config files and other templates of roles and playbooks.
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { InputError, UndefinedVariableError } from './errors.js';
import { displayPath } from './yaml/load.js';

/**
 * Why: templates write config files, not HTML, so `<%= %>` must not HTML-escape; an undefined
 * variable must name the variable and the template's file:line instead of a bare ReferenceError.
 */
export function renderTemplateFile(path: string, vars: Record<string, unknown>): string {
  const text = readFileSync(path, 'utf8');
  try {
    return ejs.render(text, vars, { filename: path, escape: (s: unknown) => String(s), async: false }) as string;
  } catch (error) {
    throw templateError(error, path, text);
  }
}

function templateError(error: unknown, path: string, text: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /^[^\n]*:(\d+)\n/.exec(message);
  const line = lineMatch ? Number(lineMatch[1]) : 1;
  const cause = message.split('\n').filter(Boolean).pop() ?? message;
  const location = { file: displayPath(path), line, col: 1, source: text.split('\n')[line - 1] ?? '' };
  const undefinedName = /^(\S+) is not defined$/.exec(cause);
  if (undefinedName) return new UndefinedVariableError(undefinedName[1], location, 'template');
  return new InputError(`template error: ${cause}`, location);
}
