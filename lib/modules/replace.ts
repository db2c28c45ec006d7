// The `replace` module: every match of a regular expression in a file (or a section of it) replaced.
import { BcError } from '../errors.js';
import { fileContent, fileStat } from '../facts/files.js';
import type { ModuleDefinition } from './module.js';
import { attributeChange, attributeProperties, type Attributes } from './support/attributes.js';
import { planWrite, validateProperty } from './support/atomic-write.js';
import { pythonRegex } from './support/python-regex.js';
import { editFacts } from './support/text-edit.js';

export interface ReplaceArgs extends Attributes {
  path: string;
  regexp: string;
  replace?: string;
  after?: string;
  before?: string;
  backup?: false;
  validate?: string;
}

/** Why: edits that span lines or repeat (every `Listen 80`) which lineinfile's one line cannot express. */
export const replaceModule: ModuleDefinition<ReplaceArgs> = {
  name: 'replace',
  description: 'Replaces every match of regexp in a file (multiline: ^ and $ match at each line), optionally only between after and before.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path', 'regexp'],
    properties: {
      path: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host; a missing file fails the task.' },
      regexp: { type: 'string', minLength: 1, description: 'JavaScript regular expression (multiline). Make the replacement not match it again, so a second run changes nothing.' },
      replace: { type: 'string', default: '', description: 'The replacement; \\1 and \\g<name> insert groups of the match, as Python does.' },
      after: { type: 'string', description: 'Only replace after the first match of this regular expression (dot matches newlines).' },
      before: { type: 'string', description: 'Only replace before the last match of this regular expression, or with after the first match following it (dot matches newlines).' },
      backup: { const: false, default: false, description: 'Backups are not supported; only false is accepted.' },
      validate: validateProperty,
      ...attributeProperties,
    },
  },
  facts: (args) => editFacts(args.path),
  plan(args, facts, ctx) {
    const old = facts.get(fileContent(args.path));
    if (!old.exists) throw new BcError(`path ${args.path} does not exist`);
    if (old.unread) throw new BcError(`cannot edit ${args.path} as text: it is ${old.unread}`);
    const edit = replaceIn(args, old.content);
    if ('unchanged' in edit) {
      const stat = facts.get(fileStat(args.path));
      const change = stat.exists ? attributeChange(args.path, stat, args) : undefined;
      return { changes: change ? [change] : [], reason: edit.unchanged };
    }
    return planWrite({ path: args.path, content: Buffer.from(edit.text), attrs: args, validate: args.validate, summary: edit.summary }, facts, ctx);
  },
};

/** The whole text is edited as it is (not as lines): a missing final newline stays missing, as in Ansible. */
function replaceIn(args: ReplaceArgs, text: string): { text: string; summary: string } | { unchanged: string } {
  const [start, end] = section(args, text);
  const re = pythonRegex(args.regexp, 'gm', 'regexp');
  let count = 0;
  const middle = text.slice(start, end).replace(re, (...match: unknown[]) => {
    count++;
    return expand(args.replace ?? '', match);
  });
  const result = text.slice(0, start) + middle + text.slice(end);
  if (count === 0 || result === text) return { unchanged: `${args.path} has no match of /${args.regexp}/ to replace` };
  return { text: result, summary: `replace ${count} match${count === 1 ? '' : 'es'} of /${args.regexp}/ in ${args.path}` };
}

/** Ansible's subsection: after the end of the first `after` match, up to the next `before` match (the last one without after). */
function section(args: ReplaceArgs, text: string): [number, number] {
  let start = 0;
  let end = text.length;
  if (args.after !== undefined) {
    const m = pythonRegex(args.after, 's', 'after').exec(text);
    if (!m) return [0, 0];
    start = m.index + m[0].length;
  }
  if (args.before !== undefined) {
    const all = [...text.slice(start).matchAll(pythonRegex(args.before, 'gs', 'before'))];
    if (all.length === 0) return [0, 0];
    end = start + ((args.after !== undefined ? all[0] : all.at(-1))?.index ?? 0);
  }
  return [start, end];
}

/** Python's Match.expand on the arguments String.replace gives a replacer function. */
function expand(template: string, match: unknown[]): string {
  const last = match.at(-1);
  const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
  return template.replace(/\\(\d+)|\\g<(\w+)>/g, (_all, n: string | undefined, g: string) => {
    const key = n ?? g;
    const value = /^\d+$/.test(key) ? match[Number(key)] : groups?.[key];
    return typeof value === 'string' ? value : '';
  });
}
