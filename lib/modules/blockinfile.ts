// The `blockinfile` module: a block of lines between two marker lines is present, up to date, or absent.
import type { ModuleDefinition } from './module.js';
import { attributeProperties, type Attributes } from './support/attributes.js';
import { validateProperty } from './support/atomic-write.js';
import { editFacts, insertionIndex, placementProperties, planEdit, splitLines, type Edit, type Placement } from './support/text-edit.js';

export interface BlockinfileArgs extends Attributes, Placement {
  path: string;
  block?: string;
  marker?: string;
  marker_begin?: string;
  marker_end?: string;
  state?: 'present' | 'absent';
  create?: boolean;
  validate?: string;
}

// Ansible's default, so a host Ansible managed before keeps one block, not two.
const DEFAULT_MARKER = '# {mark} ANSIBLE MANAGED BLOCK';

/** Why: several lines we own inside a file someone else owns, found again by their markers. */
export const blockinfileModule: ModuleDefinition<BlockinfileArgs> = {
  name: 'blockinfile',
  description: 'Ensures a block of lines, framed by BEGIN/END marker lines, is in a text file with the given text, or is removed.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host.' },
      block: { type: 'string', default: '', description: 'The text between the markers (one trailing newline is ignored). Empty: the block is removed.' },
      marker: {
        type: 'string',
        pattern: '\\{mark\\}',
        default: DEFAULT_MARKER,
        description: 'The marker line; {mark} becomes marker_begin or marker_end. Use the comment syntax of the file, and a distinct marker per block.',
      },
      marker_begin: { type: 'string', minLength: 1, default: 'BEGIN', description: 'What {mark} becomes in the first marker line.' },
      marker_end: { type: 'string', minLength: 1, default: 'END', description: 'What {mark} becomes in the last marker line.' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the block must be in the file or not.' },
      ...placementProperties,
      create: { type: 'boolean', default: false, description: 'Create the file (mode 0644 unless given) when it is missing; otherwise a missing file fails the task.' },
      validate: validateProperty,
      ...attributeProperties,
    },
    not: { required: ['insertafter', 'insertbefore'] },
  },
  facts: (args) => editFacts(args.path),
  plan(args, facts, ctx) {
    return planEdit({ path: args.path, attrs: args, validate: args.validate, create: args.create ?? false, inPlaceEdit: true }, (lines) => editBlock(args, lines), facts, ctx);
  },
};

function editBlock(args: BlockinfileArgs, lines: string[]): Edit {
  const marker = args.marker ?? DEFAULT_MARKER;
  const begin = marker.replace('{mark}', args.marker_begin ?? 'BEGIN');
  const end = marker.replace('{mark}', args.marker_end ?? 'END');
  const b = lines.indexOf(begin);
  const e = b === -1 ? -1 : lines.indexOf(end, b + 1);
  const body = splitLines(args.block ?? '');
  if (args.state === 'absent' || body.length === 0) {
    if (e === -1) return { unchanged: `${args.path} has no block "${begin}"` };
    return { lines: [...lines.slice(0, b), ...lines.slice(e + 1)], summary: `remove block "${begin}" (${e - b - 1} lines) from ${args.path}` };
  }
  const framed = [begin, ...body, end];
  if (e !== -1) {
    const current = lines.slice(b + 1, e);
    if (current.length === body.length && current.every((l, i) => l === body[i])) return { unchanged: `${args.path} already has block "${begin}" as wanted` };
    return { lines: [...lines.slice(0, b), ...framed, ...lines.slice(e + 1)], summary: `update block "${begin}" in ${args.path} (${body.length} lines)` };
  }
  const at = insertionIndex(lines, args);
  return { lines: [...lines.slice(0, at), ...framed, ...lines.slice(at)], summary: `add block "${begin}" (${body.length} lines) to ${args.path} at line ${at + 1}` };
}
