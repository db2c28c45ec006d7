// The `template` module: a file on the host holds an ejs template rendered with the task's variables.
import type { ModuleDefinition } from './module.js';
import { attributeProperties, type Attributes } from './support/attributes.js';
import { planWrite, validateProperty, writeFacts } from './support/atomic-write.js';

export interface TemplateArgs extends Attributes {
  src: string;
  dest: string;
  validate?: string;
}

/** Why: config files differ per host; rendering happens on the controller, the write is atomic. */
export const templateModule: ModuleDefinition<TemplateArgs> = {
  name: 'template',
  description: 'Renders an ejs template of the role or playbook with the task variables and writes it to the host, atomically and only when it differs.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string', minLength: 1, description: "Template path on the controller, relative to the role's templates/ folder (in a role) or to templates/ next to the playbook (in a play); an absolute path is taken as is." },
      dest: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host (not a directory).' },
      validate: validateProperty,
      ...attributeProperties,
    },
  },
  facts: (args, ctx) => writeFacts(args.dest, ctx),
  controllerInputs: (args) => [{ path: args.src, kind: 'templates' }],
  plan(args, facts, ctx) {
    const content = Buffer.from(ctx.renderTemplate(args.src));
    return planWrite({ path: args.dest, content, attrs: args, validate: args.validate }, facts, ctx);
  },
};
