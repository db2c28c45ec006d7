// The parser's first complaint about a YAML file, turned into the mistake a user has to fix and
// the place to fix it (the parser reports some mistakes where it noticed them, not where they are).
import { Parser, type YAMLError } from 'yaml';
import { InputError, type Location } from '../errors.js';

/** Why: a quote that never closes swallows the rest of the file; a tab is invisible in the snippet. */
export function yamlSyntaxError(problem: YAMLError, text: string, at: (offset: number) => Location): InputError {
  const offset = problem.pos[0];
  const tab = tabInIndentation(text, offset);
  if (tab !== undefined) {
    return new InputError('YAML syntax error: a tab in the indentation: YAML indents with spaces only', at(tab), 'replace the tab with spaces');
  }
  const quote = problem.code === 'MISSING_CHAR' ? unclosedQuote(text, offset) : undefined;
  if (quote) {
    const mark = quote.kind === 'double' ? '"' : "'";
    const escaped = quote.kind === 'double' ? '\\"' : "''";
    return new InputError(
      `YAML syntax error: this ${quote.kind}-quoted string is never closed`,
      at(quote.offset),
      `end it with ${mark} on the line where it should end (a ${mark} inside it is written ${escaped})`,
    );
  }
  const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return new InputError(`YAML syntax error: ${message}`, at(offset), 'fix the YAML syntax at this place');
}

/** The offset of a tab in the leading whitespace of the line the error is on, if there is one. */
function tabInIndentation(text: string, offset: number): number | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  const tab = indent.indexOf('\t');
  return tab < 0 ? undefined : start + tab;
}

/** The quoted scalar that runs up to the error's offset: the parser only notices at its end. */
function unclosedQuote(text: string, offset: number): { kind: 'double' | 'single'; offset: number } | undefined {
  let found: { kind: 'double' | 'single'; offset: number } | undefined;
  const visit = (token: unknown): void => {
    if (!token || typeof token !== 'object') return;
    const t = token as { type?: string; offset?: number; source?: string };
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && t.offset !== undefined && t.source !== undefined) {
      if (t.offset <= offset && offset <= t.offset + t.source.length) found = { kind: t.type === 'double-quoted-scalar' ? 'double' : 'single', offset: t.offset };
    }
    for (const value of Object.values(token)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}
