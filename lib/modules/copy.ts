// The `copy` module: a file on the host holds the given text or a file of the role/playbook.
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
      dest: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host (not a directory).' },
      content: { type: 'string', description: 'The exact text to write. Give either content or src.' },
      src: { type: 'string', minLength: 1, description: "Path of a file on the controller, relative to the role's files/ folder (in a role) or to files/ next to the playbook (in a play); an absolute path is taken as is. Give either content or src." },
      validate: validateProperty,
      ...attributeProperties,
    },
  },
  facts: (args, ctx) => writeFacts(args.dest, ctx),
  controllerInputs: (args) => (args.src !== undefined ? [{ path: args.src, kind: 'files' }] : []),
  plan(args, facts, ctx) {
    const content = args.src !== undefined ? ctx.readControllerFile(args.src, 'files') : Buffer.from(args.content ?? '');
    return planWrite({ path: args.dest, content, attrs: args, validate: args.validate }, facts, ctx);
  },
};
