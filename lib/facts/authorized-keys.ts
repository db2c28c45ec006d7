// A user's authorized_keys file as ansible.posix's authorized_key finds it: the user's home (or
// the given path), the folder it is in and the file's text and attributes, in one snippet.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { ACCOUNT_NAMES, pathObject } from './objects.js';

/** Mode and owner of a path that exists. */
export interface PathAttributes {
  mode: string;
  owner: string;
  group: string;
}

/** The file and its folder; null when the user does not exist. */
export type AuthorizedKeys = null | {
  /** The user's primary group, which Ansible gives the folder and the file. */
  group: string;
  keyfile: string;
  folder: PathAttributes | null;
  file: (PathAttributes & { content: string }) | null;
};

/** Why: the file's path comes from the user's home, so the lookup and the read are one fact. */
export function authorizedKeys(user: string, path: string | undefined): FactSpec<AuthorizedKeys> {
  return {
    key: `authorized_keys:${user}:${path ?? ''}`,
    // Set by authorized_key alone; the account and the paths it read are what change it.
    about: [],
    dependsOn: (value) => [{ id: `user:${user}` }, ACCOUNT_NAMES, ...(value === null ? [] : [pathObject(value.keyfile), pathObject(folderOf(value.keyfile))])],
    command: [
      sh`ent=$(getent passwd ${user}) || { echo nouser; exit 0; }`,
      sh`f=${path ?? ''}; [ -n "$f" ] || f="$(printf %s "$ent" | cut -d: -f6)/.ssh/authorized_keys"`,
      sh`id -gn ${user} && printf '%s\\n' "$f"`,
      `d=$(dirname -- "$f"); if [ -d "$d" ]; then stat -c '%a|%U|%G' -- "$d"; else echo missing; fi`,
      `if [ -f "$f" ]; then stat -c '%a|%U|%G' -- "$f" && cat -- "$f"; else echo missing; fi`,
    ].join('\n'),
    parse: (stdout, code) => parseAuthorizedKeys(user, stdout, code),
  };
}

/** Why: the folder Ansible creates (manage_dir) and gives mode 0700. */
export function folderOf(keyfile: string): string {
  return keyfile.slice(0, keyfile.lastIndexOf('/')) || '/';
}

/** Why: pure half of authorizedKeys: group, path, the folder's and the file's attributes, then the text as is. */
export function parseAuthorizedKeys(user: string, stdout: string, code: number): AuthorizedKeys {
  if (code === 0 && stdout.trim() === 'nouser') return null;
  const lines = stdout.split('\n');
  if (code !== 0 || lines.length < 4) throw new BcError(`cannot read the authorized_keys of ${user} (exit code ${code})`, undefined, 'another user\'s keys need become: true');
  const [group, keyfile, folder, file] = lines;
  return { group, keyfile, folder: attributesOf(folder), file: file === 'missing' ? null : { ...(attributesOf(file) as PathAttributes), content: lines.slice(4).join('\n') } };
}

function attributesOf(line: string): PathAttributes | null {
  if (line === 'missing') return null;
  const [mode, owner, group] = line.split('|');
  return { mode: mode.padStart(4, '0'), owner, group };
}
