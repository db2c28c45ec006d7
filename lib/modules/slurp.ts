// slurp: a file's content registered as base64, with Ansible's names, for later tasks to decode.
import { BcError } from '../errors.js';
import { fileContent } from '../facts/files.js';
import type { ModuleDefinition } from './module.js';

export interface SlurpArgs {
  src: string;
}

/** Why: a later task uses a file of the host (`{{ r.content | b64decode }}`) the way Ansible users write it. */
export const slurpModule: ModuleDefinition<SlurpArgs> = {
  name: 'slurp',
  description: 'Registers a text file of the host (up to 4 MiB) as content (base64), encoding: base64 and source; changes nothing.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src'],
    properties: { src: { type: 'string', minLength: 1, description: 'Absolute path of the file on the host (Ansible\'s alias path is accepted too).' } },
  },
  facts: (args) => [fileContent(args.src)],
  plan(args, facts) {
    const file = facts.get(fileContent(args.src));
    if (!file.exists) throw new BcError(`file not found: ${args.src}`);
    if (file.unread) throw new BcError(`cannot slurp ${args.src}: it is ${file.unread}`);
    const content = Buffer.from(file.content).toString('base64');
    return { changes: [], reason: `read ${args.src}`, data: { content, encoding: 'base64', source: args.src } };
  },
};
