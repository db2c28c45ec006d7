// unarchive: a tar (any compression GNU tar reads) or zip archive already on the host unpacked
// into an existing folder, only when the folder does not hold it yet, as Ansible decides it.
import { BcError } from '../errors.js';
import { archiveState, type ArchiveState } from '../facts/archive.js';
import { identity, pathExists } from '../facts/files.js';
import { pathObject } from '../facts/objects.js';
import { sh } from '../shell/quote.js';
import type { ModuleDefinition } from './module.js';

export interface UnarchiveArgs {
  src: string;
  dest: string;
  remote_src: true;
  creates?: string;
  list_files?: boolean;
}

/**
 * What of `tar --diff` means "not unpacked" to Ansible: times, missing members, modes, and (for
 * root) owners; a content difference alone shows with a time difference.
 */
const NOT_UNPACKED = [/: Mod time differs$/, /: Warning: Cannot stat: No such file or directory$/, /: Mode differs$/, /: Invalid owner/, /: Invalid group/];
const OWNERS = [/: Uid differs$/, /: Gid differs$/];
const EMPTY_NAME = /: : Warning: Cannot stat: No such file or directory$/;

/** Why: releases and tools ship as archives; unpacking them again on every run would restart what depends on them. */
export const unarchiveModule: ModuleDefinition<UnarchiveArgs> = {
  name: 'unarchive',
  description: 'Unpacks a tar or zip archive that is on the host (remote_src: true) into an existing folder, unless creates exists or tar --diff finds the folder holds it (zip archives need unzip on the host).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest', 'remote_src'],
    properties: {
      src: { type: 'string', pattern: '^/', description: 'Absolute path of the archive on the host (copy it there first: archives on the controller are not supported yet).' },
      dest: { type: 'string', pattern: '^/', description: 'The folder to unpack into; it must exist.' },
      remote_src: { const: true, description: 'Must be true: the archive is on the host.' },
      creates: { type: 'string', minLength: 1, description: 'Skip the task when this path exists.' },
      list_files: { type: 'boolean', default: false, description: 'Register the archive\'s members as files.' },
    },
  },
  facts: (args) => [archiveState(args.src, args.dest), identity, ...(args.creates !== undefined ? [pathExists(args.creates)] : [])],
  plan(args, facts) {
    if (args.creates !== undefined && facts.get(pathExists(args.creates)).exists) return { changes: [], skipped: true, reason: `skipped, since ${args.creates} exists` };
    const state = facts.get(archiveState(args.src, args.dest));
    if (state.problem) throw new BcError(problemMessage(args, state.problem));
    const root = facts.get(identity).user === 'root';
    const differences = state.diff.filter((line) => !EMPTY_NAME.test(line) && [...NOT_UNPACKED, ...(root ? OWNERS : [])].some((re) => re.test(line)));
    const data = { dest: args.dest, src: args.src, ...(args.list_files ? { files: state.members } : {}) };
    if (differences.length === 0) return { changes: [], reason: `${args.dest} already holds ${args.src}`, data };
    const command = state.kind === 'zip' ? sh`unzip -q -o ${args.src} -d ${args.dest}` : sh`tar --extract -C ${args.dest} -f ${args.src}`;
    const unpacked: ArchiveState = { ...state, diff: [] };
    return {
      changes: [{
        summary: `unpack ${args.src} into ${args.dest} (${differences.length} difference${differences.length === 1 ? '' : 's'}: ${differences[0]})`,
        command,
        effects: [{ touch: pathObject(args.dest, { subtree: true }) }, { fact: archiveState(args.src, args.dest), value: unpacked }],
      }],
      data,
    };
  },
};

function problemMessage(args: UnarchiveArgs, problem: NonNullable<ArchiveState['problem']>): string {
  switch (problem) {
    case 'no-src':
      return `Source '${args.src}' does not exist`;
    case 'empty-src':
      return `Invalid archive '${args.src}', the file is 0 bytes`;
    case 'no-dest':
      return `Destination '${args.dest}' is not a directory`;
    case 'unknown-format':
      return `Failed to find handler for "${args.src}": it is no archive tar can read, nor a zip (zip archives need unzip on the host)`;
  }
}
