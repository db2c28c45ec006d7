// stat: what a path on the host is, registered for later tasks, with Ansible's names.
import { fileStat } from '../facts/files.js';
import type { ModuleDefinition } from './module.js';

export interface StatArgs {
  path: string;
}

/** Why: a later task decides on a path (`when: st.stat.exists`) the way Ansible users write it. */
export const statModule: ModuleDefinition<StatArgs> = {
  name: 'stat',
  description: 'Registers what a path is: stat.exists, isdir, isreg, islnk, mode, pw_name, gr_name, size, lnk_target, checksum_sha256 (links are not followed); changes nothing.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: { path: { type: 'string', minLength: 1, description: 'Absolute path on the host.' } },
  },
  facts: (args) => [fileStat(args.path)],
  plan(args, facts) {
    const s = facts.get(fileStat(args.path));
    if (!s.exists) return { changes: [], reason: `${args.path} does not exist`, data: { stat: { exists: false } } };
    const stat = {
      exists: true,
      path: args.path,
      isdir: s.type === 'directory',
      isreg: s.type === 'file',
      islnk: s.type === 'link',
      mode: s.mode,
      pw_name: s.owner,
      gr_name: s.group,
      ...(s.size !== undefined ? { size: s.size } : {}),
      ...(s.sha256 !== undefined ? { checksum_sha256: s.sha256 } : {}),
      ...(s.type === 'link' ? { lnk_target: s.target } : {}),
    };
    return { changes: [], reason: `${args.path} is a ${s.type} with mode ${s.mode}, owner ${s.owner}:${s.group}`, data: { stat } };
  },
};
