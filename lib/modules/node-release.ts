// node_release: a service's files in their own release directory, switched in by one rename,
// with the previous release kept for rollback and a lock so two deploys cannot overlap.
import { posix } from 'node:path';
import { BcError } from '../errors.js';
import { releaseFact, type ReleaseState } from '../facts/releases.js';
import { sh } from '../shell/quote.js';
import type { Change, ModuleDefinition, Plan } from './module.js';
import type { Artifact, ArtifactRequest } from '../artifacts/artifacts.js';
import { describeHolder, holderGone, releaseLockCommand, takeLockCommand, THIS_RUN } from './support/deploy-lock.js';

export interface NodeReleaseArgs {
  src?: string;
  build?: { command: string[]; inputs: string[] };
  root: string;
  state?: 'uploaded' | 'current' | 'rolled_back' | 'unlocked';
  keep?: number;
  lock_timeout?: number;
}

/** Why: the schema of `build`, shared with release_pending, which must name the same release. */
export const buildProperty = {
  type: 'object',
  additionalProperties: false,
  required: ['command', 'inputs'],
  properties: {
    command: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Program and arguments run on the controller before the run; %o stands for the folder it must write the release into.' },
    inputs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Controller files and folders the release is built from: the build runs again only when one of them changed.' },
  },
  description: 'How the release is built on the controller when src is empty.',
};

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['root'],
  properties: {
    src: { type: 'string', description: 'A controller directory whose files are the release as they are (relative to the working directory); empty: the output of `build`.' },
    build: buildProperty,
    root: { type: 'string', pattern: '^/.+', description: 'Where releases/, current, previous and the deploy lock live.' },
    state: {
      enum: ['uploaded', 'current', 'rolled_back', 'unlocked'],
      default: 'uploaded',
      description:
        'uploaded: take the deploy lock and upload the release; current: switch `current` to it, prune, unlock; rolled_back: switch `current` back to `previous`; unlocked: release the deploy lock whoever holds it (`bc-play unlock`).',
    },
    keep: { type: 'integer', minimum: 2, default: 3, description: 'Releases kept on the host (current and previous always are).' },
    lock_timeout: {
      type: 'integer',
      minimum: 60,
      default: 900,
      description: 'Seconds after which a lock that does not record its holder counts as abandoned (a lock that does is taken over as soon as its holder\'s session is gone).',
    },
  },
};

/**
 * Why: a release named by its content makes an unchanged service a no-op; the three states are
 * the steps of a deploy that the role runs around migrations, restart and health check.
 */
export const nodeReleaseModule: ModuleDefinition<NodeReleaseArgs> = {
  name: 'node_release',
  description: 'Uploads a bundled service into a new release directory, switches `current` atomically, or rolls back to `previous`.',
  schema,
  facts: (args) => [releaseFact(args.root)],
  artifacts: (args) => (args.state === 'rolled_back' || args.state === 'unlocked' ? [] : [releaseRequest(args)]),
  plan(args, facts, ctx) {
    const now = facts.get(releaseFact(args.root));
    const state = args.state ?? 'uploaded';
    if (state === 'rolled_back') return rollBack(args, now);
    if (state === 'unlocked') return unlock(args, now);
    const release = ctx.artifact(releaseRequest(args));
    const data = { release: release.id, release_dir: posix.join(args.root, 'releases', release.id), previous: now.current, deploy: now.current !== release.id };
    if (now.current === release.id) return { changes: [], reason: `release ${release.id} is current`, data };
    const plan = state === 'uploaded' ? upload(args, now, release, ctx.host) : switchTo(args, now, release.id);
    return { ...plan, data };
  },
};

/** Why: `src` when given, else the build; the same arguments name the same artifact everywhere. */
export function releaseRequest(args: { src?: string; build?: NodeReleaseArgs['build'] }): ArtifactRequest {
  if (args.src) return { dir: args.src };
  if (args.build) return args.build;
  throw new BcError('node_release: give `src` (a controller directory) or `build` (a command and its inputs)');
}

function upload(args: NodeReleaseArgs, now: ReleaseState, release: Artifact, host: string): Plan {
  const fact = releaseFact(args.root);
  const timeout = args.lock_timeout ?? 900;
  const held = now.lock;
  const ours = held?.holder?.run === THIS_RUN.run;
  if (held && !ours && !holderGone(held, timeout)) {
    throw new BcError(
      `another deploy holds the lock ${args.root}/.deploy.lock: ${describeHolder(held)}`,
      undefined,
      held.holderAlive
        ? `wait for it to finish; its bc-play is still connected to ${host}. If it hangs, stop it, or release the lock: npx bc-play unlock ${host}`
        : `wait for it to finish; if no deploy is running, release the lock: npx bc-play unlock ${host} (it expires after ${timeout}s)`,
    );
  }
  let state: ReleaseState = { ...now, lock: { ageSeconds: 0, holder: { run: THIS_RUN.run, controller: THIS_RUN.controller }, holderAlive: true } };
  const why = held?.holderAlive === false ? 'its holder is gone (its connection to the host ended)' : 'abandoned';
  const changes: Change[] = ours
    ? []
    : [
        {
          summary: held ? `take over the deploy lock of ${describeHolder(held)}: ${why}` : 'take the deploy lock',
          command: takeLockCommand(args.root, held !== null),
          effects: [{ fact, value: state }],
        },
      ];
  if (!now.releases.includes(release.id)) {
    state = { ...state, releases: [release.id, ...state.releases] };
    changes.push({
      summary: `upload release ${release.id} (${release.files.length} files, ${Math.round(release.bytes / 1024)} KiB)`,
      command: uploadCommand(args.root, release),
      stdin: Buffer.concat(release.files.map((f) => f.content)),
      effects: [{ fact, value: state }],
    });
  }
  return { changes, reason: now.releases.includes(release.id) ? `release ${release.id} is already uploaded` : undefined };
}

function uploadCommand(root: string, release: Artifact): string {
  const partial = `${root}/releases/.${release.id}.partial`;
  const dirs = [...new Set(release.files.map((f) => posix.join(partial, posix.dirname(f.path))))];
  const lines = [sh`rm -rf ${partial} && mkdir -p ${dirs}`];
  // Files travel back to back on stdin; head -c takes exactly each file's bytes.
  for (const f of release.files) lines.push(sh`head -c ${f.content.length} > ${posix.join(partial, f.path)}`);
  lines.push(sh`chmod -R u=rwX,go=rX ${partial} && mv -T ${partial} ${`${root}/releases/${release.id}`}`);
  return `set -e\n${lines.join('\n')}`;
}

/** Why: `ln -s` to a temp name and `mv -T` over the link is one rename: readers see old or new. */
function relink(root: string, name: string, id: string): string {
  return sh`ln -sfn ${`releases/${id}`} ${`${root}/.${name}.tmp`} && mv -T ${`${root}/.${name}.tmp`} ${`${root}/${name}`}`;
}

function switchTo(args: NodeReleaseArgs, now: ReleaseState, id: string): Plan {
  const keep = args.keep ?? 3;
  const kept = new Set([id, now.current, ...now.releases.filter((r) => r !== id).slice(0, keep - 1)].filter((r): r is string => r !== null));
  const prune = now.releases.filter((r) => !kept.has(r));
  const commands = [
    now.current ? relink(args.root, 'previous', now.current) : sh`rm -f ${`${args.root}/previous`}`,
    relink(args.root, 'current', id),
    ...(prune.length ? [sh`cd ${`${args.root}/releases`} && rm -rf -- ${prune}`] : []),
    releaseLockCommand(args.root),
  ];
  const next: ReleaseState = { releases: now.releases.filter((r) => !prune.includes(r)), current: id, previous: now.current, lock: null };
  const pruned = prune.length ? `, remove ${prune.length} old release${prune.length > 1 ? 's' : ''}` : '';
  return {
    changes: [
      {
        summary: `switch current to release ${id}${now.current ? ` (previous: ${now.current})` : ''}${pruned}, release the lock`,
        command: commands.join(' && '),
        effects: [{ fact: releaseFact(args.root), value: next }],
      },
    ],
  };
}

function rollBack(args: NodeReleaseArgs, now: ReleaseState): Plan {
  if (!now.previous || now.previous === now.current) {
    throw new BcError(`no previous release under ${args.root} to roll back to`, undefined, 'this was the first deploy: fix the service and deploy again');
  }
  const next: ReleaseState = { ...now, current: now.previous, previous: null, lock: null };
  return {
    changes: [
      {
        summary: `roll back current from ${now.current ?? 'nothing'} to release ${now.previous}`,
        command: [relink(args.root, 'current', now.previous), sh`rm -f ${`${args.root}/previous`}`, releaseLockCommand(args.root)].join(' && '),
        effects: [{ fact: releaseFact(args.root), value: next }],
      },
    ],
  };
}

function unlock(args: NodeReleaseArgs, now: ReleaseState): Plan {
  if (!now.lock) return { changes: [], reason: `no deploy holds the lock under ${args.root}` };
  const still = now.lock.holderAlive ? ' (its bc-play was still connected)' : '';
  return {
    changes: [
      {
        summary: `release the deploy lock of ${describeHolder(now.lock)}${still}`,
        command: releaseLockCommand(args.root),
        effects: [{ fact: releaseFact(args.root), value: { ...now, lock: null } }],
      },
    ],
  };
}
