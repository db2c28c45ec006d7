// The one place that renders ejs: config files and other templates of roles and playbooks.
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import { InputError, UndefinedVariableError } from './errors.js';
import { getOrCreate } from './memo.js';
import { displayPath } from './yaml/load.js';

/**
 * Why: templates write config files, not HTML, so `<%= %>` must not HTML-escape; an undefined
 * variable must name the variable and the template's file:line instead of a bare ReferenceError.
 */
export function renderTemplateFile(path: string, vars: Record<string, unknown>): string {
  const template = compiled(path);
  try {
    return template.render(vars);
  } catch (error) {
    throw templateError(error, path, template.text);
  }
}

/** Templates compiled once per process and path: a run renders the same ones for every host. */
const templates = new Map<string, { text: string; render: (vars: Record<string, unknown>) => string }>();

function compiled(path: string): { text: string; render: (vars: Record<string, unknown>) => string } {
  return getOrCreate(templates, path, () => {
    const text = readFileSync(path, 'utf8');
    try {
      const fn = ejs.compile(text, { filename: path, escape: (s: unknown) => String(s), async: false });
      return { text, render: (vars) => fn(vars) };
    } catch (error) {
      throw templateError(error, path, text);
    }
  });
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
