// The `file` module: a path is a directory, an existing file, an (empty) file, a link, or absent,
// with the wanted mode, owner and group.
import { BcError, InputError } from '../errors.js';
import { posix } from 'node:path';
import { raw, sh } from '../shell/quote.js';
import { ancestorObjects, pathObject } from '../facts/objects.js';
import { fileContent, fileStat, identity, pathExists, predictWrittenFile, type FileStat, type Identity } from '../facts/files.js';
import { directoryTree, type TreeEntry } from '../facts/tree.js';
import type { Change, FactEffect, ModuleDefinition, Plan } from './module.js';
import { attributeChange, attributeProperties, chownCommand, describeAttributes, normalizeMode, resolveAttributes, type Attributes } from './support/attributes.js';
import { DEFAULT_FILE_MODE } from './support/atomic-write.js';

export interface FileArgs extends Attributes {
  path: string;
  state?: 'file' | 'directory' | 'touch' | 'link' | 'absent';
  src?: string;
  modification_time?: 'preserve' | 'now';
  access_time?: 'preserve' | 'now';
  recurse?: boolean;
  force?: boolean;
}

type Existing = Extract<FileStat, { exists: true }>;

/** New directories get this mode unless the task says otherwise. */
const DEFAULT_DIRECTORY_MODE = '0755';

/** Why: the most common host changes (directories, links, removals, permissions) need no content. */
export const fileModule: ModuleDefinition<FileArgs> = {
  name: 'file',
  description: 'Ensures a path is a directory, an existing file, an empty file (touch), a symbolic link or absent, with the wanted mode, owner and group.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', minLength: 1, description: 'Absolute path on the host.' },
      state: {
        enum: ['file', 'directory', 'touch', 'link', 'absent'],
        default: 'file',
        description:
          'file: the file must exist (only mode, owner and group are set); directory: create it with its missing parents, each getting mode, owner and group as Ansible does (default mode 0755); touch: create an empty file (0644) if missing and, as Ansible, update its times every run unless modification_time and access_time are preserve; link: a symbolic link to src; absent: remove the path, recursively for directories.',
      },
      src: { type: 'string', minLength: 1, description: 'With state: link, what the link points to (stored as given; a relative src is relative to the link\'s folder).' },
      modification_time: { enum: ['preserve', 'now'], description: 'With state: touch, preserve keeps the time of an existing file (default now: updated, so the task reports a change).' },
      access_time: { enum: ['preserve', 'now'], description: 'With state: touch, as modification_time, for the access time.' },
      recurse: { type: 'boolean', description: 'With state: directory, set mode, owner and group on everything below the path too, as Ansible (the mode on files as well; links below are changed themselves, not followed).' },
      force: { type: 'boolean', description: 'With state: link: make the link even when src does not exist, and replace a file at path by the link (Ansible: without force, a missing src fails the task).' },
      ...attributeProperties,
    },
    allOf: [
      { if: { properties: { state: { const: 'link' } }, required: ['state'] }, then: { required: ['src'] } },
      // As Ansible: recurse only with state: directory (said before any host is touched).
      { if: { properties: { recurse: { const: true } }, required: ['recurse'] }, then: { properties: { state: { const: 'directory' } }, required: ['state'] } },
    ],
  },
  facts: (args) => [
    fileStat(args.path),
    identity,
    ...(args.recurse && args.state === 'directory' ? [directoryTree(args.path)] : []),
    ...(args.state === 'link' && args.src !== undefined && !args.force ? [pathExists(linkSource(args.path, args.src))] : []),
  ],
  plan(args, facts) {
    const state = args.state ?? 'file';
    if (args.src !== undefined && state !== 'link') throw new InputError('file: src is only used with state: link');
    const stat = facts.get(fileStat(args.path));
    const runner = facts.get(identity);
    switch (state) {
      case 'absent':
        return planAbsent(args.path, stat);
      case 'directory': {
        const plan = planDirectory(args, stat, runner);
        return args.recurse ? withRecurse(args, plan, facts.get(directoryTree(args.path)), stat, runner) : plan;
      }
      case 'link': {
        const src = linkSource(args.path, args.src as string);
        if (!args.force && !facts.get(pathExists(src)).exists) {
          throw new BcError(`src file does not exist, use "force: true" if you really want to create the link: ${src}`, undefined, 'as Ansible: the link would dangle');
        }
        return planLink(args, args.src as string, stat, runner);
      }
      case 'touch':
      case 'file':
        return planFile(args, state, stat, runner);
    }
  },
};

function planAbsent(path: string, stat: FileStat): Plan {
  if (!stat.exists) return { changes: [], reason: `${path} is already absent` };
  const effects: FactEffect[] = [
    { fact: fileStat(path), value: { exists: false } },
    { fact: fileContent(path), value: { exists: false, content: '', unread: null } },
    { touch: pathObject(path, { subtree: stat.type === 'directory' }), cause: 'removed' },
  ];
  const what = stat.type === 'directory' ? `directory ${path} and everything in it` : stat.type === 'link' ? `link ${path}` : path;
  return { changes: [{ summary: `remove ${what}`, command: sh`rm -rf -- ${path}`, effects }] };
}

function planDirectory(args: FileArgs, stat: FileStat, runner: Identity): Plan {
  const { path } = args;
  if (stat.exists) {
    if (stat.type !== 'directory') throw new BcError(`${path} exists and is a ${stat.type}, not a directory`, undefined, 'remove it first with state: absent');
    return inPlace(path, stat, args, 'directory');
  }
  const attrs = resolveAttributes(args, undefined, runner, DEFAULT_DIRECTORY_MODE);
  // As Ansible: every directory the task creates, parents included, gets the mode and owner.
  const chown = chownCommand(raw('"$d"'), attrs, runner);
  const settle = [sh`chmod -- ${attrs.mode} "$d"`, ...(chown ? [chown] : [])].join(' && ');
  // Another run may make a shared parent between the test and mkdir (parallel hosts on one
  // machine): then it is not ours to chmod; a directory still missing shows mkdir's own error.
  const create = `if mkdir -- "$d" 2>/dev/null; then ${settle}; else [ -d "$d" ] || mkdir -- "$d"; fi`;
  const chain = [...ancestors(path), path];
  return {
    changes: [
      {
        summary: `create directory ${path} (${describeAttributes(attrs)})`,
        command: sh`for d in ${chain}; do [ -d "$d" ] || { ${raw(create)}; } || exit 1; done`,
        effects: [{ fact: fileStat(path), value: { exists: true, type: 'directory', ...attrs } }, ...ancestorObjects(path).map((o) => ({ touch: o, cause: 'parents' as const }))],
      },
    ],
  };
}

/** The parents of a path, outermost first, without `/`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = posix.dirname(posix.normalize(path)); p !== '/' && p !== '.'; p = posix.dirname(p)) out.unshift(p);
  return out;
}

function planFile(args: FileArgs, state: 'file' | 'touch', stat: FileStat, runner: Identity): Plan {
  const { path } = args;
  if (stat.exists) {
    if (stat.type === 'directory' && state === 'file') throw new BcError(`${path} is a directory, not a file`, undefined, 'use state: directory');
    const plan = inPlace(path, stat, args, stat.type === 'directory' ? 'directory' : 'file');
    if (state !== 'touch' || (args.modification_time === 'preserve' && args.access_time === 'preserve')) return plan;
    // Ansible's touch updates the times of an existing path every run, and says it changed.
    return { changes: [{ summary: `update the times of ${path}`, command: sh`touch -- ${path}` }, ...plan.changes] };
  }
  if (state === 'file') {
    throw new BcError(`${path} does not exist`, undefined, 'use state: touch to create an empty file, or copy/template to write one');
  }
  const attrs = resolveAttributes(args, undefined, runner, DEFAULT_FILE_MODE);
  const predicted = predictWrittenFile(Buffer.alloc(0), attrs);
  const chown = chownCommand(path, attrs, runner);
  return {
    changes: [
      {
        summary: `create empty file ${path} (${describeAttributes(attrs)})`,
        command: [sh`touch -- ${path}`, sh`chmod -- ${attrs.mode} ${path}`, ...(chown ? [chown] : [])].join(' && '),
        effects: [
          { fact: fileStat(path), value: predicted.stat },
          { fact: fileContent(path), value: predicted.content },
        ],
      },
    ],
  };
}

function planLink(args: FileArgs, src: string, stat: FileStat, runner: Identity): Plan {
  const { path } = args;
  if (args.mode !== undefined) throw new InputError('file: mode does not apply to links (a link has no permissions of its own)');
  if (stat.exists && stat.type === 'link' && stat.target === src) return inPlace(path, stat, args, `link to ${src}`);
  if (stat.exists && stat.type !== 'link' && !(args.force && stat.type === 'file')) {
    throw new BcError(`${path} exists and is a ${stat.type}, not a link`, undefined, 'remove it first with state: absent');
  }
  const attrs = resolveAttributes(args, undefined, runner, '0777');
  const chown = chownCommand(path, attrs, runner, { noDereference: true });
  const change: Change = {
    summary: stat.exists ? `point link ${path} to ${src} (was ${stat.target})` : `create link ${path} -> ${src}`,
    command: [sh`ln -sfn -- ${src} ${path}`, ...(chown ? [chown] : [])].join(' && '),
    effects: [
      // What the link leads to is another path's content: the content fact is read again (or unknown in check mode).
      { fact: fileStat(path), value: { exists: true, type: 'link', ...attrs, target: src } },
    ],
  };
  return { changes: [change] };
}

/** Where a link's src leads: relative to the link's folder, as Ansible checks it. */
function linkSource(path: string, src: string): string {
  return posix.isAbsolute(src) ? src : posix.join(posix.dirname(path), src);
}

/**
 * recurse: the mode, owner and group the task names, on every path below the directory that
 * lacks them, in one chmod -R / chown -R -h (links below keep their own, unfollowed).
 */
function withRecurse(args: FileArgs, plan: Plan, tree: TreeEntry[], stat: FileStat, runner: Identity): Plan {
  const mode = args.mode === undefined ? undefined : normalizeMode(args.mode);
  const differs = (e: TreeEntry) => (mode !== undefined && e.type !== 'link' && e.mode !== mode) || (args.owner !== undefined && e.owner !== args.owner) || (args.group !== undefined && e.group !== args.group);
  const stale = tree.filter(differs);
  if (stale.length === 0) return plan;
  const owner = args.owner !== undefined || args.group !== undefined ? `${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}` : undefined;
  const command = [...(mode ? [sh`chmod -R -- ${mode} ${args.path}`] : []), ...(owner ? [sh`chown -R -h -- ${owner} ${args.path}`] : [])].join(' && ');
  const after = tree.map((e) => (differs(e) ? { ...e, ...(mode && e.type !== 'link' ? { mode } : {}), ...(args.owner ? { owner: args.owner } : {}), ...(args.group ? { group: args.group } : {}) } : e));
  const root = resolveAttributes(args, stat, runner, DEFAULT_DIRECTORY_MODE);
  const change: Change = {
    summary: `set ${[...(mode ? [`mode ${mode}`] : []), ...(owner ? [`owner ${owner}`] : [])].join(', ')} on ${stale.length} path${stale.length === 1 ? '' : 's'} below ${args.path}`,
    command,
    effects: [
      { touch: pathObject(args.path, { subtree: true }) },
      { fact: directoryTree(args.path), value: after },
      { fact: fileStat(args.path), value: { exists: true, type: 'directory', ...root } },
    ],
  };
  return { ...plan, changes: [...plan.changes, change] };
}

function inPlace(path: string, stat: Existing, want: Attributes, what: string): Plan {
  const change = attributeChange(path, stat, want);
  const now = stat.type === 'link' ? `owner ${stat.owner}:${stat.group}` : describeAttributes(stat);
  if (!change) return { changes: [], reason: `${path} is already a ${what} with ${now}` };
  return { changes: [change], reason: `${path} is already a ${what}` };
}
