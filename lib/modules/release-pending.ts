// release_pending: whether deploying a service now would switch it to a new release; read-only.
import { releaseFact } from '../facts/releases.js';
import type { ModuleDefinition } from './module.js';
import { buildProperty, releaseRequest, type NodeReleaseArgs } from './node-release.js';

export interface ReleasePendingArgs {
  service: string;
  src?: string;
  build?: NodeReleaseArgs['build'];
  root: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'root'],
  properties: {
    service: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'The name of the service, for messages.' },
    src: { type: 'string', description: 'As node_release src: a controller directory that is the release.' },
    build: buildProperty,
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
  artifacts: (args) => [releaseRequest(args)],
  plan(args, facts, ctx) {
    const current = facts.get(releaseFact(args.root)).current;
    const release = ctx.artifact(releaseRequest(args)).id;
    const pending = current !== release;
    const reason = pending ? `${args.service}: release ${release} would replace ${current ?? 'nothing (first deploy)'}` : `${args.service}: release ${release} is current`;
    return { changes: [], reason, data: { pending, release, current } };
  },
};
