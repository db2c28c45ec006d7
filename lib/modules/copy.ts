// The `copy` module: a file on the host holds the given text or a file of the role/playbook.
import { posix } from 'node:path';
import { BcError } from '../errors.js';
import { fileStat } from '../facts/files.js';
import type { ModuleDefinition } from './module.js';
import { attributeProperties, type Attributes } from './support/attributes.js';
import { planWrite, validateProperty, writeFacts } from './support/atomic-write.js';

export interface CopyArgs extends Attributes {
  dest: string;
  content?: string;
  src?: string;
  validate?: string;
}

/** Why: static files and inline text are written the same safe way as templates. */
export const copyModule: ModuleDefinition<CopyArgs> = {
  name: 'copy',
  description: 'Writes a file on the host from inline content or from a file of the role or playbook, atomically and only when it differs.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['dest'],
    oneOf: [{ required: ['content'] }, { required: ['src'] }],
    properties: {
      dest: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host. With src, as Ansible: an existing directory, or a path ending in /, receives the file under its own name.' },
      content: { type: 'string', description: 'The exact text to write. Give either content or src.' },
      src: { type: 'string', minLength: 1, description: "Path of a file on the controller, relative to the role's files/ folder (in a role) or to files/ next to the playbook (in a play); an absolute path is taken as is. Give either content or src." },
      validate: validateProperty,
      ...attributeProperties,
    },
  },
  facts: (args, ctx) => {
    if (args.src === undefined) return writeFacts(args.dest, ctx);
    const inside = posix.join(args.dest, posix.basename(args.src));
    return args.dest.endsWith('/') ? writeFacts(inside, ctx) : [...writeFacts(args.dest, ctx), ...writeFacts(inside, ctx)];
  },
  controllerInputs: (args) => (args.src !== undefined ? [{ path: args.src, kind: 'files' }] : []),
  plan(args, facts, ctx) {
    const content = args.src !== undefined ? ctx.readControllerFile(args.src, 'files') : Buffer.from(args.content ?? '');
    const dest = args.src !== undefined ? destinationOf(args.dest, args.src, (path) => facts.get(fileStat(path))) : args.dest;
    if (args.src === undefined && args.dest.endsWith('/')) throw new BcError(`copy: content cannot be written to a directory (${args.dest})`, undefined, 'give the path of the file');
    return planWrite({ path: dest, content, attrs: args, validate: args.validate, inPlaceEdit: dest !== args.dest }, facts, ctx);
  },
};

/** As Ansible: a dest that is a directory (or ends in /) gets the file under the src's name. */
function destinationOf(dest: string, src: string, stat: (path: string) => { exists: boolean; type?: string }): string {
  const inside = posix.join(dest, posix.basename(src));
  if (dest.endsWith('/')) return inside;
  const found = stat(dest);
  return found.exists && found.type === 'directory' ? inside : dest;
}
