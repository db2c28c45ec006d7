// fetch: a file of the host copied to the controller, under DEST/HOST/PATH or (flat) DEST itself,
// written only when the controller's copy differs.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { BcError } from '../errors.js';
import { fileBytes } from '../facts/file-bytes.js';
import type { ModuleDefinition, Plan } from './module.js';

export interface FetchArgs {
  src: string;
  dest: string;
  flat?: boolean;
  fail_on_missing?: boolean;
}

/** Why: logs, generated keys and dumps must come back to the controller, one folder per host as Ansible lays them out. */
export const fetchModule: ModuleDefinition<FetchArgs> = {
  name: 'fetch',
  description: 'Copies a file of the host (up to 4 MiB) to the controller: to DEST/HOST/SRC, or with flat to DEST (DEST/ + the file\'s name when it ends in /); written only when the copy differs.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string', pattern: '^/', description: 'Absolute path of the file on the host (not a folder).' },
      dest: { type: 'string', minLength: 1, description: 'Folder on the controller (relative: to the playbook\'s folder), or with flat the file\'s path.' },
      flat: { type: 'boolean', default: false, description: 'Write to dest itself instead of DEST/HOST/SRC.' },
      fail_on_missing: { type: 'boolean', default: true, description: 'false: a missing src is reported ok instead of failing the task.' },
    },
  },
  facts: (args) => [fileBytes(args.src)],
  plan(args, facts, ctx) {
    const file = facts.get(fileBytes(args.src));
    if (file.kind !== 'file') return unfetchable(args, file.kind);
    const target = ctx.controllerPath(destination(args, ctx.host));
    if (target.directory) throw new BcError(`${target.path} is a directory on the controller`, undefined, args.flat ? 'end dest with / to fetch src into that directory' : undefined);
    return planCopy(args.src, target.path, file.bytes, target.content);
  },
};

/** Ansible's answers for a src that is no regular file: a missing one is ok with fail_on_missing: false. */
function unfetchable(args: FetchArgs, kind: 'missing' | 'directory' | 'other' | 'too large'): Plan {
  if (kind === 'directory') throw new BcError('remote file is a directory, fetch cannot work on directories');
  if (kind !== 'missing') throw new BcError(`cannot fetch ${args.src}: it is ${kind === 'other' ? 'not a regular file' : 'larger than 4 MiB'}`);
  const msg = 'the remote file does not exist, not transferring, ignored';
  if (args.fail_on_missing ?? true) throw new BcError(`the remote file ${args.src} does not exist, not transferring`);
  return { changes: [], reason: msg, data: { file: args.src, msg } };
}

/** Ansible's layout: flat dest as given (a trailing / adds the file's name), else DEST/HOST/SRC. */
function destination(args: FetchArgs, host: string): string {
  if (args.flat) return args.dest.endsWith('/') ? args.dest + posix.basename(args.src) : args.dest;
  return posix.normalize(`${args.dest}/${host}/${args.src}`);
}

function planCopy(src: string, dest: string, bytes: Buffer, current: Buffer | undefined): Plan {
  const checksum = createHash('sha1').update(bytes).digest('hex');
  const data = { file: src, dest, checksum, remote_checksum: checksum, md5sum: createHash('md5').update(bytes).digest('hex') };
  if (current?.equals(bytes)) return { changes: [], reason: `${dest} on the controller already holds ${src}`, data };
  return { changes: [{ summary: `copy ${src} (${bytes.length} bytes) to ${dest} on the controller`, controllerWrite: { path: dest, content: bytes } }], data };
}
