// authorized_key: SSH keys in a user's authorized_keys, added, removed or made the only ones,
// read and written line for line as ansible.posix's module does.
import { BcError } from '../errors.js';
import { authorizedKeys, folderOf, type AuthorizedKeys } from '../facts/authorized-keys.js';
import { identity } from '../facts/files.js';
import { pathObject } from '../facts/objects.js';
import { sh } from '../shell/quote.js';
import type { ModuleDefinition } from './module.js';
import { parseKeyFile, parseKeyLine, parseOptions, sameKey, serializeKeys, type KeyEntry } from './support/key-lines.js';

export interface AuthorizedKeyArgs {
  user: string;
  key: string;
  path?: string;
  manage_dir?: boolean;
  state?: 'present' | 'absent';
  key_options?: string;
  exclusive?: boolean;
  comment?: string;
}

/** Why: who may log in is a list of keys per user; Ansible users manage it with authorized_key. */
export const authorizedKeyModule: ModuleDefinition<AuthorizedKeyArgs> = {
  name: 'authorized_key',
  description: 'Adds or removes SSH public keys in a user\'s ~/.ssh/authorized_keys (or path), as ansible.posix does: the file 0600 and its folder 0700 (manage_dir), both the user\'s; exclusive keeps only the given keys.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['user', 'key'],
    properties: {
      user: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]*\\$?$', description: 'The user whose keys these are (it must exist).' },
      key: { type: 'string', minLength: 1, pattern: '^(?!https?:)', description: 'One key per line (`ssh-ed25519 AAAA... comment`, options before it allowed); blank and # lines are left out. Keys from URLs are not supported.' },
      path: { type: 'string', pattern: '^/', description: 'The file instead of ~USER/.ssh/authorized_keys.' },
      manage_dir: { type: 'boolean', default: true, description: 'Create the file\'s folder if missing and give it mode 0700 and the user as owner whenever the file is written.' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'absent removes the keys (whatever their options).' },
      key_options: { type: 'string', pattern: '^[^\\n]*$', description: 'Options written before each key, e.g. no-port-forwarding,from="10.0.0.0/8".' },
      exclusive: { type: 'boolean', default: false, description: 'With state: present, remove every other key and line of the file.' },
      comment: { type: 'string', pattern: '^[^\\n]*$', description: 'The comment written after each key instead of its own.' },
    },
  },
  facts: (args) => [authorizedKeys(args.user, args.path), identity],
  plan(args, facts) {
    const found = facts.get(authorizedKeys(args.user, args.path));
    if (found === null) throw new BcError(`Failed to lookup user ${args.user}`, undefined, 'create the user first (user: ...)');
    const state = args.state ?? 'present';
    const data = { user: args.user, key: args.key, path: args.path ?? null, manage_dir: args.manage_dir ?? true, state, key_options: args.key_options ?? null, exclusive: args.exclusive ?? false, comment: args.comment ?? null, follow: false, keyfile: found.keyfile };
    const before = found.file?.content ?? '';
    const edited = editKeys(args, state, parseKeyFile(before));
    if (!edited.changed) return { changes: [], reason: `${found.keyfile} already has the keys ${state === 'present' ? 'wanted' : 'removed'}`, data };
    const content = serializeKeys(edited.entries);
    return { changes: [writeChange(args, found, content, facts.get(identity))], data };
  },
};

/** ansible.posix's enforce_state: what the file's entries become, and whether they changed. */
function editKeys(args: AuthorizedKeyArgs, state: 'present' | 'absent', entries: Map<string, KeyEntry>): { entries: Map<string, KeyEntry>; changed: boolean } {
  let changed = false;
  const wanted: string[] = [];
  const existingCount = entries.size;
  args.key.split(/\r\n|\n|\r/).filter((l) => l && !l.startsWith('#')).forEach((line, index) => {
    const parsed = parseKeyLine(line, index);
    if (!parsed || parsed.kind !== 'key') throw new BcError(`invalid key specified: ${line}`);
    const key: KeyEntry = { ...parsed, ...(args.key_options !== undefined ? { options: parseOptions(args.key_options) } : {}), ...(args.comment !== undefined ? { comment: args.comment } : {}) };
    const existing = entries.get(key.id);
    const matched = existing !== undefined && (state === 'absent' || sameKey(existing, key));
    if (state === 'absent') {
      if (matched) changed = entries.delete(key.id);
      return;
    }
    wanted.push(key.id);
    if (existing !== undefined && !matched) changed = entries.delete(key.id);
    // A new (or changed) key goes after the file's entries, in the order given.
    if (!matched) {
      entries.set(key.id, { ...key, rank: existingCount + index });
      changed = true;
    }
  });
  if (state === 'present' && args.exclusive) {
    for (const id of [...entries.keys()]) if (!wanted.includes(id)) changed = entries.delete(id);
  }
  return { entries, changed };
}

/** The file written atomically (0600, the user's), its folder made and given 0700 first when manage_dir. */
function writeChange(args: AuthorizedKeyArgs, found: Exclude<AuthorizedKeys, null>, content: string, runner: { user: string; group: string }) {
  const folder = folderOf(found.keyfile);
  const owner = `${args.user}:${found.group}`;
  const manage = args.manage_dir ?? true;
  const lines = [
    manage ? sh`mkdir -p -- ${folder} && chown -- ${owner} ${folder} && chmod 0700 ${folder}` : sh`mkdir -p -- ${folder}`,
    sh`tmp=$(mktemp -- ${`${folder}/.authorized_keys.bc-play-XXXXXX`}) || exit 1`,
    sh`if ! { cat > "$tmp" && chown -- ${owner} "$tmp" && chmod 0600 "$tmp"; }; then rm -f -- "$tmp"; exit 1; fi`,
    sh`mv -f -- "$tmp" ${found.keyfile} || { rm -f -- "$tmp"; exit 1; }`,
  ];
  const madeFolder = manage ? { mode: '0700', owner: args.user, group: found.group } : (found.folder ?? { mode: '0755', owner: runner.user, group: runner.group });
  const after: AuthorizedKeys = { ...found, folder: madeFolder, file: { mode: '0600', owner: args.user, group: found.group, content } };
  const count = content.split('\n').filter((l) => parseKeyLine(l, 0)?.kind === 'key').length;
  return {
    summary: `${found.file ? 'update' : 'create'} ${found.keyfile} (${count} key${count === 1 ? '' : 's'}, mode 0600, owner ${owner})`,
    command: lines.join('\n'),
    stdin: content,
    effects: [{ fact: authorizedKeys(args.user, args.path), value: after }, { touch: pathObject(found.keyfile) }, { touch: pathObject(folder) }],
  };
}
