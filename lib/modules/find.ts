// find: the files of folders that match names, types, ages, sizes and contents, registered with
// Ansible's names (files, matched, examined) for later tasks; changes nothing.
import { posix } from 'node:path';
import { directoryListing, type FoundEntry, type Listing } from '../facts/find.js';
import type { JsonSchema, ModuleDefinition } from './module.js';
import { fnmatchRegex, pythonRegex } from './support/python-regex.js';

export interface FindArgs {
  paths: string | string[];
  patterns?: string | string[];
  excludes?: string | string[];
  contains?: string;
  read_whole_file?: boolean;
  file_type?: 'any' | 'directory' | 'file' | 'link';
  age?: string;
  age_stamp?: 'atime' | 'ctime' | 'mtime';
  size?: string;
  recurse?: boolean;
  hidden?: boolean;
  use_regex?: boolean;
  depth?: number;
}

const LIST: JsonSchema = {
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
};

const AGE = /^(-?\d+)([smhdw]?)$/i;
const SIZE = /^(-?\d+)([bkmgt]?)$/i;
const SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const BYTES: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Why: a later task acts on what a folder holds (old backups, leftover releases) the way Ansible users write it. */
export const findModule: ModuleDefinition<FindArgs> = {
  name: 'find',
  description: 'Registers the entries of folders that match: files (each with path, mode, size, mtime, pw_name... as Ansible\'s stat), matched, examined, msg, skipped_paths; changes nothing.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['paths'],
    properties: {
      paths: { ...LIST, description: 'Folders on the host to search (a list, or one string of comma-separated paths); a path that is no folder is skipped with a warning, as Ansible does.' },
      patterns: { ...LIST, description: 'Names (not paths) to match: shell globs (Python\'s fnmatch), or with use_regex regular expressions matched from the start of the name. Default: every name.' },
      excludes: { ...LIST, description: 'Names to leave out, written as patterns.' },
      contains: { type: 'string', minLength: 1, description: 'Regular files only: a regular expression one of the file\'s lines must match from its start (read with grep -P on the host).' },
      read_whole_file: { type: 'boolean', default: false, description: 'Search contains anywhere in the whole file instead of per line.' },
      file_type: { enum: ['any', 'directory', 'file', 'link'], default: 'file', description: 'What kind of entries to register.' },
      age: { type: 'string', pattern: AGE.source, description: 'At least this old (e.g. 2d, 4w, 30m; seconds without a unit); a negative age: at most this old.' },
      age_stamp: { enum: ['atime', 'ctime', 'mtime'], default: 'mtime', description: 'Which time age is compared with.' },
      size: { type: 'string', pattern: SIZE.source, description: 'Regular files at least this big (e.g. 10k, 1m; bytes without a unit); negative: at most this big.' },
      recurse: { type: 'boolean', default: false, description: 'Search the folders below too.' },
      hidden: { type: 'boolean', default: false, description: 'Register entries whose name starts with a dot (their folders are searched either way, as Ansible does).' },
      use_regex: { type: 'boolean', default: false, description: 'patterns and excludes are regular expressions (JavaScript\'s, with Python\'s (?P<name>) read), not globs.' },
      depth: { type: 'integer', minimum: 0, description: 'With recurse, how many levels down to search (1: the folder\'s own entries; 0: no limit).' },
    },
  },
  facts: (args) => pathsOf(args).map((path) => listingOf(path, args)),
  plan(args, facts) {
    const files: Record<string, unknown>[] = [];
    const skipped: Record<string, string> = {};
    let examined = 0;
    for (const path of pathsOf(args)) {
      const listing = facts.get(listingOf(path, args));
      if (!listing.directory) {
        skipped[path] = `'${path}' is not a directory`;
        continue;
      }
      const found = entriesWithin(listing, args);
      examined += found.examined;
      files.push(...found.entries.filter((e) => matches(e, listing.now, args)).map((e) => statInfo(posix.normalize(`${path}/${e.rel}`), e)));
    }
    const warnings = Object.entries(skipped).map(([path, why]) => `skipped '${path}' path due to this access issue: ${why}`);
    const msg = warnings.length ? 'Not all paths examined, check warnings for details' : 'All paths examined';
    const reason = `${files.length} of ${examined} entries match`;
    return { changes: [], reason, warnings, data: { files, matched: files.length, examined, msg, skipped_paths: skipped } };
  },
};

/** As Ansible's list arguments: a string is split at commas. */
function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
}

function pathsOf(args: FindArgs): string[] {
  return list(args.paths);
}

/** Without recurse, the folder's own entries; with depth N, one level more (os.walk examines it, find's depth skips it). */
function listingOf(path: string, args: FindArgs) {
  const maxDepth = !args.recurse ? 1 : args.depth ? args.depth + 1 : undefined;
  const grep = (args.file_type ?? 'file') === 'file' ? args.contains : undefined;
  return directoryListing(path, { maxDepth, contains: grep, wholeFile: args.read_whole_file });
}

function entriesWithin(listing: Extract<Listing, { directory: true }>, args: FindArgs): { entries: FoundEntry[]; examined: number } {
  const limit = args.recurse && args.depth ? args.depth : undefined;
  const entries = listing.entries.filter((e) => (limit === undefined || e.rel.split('/').length <= limit) && (args.hidden || !posix.basename(e.rel).startsWith('.')));
  return { entries, examined: listing.entries.length };
}

function matches(e: FoundEntry, now: number, args: FindArgs): boolean {
  const name = posix.basename(e.rel);
  if (!nameMatches(name, args) || !ageMatches(e, now, args)) return false;
  switch (args.file_type ?? 'file') {
    case 'any':
      return e.type !== 'f' || sizeMatches(e, args);
    case 'directory':
      return e.type === 'd';
    case 'link':
      return e.type === 'l';
    case 'file':
      return e.type === 'f' && sizeMatches(e, args) && e.contains !== false;
  }
}

function nameMatches(name: string, args: FindArgs): boolean {
  const test = (pattern: string) => (args.use_regex ? pythonRegex(`^(?:${pattern})`, '', 'patterns').test(name) : fnmatchRegex(pattern).test(name));
  const patterns = list(args.patterns);
  const wanted = patterns.length ? patterns : [args.use_regex ? '.*' : '*'];
  return wanted.some(test) && !list(args.excludes).some(test);
}

function ageMatches(e: FoundEntry, now: number, args: FindArgs): boolean {
  if (args.age === undefined) return true;
  const [, n, unit] = AGE.exec(args.age) as RegExpExecArray;
  const age = Number(n) * SECONDS[unit.toLowerCase()];
  const elapsed = now - e[args.age_stamp ?? 'mtime'];
  return age >= 0 ? elapsed >= age : elapsed <= -age;
}

function sizeMatches(e: FoundEntry, args: FindArgs): boolean {
  if (args.size === undefined) return true;
  const [, n, unit] = SIZE.exec(args.size) as RegExpExecArray;
  const size = Number(n) * BYTES[unit.toLowerCase()];
  return size >= 0 ? e.size >= size : e.size <= -size;
}

/** Ansible's statinfo() of the entry, under its full path. */
function statInfo(path: string, e: FoundEntry): Record<string, unknown> {
  const bit = (b: number) => (e.mode & b) !== 0;
  return {
    path,
    mode: (e.mode & 0o7777).toString(8).padStart(4, '0'),
    isdir: e.type === 'd',
    ischr: e.type === 'c',
    isblk: e.type === 'b',
    isreg: e.type === 'f',
    isfifo: e.type === 'p',
    islnk: e.type === 'l',
    issock: e.type === 's',
    uid: e.uid,
    gid: e.gid,
    size: e.size,
    inode: e.inode,
    dev: e.dev,
    nlink: e.nlink,
    atime: e.atime,
    mtime: e.mtime,
    ctime: e.ctime,
    gr_name: e.gr_name,
    pw_name: e.pw_name,
    wusr: bit(0o200),
    rusr: bit(0o400),
    xusr: bit(0o100),
    wgrp: bit(0o20),
    rgrp: bit(0o40),
    xgrp: bit(0o10),
    woth: bit(0o2),
    roth: bit(0o4),
    xoth: bit(0o1),
    isuid: bit(0o4000),
    isgid: bit(0o2000),
  };
}
