// Account facts: a user from `getent passwd` and `id`, a group from `getent group`.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { ACCOUNT_NAMES } from './objects.js';

/** A user account; null fields are not known yet (predicted after a creation that did not set them). */
export interface UserState {
  name: string;
  uid: number | null;
  /** Name of the primary group. */
  group: string | null;
  /** Supplementary groups, sorted, without the primary group. */
  groups: string[];
  home: string | null;
  shell: string | null;
}

/** A group; gid is null when predicted after a creation that did not set it. */
export interface GroupState {
  name: string;
  gid: number | null;
}

const SEP = '@@bc-play-user@@';

/** Why: one round trip gives the passwd entry and the group names `id` resolves; null when absent. */
export function userFact(name: string): FactSpec<UserState | null> {
  return {
    key: `user:${name}`,
    about: [{ id: `user:${name}` }],
    // Its groups are names: a group removed (groupdel) is gone from every member's list.
    dependsOn: () => [ACCOUNT_NAMES],
    command: sh`getent passwd ${name} && echo ${SEP} && id -gn ${name} && echo ${SEP} && id -Gn ${name}`,
    parse: parseUser,
    predict: (before, touch) => {
      if (touch.cause !== 'accounts') return undefined;
      if (!before) return before;
      return { ...before, groups: before.groups.filter((g) => touch.set.get(groupFact(g).key) !== null) };
    },
  };
}

/** Why: getent exits 2 with no output for a missing user, which is a fact ("absent"), not an error. */
export function parseUser(stdout: string): UserState | null {
  const [passwd = '', primary = '', all = ''] = stdout.split(SEP).map((s) => s.trim());
  const fields = passwd.split('\n')[0].split(':');
  if (fields.length < 7) return null;
  const group = primary || null;
  return {
    name: fields[0],
    uid: Number(fields[2]),
    group,
    groups: [...new Set(all.split(/\s+/).filter((g) => g && g !== group))].sort(),
    home: fields[5],
    shell: fields[6],
  };
}

/** Why: the group module and the user module (user-private groups) both read and predict it. */
export function groupFact(name: string): FactSpec<GroupState | null> {
  return {
    key: `group:${name}`,
    about: [{ id: `group:${name}` }],
    command: sh`getent group ${name}`,
    parse: parseGroup,
  };
}

/** Why: `name:x:gid:members`; members are left out because user changes would make them stale. */
export function parseGroup(stdout: string): GroupState | null {
  const fields = stdout.trim().split('\n')[0].split(':');
  if (fields.length < 3) return null;
  return { name: fields[0], gid: Number(fields[2]) };
}
