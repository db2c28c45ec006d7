// Mode, owner and group of a path: the schema pieces every file module shares, and the chmod /
// chown change that brings an existing path to them.
import { sh, type RawShell } from '../../shell/quote.js';
import { fileStat, type FileStat, type Identity } from '../../facts/files.js';
import type { Change, JsonSchema } from '../module.js';

/** What the user asked for; unset attributes keep the existing value (or the default when new). */
export interface Attributes {
  mode?: string;
  owner?: string;
  group?: string;
}

/** Attributes with every value decided. */
export type ResolvedAttributes = Required<Attributes>;

const NAME = '^[A-Za-z_][A-Za-z0-9_.-]*\\$?$';

/** Why: one description of mode/owner/group, so docs and editor schemas say the same everywhere. */
export const attributeProperties: Record<keyof Attributes, JsonSchema> = {
  mode: {
    type: 'string',
    pattern: '^0?[0-7]{3}$|^[0-7]{4}$',
    description: 'Permissions as a quoted octal string, e.g. "0644" or "644" (unquoted 0644 is read as a number by YAML). Unset: kept, or the default for a new path.',
  },
  owner: {
    type: 'string',
    pattern: NAME,
    description: 'User name that owns the path. Unset: kept, or the user running the task for a new path.',
  },
  group: {
    type: 'string',
    pattern: NAME,
    description: 'Group name of the path. Unset: kept, or the primary group of the user running the task for a new path.',
  },
};

/** Why: "644" and "0644" must compare equal with what stat reports ("0644"). */
export function normalizeMode(mode: string): string {
  return parseInt(mode, 8).toString(8).padStart(4, '0');
}

/**
 * Why: unset attributes keep what an existing path has; a new path gets the default mode and
 * belongs to whoever runs the command, which is exactly what the host will report afterwards.
 */
export function resolveAttributes(want: Attributes, current: FileStat | undefined, identity: Identity, defaultMode: string): ResolvedAttributes {
  return {
    mode: want.mode !== undefined ? normalizeMode(want.mode) : current?.exists ? current.mode : defaultMode,
    owner: want.owner ?? (current?.exists ? current.owner : identity.user),
    group: want.group ?? (current?.exists ? current.group : identity.group),
  };
}

/**
 * Why: the `chown` a freshly created path needs, or nothing when it already belongs to the runner;
 * the path may be a shell expansion (raw) such as a temp file's "$tmp".
 */
export function chownCommand(path: string | RawShell, attrs: ResolvedAttributes, identity: Identity, opts: { noDereference?: boolean } = {}): string | undefined {
  if (attrs.owner === identity.user && attrs.group === identity.group) return undefined;
  return opts.noDereference ? sh`chown -h -- ${`${attrs.owner}:${attrs.group}`} ${path}` : sh`chown -- ${`${attrs.owner}:${attrs.group}`} ${path}`;
}

/**
 * Why: when only mode, owner or group differ, the change is a chmod/chown on the path in place,
 * not a rewrite; links have no mode of their own, so only their owner is changed (chown -h).
 */
export function attributeChange(path: string, stat: Extract<FileStat, { exists: true }>, want: Attributes): Change | undefined {
  const isLink = stat.type === 'link';
  const mode = want.mode !== undefined && !isLink ? normalizeMode(want.mode) : stat.mode;
  const owner = want.owner ?? stat.owner;
  const group = want.group ?? stat.group;
  const commands: string[] = [];
  const what: string[] = [];
  if (mode !== stat.mode) {
    commands.push(sh`chmod -- ${mode} ${path}`);
    what.push(`mode ${mode}`);
  }
  if (owner !== stat.owner || group !== stat.group) {
    commands.push(isLink ? sh`chown -h -- ${`${owner}:${group}`} ${path}` : sh`chown -- ${`${owner}:${group}`} ${path}`);
    if (owner !== stat.owner) what.push(`owner ${owner}`);
    if (group !== stat.group) what.push(`group ${group}`);
  }
  if (commands.length === 0) return undefined;
  return {
    summary: `set ${what.join(', ')} on ${path}`,
    command: commands.join(' && '),
    effects: [{ fact: fileStat(path), value: { ...stat, mode, owner, group } }],
  };
}

/** Why: the no-op reasons all name the attributes that were checked, like "mode 0644, root:root". */
export function describeAttributes(attrs: { mode: string; owner: string; group: string }): string {
  return `mode ${attrs.mode}, owner ${attrs.owner}:${attrs.group}`;
}
