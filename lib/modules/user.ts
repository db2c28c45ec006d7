// user: a local account present (uid, groups, home, shell) or absent.
import { ACCOUNT_NAMES, pathObject } from '../facts/objects.js';
import { skeletonFact } from '../facts/new-home.js';
import { groupFact, userFact, type GroupState, type UserState } from '../facts/users.js';
import { raw, sh, type RawShell } from '../shell/quote.js';
import type { Change, FactEffect, ModuleDefinition, Plan } from './module.js';

export interface UserArgs {
  name: string;
  uid?: number;
  group?: string;
  groups?: string[];
  append?: boolean;
  home?: string;
  shell?: string;
  system?: boolean;
  create_home?: boolean;
  remove?: boolean;
  state?: 'present' | 'absent';
}

const NAME = '^[a-z_][a-z0-9_.-]*\\$?$';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: NAME, maxLength: 32, description: 'Login name.' },
    uid: { type: 'integer', minimum: 0, description: 'User id; an existing user is given this id.' },
    group: {
      type: 'string',
      pattern: NAME,
      description: 'Primary group (must exist); by default a group named like the user is created with it.',
    },
    groups: {
      type: 'array',
      items: { type: 'string', pattern: NAME },
      description: 'Supplementary groups (must exist); added to the ones the user has unless append is false.',
    },
    append: {
      type: 'boolean',
      default: true,
      description: 'true: add the user to `groups`, keeping other memberships; false: make `groups` the exact list.',
    },
    home: { type: 'string', pattern: '^/', description: 'Home directory path (changed in passwd only; files are not moved).' },
    shell: { type: 'string', pattern: '^/', description: 'Login shell, e.g. /usr/sbin/nologin for service users.' },
    system: { type: 'boolean', default: false, description: 'Create a system account (id below 1000); used at creation only.' },
    create_home: {
      type: 'boolean',
      description: 'Create the home directory at creation; defaults to true, and to false for system accounts.',
    },
    remove: { type: 'boolean', default: false, description: 'With state absent: also delete the home directory and mail spool.' },
    state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the account exists.' },
  },
};

/** Why: services run as dedicated accounts; the planner changes only the attributes that differ. */
export const userModule: ModuleDefinition<UserArgs> = {
  name: 'user',
  description: 'Creates, modifies or removes a local user account.',
  schema,
  facts: (args) => [userFact(args.name), groupFact(args.name), ...(makesHome(args) ? [skeletonFact()] : [])],
  plan(args, facts) {
    const now = facts.get(userFact(args.name));
    const ownGroup = facts.get(groupFact(args.name));
    if (args.state === 'absent') return removeUser(args, now);
    if (!now) return createUser(args, ownGroup, makesHome(args) ? facts.get(skeletonFact()) : []);
    return modifyUser(args, now);
  },
};

function removeUser(args: UserArgs, now: UserState | null): Plan {
  if (!now) return { changes: [], reason: `user ${args.name} does not exist` };
  // -r deletes the home and the mail spool; the account's id no longer has a name.
  const removed: FactEffect[] = args.remove ? [now.home, `/var/mail/${args.name}`].flatMap((p) => (p ? [{ touch: pathObject(p, { subtree: true }), cause: 'removed' as const }] : [])) : [];
  const effects: FactEffect[] = [...removed, { fact: userFact(args.name), value: null }, ACCOUNTS_CHANGED];
  // userdel also deletes the user's private group (USERGROUPS_ENAB, Debian's default).
  if (now.group === args.name) effects.push({ fact: groupFact(args.name), value: null });
  const words = [...(args.remove ? [raw('-r')] : []), args.name];
  return { changes: [{ summary: `remove user ${args.name}`, command: sh`userdel ${words}`, effects }] };
}

/** Whether creating this account makes its home (useradd -m). */
function makesHome(args: UserArgs): boolean {
  return args.state !== 'absent' && (args.create_home ?? !args.system);
}

function createUser(given: UserArgs, ownGroup: GroupState | null, skeleton: string[]): Plan {
  // useradd refuses to create a private group over an existing one; join it instead (as Ansible does).
  const args = { ...given, group: given.group ?? (ownGroup ? given.name : undefined) };
  const createHome = makesHome(args);
  const flags: (RawShell | string | number)[] = [
    ...attributeFlags(args),
    ...(args.system ? [raw('-r')] : []),
    raw(createHome ? '-m' : '-M'),
  ];
  const groups = [...new Set(args.groups ?? [])].filter((g) => g !== args.group).sort();
  if (groups.length) flags.push(raw('-G'), groups.join(','));
  const value: UserState = {
    name: args.name,
    uid: args.uid ?? null,
    group: args.group ?? args.name,
    groups,
    home: args.home ?? null,
    shell: args.shell ?? null,
  };
  // -m makes the home (default /home/NAME, as useradd's HOME) from /etc/skel: a path below it the
  // skeleton does not hold is absent; the home's mode and the skeleton's copies check mode cannot know.
  const homePath = args.home ?? `/home/${args.name}`;
  const home: FactEffect[] = createHome ? [{ touch: pathObject(homePath, { subtree: true }), cause: 'new-home' }, { fact: skeletonFact(), value: skeleton }] : [];
  const effects: FactEffect[] = [...home, { fact: userFact(args.name), value }, ACCOUNTS_CHANGED];
  if (!args.group) {
    // useradd creates a group named like the user (USERGROUPS_ENAB, Debian's default).
    effects.push({ fact: groupFact(args.name), value: { name: args.name, gid: null } satisfies GroupState });
  }
  return { changes: [{ summary: `create user ${args.name}`, command: sh`useradd ${flags} ${args.name}`, effects }] };
}

function modifyUser(args: UserArgs, now: UserState): Plan {
  const wanted = { ...now };
  const what: string[] = [];
  const flags: (RawShell | string | number)[] = [];
  const differs = <K extends 'uid' | 'group' | 'home' | 'shell'>(key: K, flag: string, value: UserState[K] | undefined) => {
    if (value === undefined || value === now[key]) return;
    what.push(`${key} ${now[key] ?? 'unknown'} → ${value}`);
    flags.push(raw(flag), value as string | number);
    wanted[key] = value;
  };
  differs('uid', '-u', args.uid);
  differs('group', '-g', args.group);
  differs('home', '-d', args.home);
  differs('shell', '-s', args.shell);
  if (args.groups) {
    const primary = wanted.group;
    const want = [...new Set(args.groups)].filter((g) => g !== primary).sort();
    const current = now.groups.filter((g) => g !== primary);
    const target = args.append === false ? want : [...new Set([...current, ...want])].sort();
    if (target.join(',') !== current.join(',')) {
      const added = target.filter((g) => !current.includes(g));
      const dropped = current.filter((g) => !target.includes(g));
      what.push(['groups', ...added.map((g) => `+${g}`), ...dropped.map((g) => `-${g}`)].join(' '));
      flags.push(...(args.append === false ? [raw('-G'), want.join(',')] : [raw('-a'), raw('-G'), want.join(',')]));
      wanted.groups = target;
    }
  }
  if (!flags.length) return { changes: [], reason: `user ${args.name} is as wanted (uid ${now.uid ?? 'unknown'})` };
  const change: Change = {
    summary: `modify user ${args.name}: ${what.join(', ')}`,
    command: sh`usermod ${flags} ${args.name}`,
    effects: [{ fact: userFact(args.name), value: wanted }],
  };
  // usermod -u gives the files in the home the new id; files elsewhere keep the old, now nameless one.
  if (args.uid !== undefined && args.uid !== now.uid) change.effects!.unshift(...(now.home ? [{ touch: pathObject(now.home, { subtree: true }) }] : []), ACCOUNTS_CHANGED);
  return { changes: [change] };
}

/** Why: an account created, removed or renumbered changes which name its id shows under (files, groups). */
const ACCOUNTS_CHANGED: FactEffect = { touch: ACCOUNT_NAMES, cause: 'accounts' };

function attributeFlags(args: UserArgs): (RawShell | string | number)[] {
  const pairs: [string, string | number | undefined][] = [
    ['-u', args.uid],
    ['-g', args.group],
    ['-d', args.home],
    ['-s', args.shell],
  ];
  return pairs.flatMap(([flag, value]) => (value === undefined ? [] : [raw(flag), value]));
}
