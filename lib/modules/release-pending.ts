// release_pending: whether deploying a service now would switch it to a new release; read-only.
import { releaseFact } from '../facts/releases.js';
import type { ModuleDefinition } from './module.js';
import { bundle, directoryBundle } from './support/bundle.js';

export interface ReleasePendingArgs {
  service: string;
  src?: string;
  root: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'root'],
  properties: {
    service: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Service of services/NAME, bundled on the controller as node_release would.' },
    src: { type: 'string', description: 'A controller directory that is the release instead of the bundle (as node_release src).' },
    root: { type: 'string', pattern: '^/.+', description: 'The service root node_release manages (current link, releases/).' },
  },
};

/**
 * Why: a step that must happen before a deploy (the pre-update backup) needs to know, in a real
 * run and in --check alike, whether the deploy will happen; this never changes anything.
 */
export const releasePendingModule: ModuleDefinition<ReleasePendingArgs> = {
  name: 'release_pending',
  description: 'Registers `pending` (a deploy would switch to a new release), `release` and `current`; changes nothing.',
  schema,
  facts: (args) => [releaseFact(args.root)],
  plan(args, facts) {
    const current = facts.get(releaseFact(args.root)).current;
    const release = (args.src ? directoryBundle(args.src) : bundle(args.service)).id;
    const pending = current !== release;
    const reason = pending ? `${args.service}: release ${release} would replace ${current ?? 'nothing (first deploy)'}` : `${args.service}: release ${release} is current`;
    return { changes: [], reason, data: { pending, release, current } };
  },
};
