// Line-based edits of a text file (lineinfile, blockinfile, sysctl): read the old text as lines,
// let the module compute the new lines, and write the result atomically only when it differs.
import { BcError, InputError } from '../../errors.js';
import { fileContent, fileStat, identity } from '../../facts/files.js';
import type { FactSpec } from '../../facts/fact.js';
import type { FactView, JsonSchema, Plan, PlanContext } from '../module.js';
import { attributeChange, type Attributes } from './attributes.js';
import { planWrite } from './atomic-write.js';

/** The file being edited and how. */
export interface EditTarget {
  path: string;
  attrs: Attributes;
  validate?: string;
  /** Create the file when it is missing (otherwise an edit of a missing file fails). */
  create: boolean;
  /** As Ansible's lineinfile/blockinfile: follow a link, create missing parent directories. */
  inPlaceEdit?: boolean;
}

/** What an edit decided: new lines and what the change says, or why nothing changes. */
export type Edit = { lines: string[]; summary: string } | { unchanged: string };

/** Where new text goes when nothing matches: after/before the last line matching a regex, or EOF/BOF. */
export interface Placement {
  insertafter?: string;
  insertbefore?: string;
}

/** Why: insertafter/insertbefore read the same in lineinfile and blockinfile. */
export const placementProperties: Record<keyof Placement, JsonSchema> = {
  insertafter: {
    type: 'string',
    description: 'When nothing matches yet, insert after the last line matching this JavaScript regular expression, or at the end with "EOF" (the default). Falls back to the end when no line matches.',
  },
  insertbefore: {
    type: 'string',
    description: 'When nothing matches yet, insert before the last line matching this JavaScript regular expression, or at the start with "BOF". Falls back to the end when no line matches.',
  },
};

/** Why: an edit needs the old text, the path's attributes, and who would own a new file. */
export function editFacts(path: string): FactSpec<unknown>[] {
  return [fileStat(path), fileContent(path), identity];
}

/**
 * Why: the shared frame of every line edit: refuse what cannot be edited as text, plan a no-op
 * (or only a chmod/chown) when the lines stay the same, else one atomic write of the new text.
 */
export function planEdit(target: EditTarget, edit: (lines: string[]) => Edit, facts: FactView, ctx: PlanContext): Plan {
  const { path } = target;
  const old = facts.get(fileContent(path));
  if (old.unread) throw new BcError(`cannot edit ${path} as text: it is ${old.unread === 'too large' ? 'too large' : 'not a regular file'}`);
  const result = edit(splitLines(old.content));
  if ('unchanged' in result) {
    const stat = facts.get(fileStat(path));
    if (!stat.exists) return { changes: [], reason: `${path} does not exist: ${result.unchanged}` };
    const change = attributeChange(path, stat, target.attrs);
    return { changes: change ? [change] : [], reason: result.unchanged };
  }
  if (!old.exists && !target.create) {
    throw new BcError(`${path} does not exist`, undefined, 'set create: true to create it, or create it in an earlier task');
  }
  const content = Buffer.from(keepMissingFinalNewline(old.content, result.lines));
  return planWrite({ path, content, attrs: target.attrs, validate: target.validate, summary: result.summary, inPlaceEdit: target.inPlaceEdit }, facts, ctx);
}

/**
 * Why: as Ansible, an edit of a file whose last line has no newline leaves that line as it was
 * when it stays last; a line added or replaced at the end gets one.
 */
function keepMissingFinalNewline(old: string, lines: string[]): string {
  const text = joinLines(lines);
  if (old === '' || old.endsWith('\n')) return text;
  const last = old.slice(old.lastIndexOf('\n') + 1);
  return lines.at(-1) === last ? text.slice(0, -1) : text;
}

/** Why: a trailing newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Why: written files always end with a newline, as editors and config parsers expect. */
export function joinLines(lines: string[]): string {
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Why: a bad regular expression is the user's mistake and must say which argument holds it. */
export function compileRegex(source: string, argument: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new InputError(`${argument} is not a valid JavaScript regular expression: ${(error as Error).message}`);
  }
}

/** Index of the last line matching, or -1. */
export function lastMatch(lines: string[], re: RegExp): number {
  for (let i = lines.length - 1; i >= 0; i--) if (re.test(lines[i])) return i;
  return -1;
}

/** Why: one reading of insertafter/insertbefore (Ansible's: last match wins, no match means EOF). */
export function insertionIndex(lines: string[], placement: Placement): number {
  if (placement.insertbefore === 'BOF') return 0;
  if (placement.insertbefore !== undefined) {
    const i = lastMatch(lines, compileRegex(placement.insertbefore, 'insertbefore'));
    return i === -1 ? lines.length : i;
  }
  if (placement.insertafter !== undefined && placement.insertafter !== 'EOF') {
    const i = lastMatch(lines, compileRegex(placement.insertafter, 'insertafter'));
    return i === -1 ? lines.length : i + 1;
  }
  return lines.length;
}
