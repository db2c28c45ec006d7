// Facts about paths on the host: what is there (stat), what it holds (content), and who new
// files belong to. Each is one shell snippet with a pure parse, batched with other facts.
import { createHash } from 'node:crypto';
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec, Touch } from './fact.js';
import { absentInNewHome } from './new-home.js';
import { ACCOUNT_NAMES, pathObject } from './objects.js';

/** What a path is on the host; `exists: false` carries nothing else. */
export type FileStat =
  | { exists: false }
  | {
      exists: true;
      type: 'file' | 'directory' | 'link' | 'other';
      /** Four octal digits, e.g. "0644", "4755". */
      mode: string;
      /** User and group names (the numeric id when the name is unknown on the host). */
      owner: string;
      group: string;
      /** Regular files only: size in bytes and sha256 of the content. */
      size?: number;
      sha256?: string;
      /** Symbolic links only: where the link points, as stored. */
      target?: string;
    };

/** The text of a file; `unread` says why the content was not read although the path exists. */
export interface FileContent {
  exists: boolean;
  content: string;
  unread: null | 'not a regular file' | 'too large';
  /** The file the path leads to when it is a symbolic link (resolved, absolute). */
  via?: string;
}

/** Who runs the task's commands: the owner and group a newly created file gets. */
export interface Identity {
  user: string;
  group: string;
}

/** Files above this size are not read as text (line edits and diffs are for config files). */
export const CONTENT_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Why: one snippet answers "is it there, what is it, with which mode, owner and content hash",
 * so modules decide on a write or a chmod without reading the content itself.
 */
export function fileStat(path: string): FactSpec<FileStat> {
  const p = path;
  return {
    key: `file:${path}`,
    about: [pathObject(path)],
    dependsOn: () => [ACCOUNT_NAMES],
    command:
      sh`if [ -e ${p} ] || [ -L ${p} ]; then stat -c 'stat|%F|%a|%U|%G|%u|%g|%s' -- ${p} && ` +
      sh`{ if [ -L ${p} ]; then readlink -- ${p}; elif [ -f ${p} ]; then sha256sum < ${p}; fi; }; ` +
      sh`else echo missing; fi`,
    parse: (stdout, code) => parseFileStat(path, stdout, code),
    predict: (before, touch) => predictStat(path, before, touch),
  };
}

/** Why: what check mode can tell of a path's stat after a change it did not see the stat of. */
function predictStat(path: string, before: FileStat, touch: Touch): FileStat | undefined {
  if (touch.cause === 'accounts') return before.exists ? renamedOwners(before, touch.set) : before;
  if (touch.cause === 'removed' || absentInNewHome(path, touch) || (touch.set.get(pathExists(path).key) as PathState | undefined)?.exists === false) return { exists: false };
  if (touch.cause === 'parents' && before.exists && before.type === 'directory') return before;
  return undefined;
}

/**
 * Why: a file's owner and group read as names or bare ids depending on the accounts; after an
 * account was created, removed or renumbered (its new user:/group: facts in `set`), a bare id an
 * account now has becomes its name, and a name whose account changed is unknown (check mode
 * cannot tell the old id's file from the files usermod moved).
 */
function renamedOwners(stat: Extract<FileStat, { exists: true }>, set: ReadonlyMap<string, unknown>): FileStat | undefined {
  const owner = nameAfter(stat.owner, set, 'user:', 'uid');
  const group = nameAfter(stat.group, set, 'group:', 'gid');
  return owner === undefined || group === undefined ? undefined : { ...stat, owner, group };
}

function nameAfter(shown: string, set: ReadonlyMap<string, unknown>, prefix: string, idField: 'uid' | 'gid'): string | undefined {
  for (const [key, value] of set) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name === shown) return undefined;
    if (!/^\d+$/.test(shown) || value === null) continue;
    const id = (value as Record<string, number | null>)[idField];
    if (id === null) return undefined;
    if (id === Number(shown)) return name;
  }
  return shown;
}

/** Why: what check mode can tell of a path's content after a change that set its stat only. */
function predictContent(path: string, before: FileContent, touch: Touch): FileContent | undefined {
  const missing: FileContent = { exists: false, content: '', unread: null };
  if (touch.cause === 'removed' || absentInNewHome(path, touch) || (touch.set.get(pathExists(path).key) as PathState | undefined)?.exists === false) return missing;
  // Read through a link: the content its target was given.
  const through = before.via === undefined ? undefined : (touch.set.get(fileContent(before.via).key) as FileContent | undefined);
  if (through) return { ...through, via: before.via };
  const stat = touch.set.get(fileStat(path).key) as FileStat | undefined;
  if (!stat) return touch.cause === 'parents' && before.exists ? before : undefined;
  if (!stat.exists) return missing;
  // A writer sets the content itself; a stat alone is a chmod/chown (content as it was) or a new directory.
  if (stat.type === 'file' && before.exists && !before.unread) return before;
  if (stat.type === 'directory') return { exists: true, content: '', unread: 'not a regular file' };
  return undefined;
}

/** Whether a path exists, following symbolic links (as `test -e` and Ansible's creates do). */
export interface PathState {
  exists: boolean;
  /** The file the path leads to when it is a symbolic link (resolved, absolute). */
  via?: string;
}

/** Why: the smallest fact there is, keyed by path so a command can predict the file it creates. */
export function pathExists(path: string): FactSpec<PathState> {
  return {
    key: `path:${path}`,
    about: [pathObject(path)],
    dependsOn: (value) => (value.via === undefined ? [] : [pathObject(value.via)]),
    command: sh`if [ -L ${path} ]; then printf 'via %s\\n' "$(readlink -f -- ${path})"; fi; test -e ${path} && echo yes || echo no`,
    parse: parsePathState,
    predict: (before, touch) => {
      if (touch.cause === 'removed' || absentInNewHome(path, touch)) return { ...before, exists: false };
      if (touch.cause === 'parents') return { ...before, exists: true };
      // What the change set about the path itself, else about the file its link leads to.
      const set = [path, ...(before.via === undefined ? [] : [before.via])].flatMap((p) => [touch.set.get(fileStat(p).key), touch.set.get(fileContent(p).key)]);
      const exists = (set.find((v) => v !== undefined) as { exists: boolean } | undefined)?.exists;
      return exists === undefined ? undefined : { ...before, exists };
    },
  };
}

/** Why: pure half of pathExists: an optional `via TARGET` line, then yes or no. */
export function parsePathState(stdout: string): PathState {
  const lines = stdout.trim().split('\n');
  const via = lines[0].startsWith('via ') ? lines[0].slice('via '.length) : undefined;
  return { exists: lines[lines.length - 1] === 'yes', ...(via === undefined ? {} : { via }) };
}

/** Why: kept apart from the FactSpec so it is tested on captured outputs of GNU stat. */
export function parseFileStat(path: string, stdout: string, code: number): FileStat {
  if (stdout === 'missing\n' || stdout === 'missing') return { exists: false };
  const newline = stdout.indexOf('\n');
  const head = newline === -1 ? stdout : stdout.slice(0, newline);
  const rest = newline === -1 ? '' : stdout.slice(newline + 1);
  const fields = head.split('|');
  if (code !== 0 || fields[0] !== 'stat' || fields.length !== 8) {
    throw new BcError(`cannot read the state of ${path} (exit code ${code})`, undefined, 'check that the path is readable; tasks that touch root-owned paths need become: true');
  }
  const [, kind, mode, user, group, uid, gid, size] = fields;
  const base = {
    exists: true as const,
    mode: mode.padStart(4, '0'),
    owner: user === 'UNKNOWN' ? uid : user,
    group: group === 'UNKNOWN' ? gid : group,
  };
  if (kind === 'regular file' || kind === 'regular empty file') {
    return { ...base, type: 'file', size: Number(size), sha256: rest.slice(0, 64) };
  }
  if (kind === 'symbolic link') return { ...base, type: 'link', target: rest.replace(/\n$/, '') };
  if (kind === 'directory') return { ...base, type: 'directory' };
  return { ...base, type: 'other' };
}

const CONTENT_MARK = { file: 'bc-play:file', missing: 'bc-play:missing', other: 'bc-play:other', large: 'bc-play:large', via: 'bc-play:via ' };

/**
 * Why: line and block edits and diffs need the old text; a missing file reads as empty so
 * `create: true` edits plan against "" without a special case.
 */
export function fileContent(path: string): FactSpec<FileContent> {
  const p = path;
  return {
    key: `content:${path}`,
    about: [pathObject(path)],
    dependsOn: (value) => (value.via === undefined ? [] : [pathObject(value.via)]),
    command:
      sh`if [ -L ${p} ]; then printf '%s%s\\n' ${CONTENT_MARK.via} "$(readlink -f -- ${p})"; fi; ` +
      sh`if [ -f ${p} ]; then if [ "$(stat -L -c %s -- ${p})" -gt ${CONTENT_LIMIT_BYTES} ]; ` +
      sh`then echo ${CONTENT_MARK.large}; else echo ${CONTENT_MARK.file} && cat -- ${p}; fi; ` +
      sh`elif [ -e ${p} ]; then echo ${CONTENT_MARK.other}; else echo ${CONTENT_MARK.missing}; fi`,
    parse: (stdout, code) => parseFileContent(path, stdout, code),
    predict: (before, touch) => predictContent(path, before, touch),
  };
}

/** Why: pure half of fileContent; the first line says what follows, the rest is the file as is. */
export function parseFileContent(path: string, stdout: string, code: number): FileContent {
  if (stdout.startsWith(CONTENT_MARK.via)) {
    const end = stdout.indexOf('\n');
    const via = stdout.slice(CONTENT_MARK.via.length, end);
    return { ...parseFileContent(path, stdout.slice(end + 1), code), via };
  }
  const newline = stdout.indexOf('\n');
  const mark = newline === -1 ? stdout : stdout.slice(0, newline);
  if (code === 0 && mark === CONTENT_MARK.file) return { exists: true, content: stdout.slice(newline + 1), unread: null };
  if (code === 0 && mark === CONTENT_MARK.missing) return { exists: false, content: '', unread: null };
  if (code === 0 && mark === CONTENT_MARK.other) return { exists: true, content: '', unread: 'not a regular file' };
  if (code === 0 && mark === CONTENT_MARK.large) return { exists: true, content: '', unread: 'too large' };
  throw new BcError(`cannot read ${path} (exit code ${code})`, undefined, 'check that the file is readable; root-owned files need become: true');
}

/** Why: new files belong to whoever runs the command (root under become); predictions need the names. */
export const identity: FactSpec<Identity> = {
  key: 'identity',
  about: [],
  command: 'id -un; id -gn',
  parse(stdout) {
    const [user = '', group = ''] = stdout.split('\n');
    return { user, group };
  },
};

/** Why: the stat and content facts a written file will have, so later tasks plan against it. */
export function predictWrittenFile(content: Buffer, attrs: { mode: string; owner: string; group: string }): { stat: FileStat; content: FileContent } {
  const stat: FileStat = {
    exists: true,
    type: 'file',
    ...attrs,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
  const text: FileContent =
    content.length > CONTENT_LIMIT_BYTES
      ? { exists: true, content: '', unread: 'too large' }
      : { exists: true, content: content.toString('utf8'), unread: null };
  return { stat, content: text };
}
