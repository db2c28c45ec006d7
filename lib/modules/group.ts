// group: a local group present (with a gid) or absent.
import { ACCOUNT_NAMES } from '../facts/objects.js';
import { groupFact, type GroupState } from '../facts/users.js';
import { raw, sh } from '../shell/quote.js';
import type { FactEffect, ModuleDefinition } from './module.js';

/** Why: a group created, removed or renumbered changes which name its id shows under (files, members). */
const ACCOUNTS_CHANGED: FactEffect = { touch: ACCOUNT_NAMES, cause: 'accounts' };

export interface GroupArgs {
  name: string;
  gid?: number;
  system?: boolean;
  state?: 'present' | 'absent';
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z_][a-z0-9_.-]*\\$?$', maxLength: 32, description: 'Group name.' },
    gid: { type: 'integer', minimum: 0, description: 'Group id; an existing group is given this id.' },
    system: { type: 'boolean', default: false, description: 'Create a system group (id below 1000); used at creation only.' },
    state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the group exists.' },
  },
};

/** Why: services run as their own users and groups; groups come first so users can join them. */
export const groupModule: ModuleDefinition<GroupArgs> = {
  name: 'group',
  description: 'Creates, changes the id of, or removes a local group.',
  schema,
  facts: (args) => [groupFact(args.name)],
  plan(args, facts) {
    const fact = groupFact(args.name);
    const now = facts.get(fact);
    if (args.state === 'absent') {
      if (!now) return { changes: [], reason: `group ${args.name} does not exist` };
      return { changes: [{ summary: `remove group ${args.name}`, command: sh`groupdel ${args.name}`, effects: [{ fact: fact, value: null }, ACCOUNTS_CHANGED] }] };
    }
    if (!now) {
      const words = [...(args.gid === undefined ? [] : [raw('-g'), args.gid]), ...(args.system ? [raw('-r')] : []), args.name];
      const value: GroupState = { name: args.name, gid: args.gid ?? null };
      return {
        changes: [
          {
            summary: `create group ${args.name}${args.gid === undefined ? '' : ` (gid ${args.gid})`}`,
            command: sh`groupadd ${words}`,
            effects: [{ fact: fact, value }, ACCOUNTS_CHANGED],
          },
        ],
      };
    }
    if (args.gid !== undefined && now.gid !== args.gid) {
      return {
        changes: [
          {
            summary: `change gid of group ${args.name}: ${now.gid ?? 'unknown'} → ${args.gid}`,
            command: sh`groupmod -g ${args.gid} ${args.name}`,
            effects: [{ fact: fact, value: { ...now, gid: args.gid } }, ACCOUNTS_CHANGED],
          },
        ],
      };
    }
    return { changes: [], reason: `group ${args.name} exists${now.gid === null ? '' : ` (gid ${now.gid})`}` };
  },
};
