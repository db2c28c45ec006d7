// The `lineinfile` module: one line of a text file is present (added or replacing a match) or absent.
import type { ModuleDefinition } from './module.js';
import { attributeProperties, type Attributes } from './support/attributes.js';
import { validateProperty } from './support/atomic-write.js';
import { compileRegex, editFacts, insertionIndex, lastMatch, placementProperties, planEdit, type Edit, type Placement } from './support/text-edit.js';

export interface LineinfileArgs extends Attributes, Placement {
  path: string;
  line?: string;
  regexp?: string;
  backrefs?: boolean;
  state?: 'present' | 'absent';
  create?: boolean;
  validate?: string;
}

/** Why: small config tweaks (one setting in a distro's file) without owning the whole file. */
export const lineinfileModule: ModuleDefinition<LineinfileArgs> = {
  name: 'lineinfile',
  description: 'Ensures one line is in a text file (replacing the last line matching regexp, or inserted) or that matching lines are absent.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host.' },
      line: { type: 'string', pattern: '^[^\\n]*$', description: 'The whole line, without newline. Required with state: present; with state: absent (and no regexp) the lines equal to it are removed.' },
      regexp: {
        type: 'string',
        description: 'JavaScript regular expression: with state: present the last matching line is replaced by line; with state: absent every matching line is removed. Make it match the new line too, so a second run changes nothing.',
      },
      backrefs: {
        type: 'boolean',
        default: false,
        description: 'As Ansible: the last line matching regexp is replaced by line with \\1 or \\g<name> filled in from the match; when nothing matches, the file is left as it is.',
      },
      state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the line must be in the file or not.' },
      ...placementProperties,
      create: { type: 'boolean', default: false, description: 'Create the file (mode 0644 unless given) when it is missing; otherwise a missing file fails the task.' },
      validate: validateProperty,
      ...attributeProperties,
    },
    not: { required: ['insertafter', 'insertbefore'] },
    if: { properties: { state: { const: 'absent' } }, required: ['state'] },
    then: { anyOf: [{ required: ['regexp'] }, { required: ['line'] }] },
    else: { required: ['line'] },
  },
  facts: (args) => editFacts(args.path),
  plan(args, facts, ctx) {
    const edit = args.state === 'absent' ? (lines: string[]) => removeLines(args, lines) : (lines: string[]) => ensureLine(args, args.line as string, lines);
    return planEdit({ path: args.path, attrs: args, validate: args.validate, create: args.create ?? false, inPlaceEdit: true }, edit, facts, ctx);
  },
};

function ensureLine(args: LineinfileArgs, wanted: string, lines: string[]): Edit {
  let line = wanted;
  if (args.regexp !== undefined) {
    const re = compileRegex(args.regexp, 'regexp');
    const i = lastMatch(lines, re);
    if (args.backrefs && i === -1) return { unchanged: `${args.path} has no line matching /${args.regexp}/ (backrefs: nothing to replace)` };
    if (args.backrefs) line = expand(wanted, re.exec(lines[i]) as RegExpExecArray);
    if (i !== -1) {
      if (lines[i] === line) return { unchanged: `${args.path} already has the line "${line}"` };
      return { lines: lines.map((l, j) => (j === i ? line : l)), summary: `replace line ${i + 1} of ${args.path} ("${lines[i]}") with "${line}"` };
    }
  }
  if (lines.includes(line)) return { unchanged: `${args.path} already has the line "${line}"` };
  const at = insertionIndex(lines, args);
  return { lines: [...lines.slice(0, at), line, ...lines.slice(at)], summary: `add "${line}" to ${args.path} at line ${at + 1}` };
}

/** Python's Match.expand: \1 and \g<name> (or \g<1>) become the groups of the match. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\\(\d+)|\\g<(\w+)>/g, (_all, n: string | undefined, g: string) => {
    const key = n ?? g;
    return (/^\d+$/.test(key) ? match[Number(key)] : match.groups?.[key]) ?? '';
  });
}

function removeLines(args: LineinfileArgs, lines: string[]): Edit {
  const re = args.regexp !== undefined ? compileRegex(args.regexp, 'regexp') : undefined;
  const kept = lines.filter((l) => (re ? !re.test(l) : l !== args.line));
  const what = re ? `matching /${args.regexp}/` : `"${args.line}"`;
  const removed = lines.length - kept.length;
  if (removed === 0) return { unchanged: `${args.path} has no line ${what}` };
  return { lines: kept, summary: `remove ${removed} line${removed === 1 ? '' : 's'} ${what} from ${args.path}` };
}
