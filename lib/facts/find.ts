// What a directory holds, walked as Python's os.walk walks it (Ansible's find): one `find -printf`
// per folder, entries put back in walk order (a folder's files, then its folders, then each
// folder's own entries), with lstat's fields and, when asked, which files hold a pattern.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { ACCOUNT_NAMES, pathObject } from './objects.js';

/** One entry below the folder, with the fields Ansible's find registers for it. */
export interface FoundEntry {
  /** Path relative to the folder, `a/b`. */
  rel: string;
  /** find's %y: d, f, l, b, c, p, s. */
  type: string;
  /** Whether a link leads to a directory (os.walk lists it among the folders). */
  dirLike: boolean;
  mode: number;
  uid: number;
  gid: number;
  pw_name: string;
  gr_name: string;
  size: number;
  inode: number;
  dev: number;
  nlink: number;
  atime: number;
  mtime: number;
  ctime: number;
  /** Regular files, when the listing was asked about a pattern: whether the file holds it. */
  contains?: boolean;
}

/** A folder's entries in os.walk order, how many os.walk examined, and the host's clock then. */
export type Listing = { directory: false; now: number } | { directory: true; now: number; entries: FoundEntry[] };

/** How deep to list and what to grep for. */
export interface ListingOptions {
  /** undefined: the whole tree; 1: the folder's own entries. */
  maxDepth?: number;
  /** Python-like regex (PCRE) a regular file must hold: per line from its start, or anywhere in the whole file. */
  contains?: string;
  wholeFile?: boolean;
}

const FIELDS = '%y|%Y|%m|%U|%G|%u|%g|%s|%i|%D|%n|%A@|%T@|%C@|%P\\0';

/** Why: Ansible's find decides on names, types, sizes and times of a whole tree: one snippet lists them all. */
export function directoryListing(path: string, opts: ListingOptions): FactSpec<Listing> {
  const depth = opts.maxDepth === undefined ? [] : ['-maxdepth', String(opts.maxDepth)];
  const grep = opts.contains === undefined ? '' : sh` && printf '\\ncontains\\n' && find -H ${path} -mindepth 1 ${depth} -type f -exec grep -q${opts.wholeFile ? 'z' : ''}P -e ${opts.wholeFile ? opts.contains : `^(?:${opts.contains})`} -- {} ';' -printf '%P\\0'`;
  return {
    key: `find:${path}:${opts.maxDepth ?? ''}:${opts.wholeFile ? 'w' : 'l'}:${opts.contains ?? ''}`,
    about: [pathObject(path, { subtree: true })],
    dependsOn: () => [ACCOUNT_NAMES],
    command: sh`date +%s.%N; if [ -d ${path} ]; then echo directory && find -H ${path} -mindepth 1 ${depth} -printf ${FIELDS}` + grep + sh`; else echo other; fi`,
    parse: (stdout, code) => parseListing(path, stdout, code, opts.contains !== undefined),
  };
}

/** Why: kept apart from the FactSpec so it is tested on captured outputs of GNU find. */
export function parseListing(path: string, stdout: string, code: number, grepped: boolean): Listing {
  const lines = stdout.split('\n');
  const now = Number(lines[0]);
  if (code !== 0 || Number.isNaN(now) || !['directory', 'other'].includes(lines[1])) throw new BcError(`cannot list ${path} (exit code ${code})`, undefined, 'check that the folder is readable; root-owned folders need become: true');
  if (lines[1] === 'other') return { directory: false, now };
  const body = lines.slice(2).join('\n');
  const [listed, holding = ''] = grepped ? body.split('\ncontains\n') : [body];
  const holders = new Set(holding.split('\0').filter(Boolean));
  const entries = listed.split('\0').filter(Boolean).map((record) => entryOf(record, grepped ? holders : undefined));
  return { directory: true, now, entries: walkOrder(entries) };
}

function entryOf(record: string, holders: Set<string> | undefined): FoundEntry {
  const f = record.split('|');
  const rel = f.slice(14).join('|');
  const [type, target, mode, uid, gid, user, group, size, inode, dev, nlink, atime, mtime, ctime] = f;
  const entry: FoundEntry = {
    rel,
    type,
    dirLike: type === 'd' || (type === 'l' && target === 'd'),
    mode: parseInt(mode, 8),
    uid: Number(uid),
    gid: Number(gid),
    // Python gives "" for an id without a name; find prints the number.
    pw_name: user === uid ? '' : user,
    gr_name: group === gid ? '' : group,
    size: Number(size),
    inode: Number(inode),
    dev: Number(dev),
    nlink: Number(nlink),
    atime: Number(atime),
    mtime: Number(mtime),
    ctime: Number(ctime),
  };
  if (holders && type === 'f') entry.contains = holders.has(rel);
  return entry;
}

/** os.walk, top-down: a folder's non-folders, then its folders, then each real folder's tree in turn. */
function walkOrder(entries: FoundEntry[]): FoundEntry[] {
  const children = new Map<string, FoundEntry[]>();
  for (const e of entries) {
    const parent = e.rel.includes('/') ? e.rel.slice(0, e.rel.lastIndexOf('/')) : '';
    children.set(parent, [...(children.get(parent) ?? []), e]);
  }
  const out: FoundEntry[] = [];
  const walk = (rel: string): void => {
    const here = children.get(rel) ?? [];
    const dirs = here.filter((e) => e.dirLike);
    out.push(...here.filter((e) => !e.dirLike), ...dirs);
    for (const d of dirs) if (d.type === 'd') walk(d.rel);
  };
  walk('');
  return out;
}
