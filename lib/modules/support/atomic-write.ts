// Writing a whole file the safe way: a temp file next to the target gets the content, mode and
// owner, is optionally validated, and only then renamed over the target.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { BcError } from '../../errors.js';
import { raw, sh } from '../../shell/quote.js';
import { fileContent, fileStat, identity, predictWrittenFile, type FileContent } from '../../facts/files.js';
import { ancestorObjects, pathObject } from '../../facts/objects.js';
import type { FactSpec } from '../../facts/fact.js';
import type { Change, FactView, FileDiff, JsonSchema, Plan, PlanContext } from '../module.js';
import { attributeChange, chownCommand, describeAttributes, resolveAttributes, type Attributes } from './attributes.js';

/** A file as a module wants it. */
export interface WriteRequest {
  path: string;
  content: Buffer;
  attrs: Attributes;
  /** Command checking the new file before it replaces the old; `%s` stands for the temp file. */
  validate?: string;
  /** What the change says it does; default "create|update PATH (N bytes, mode, owner)". */
  summary?: string;
  /** Text edits, as Ansible's lineinfile/blockinfile: a link is followed (its target is written), missing parents are created. */
  inPlaceEdit?: boolean;
}

/** Files bigger than this (or binary) show a note instead of their text under --diff. */
const DIFF_LIMIT_BYTES = 64 * 1024;

/** New files get this mode unless the task says otherwise. */
export const DEFAULT_FILE_MODE = '0644';

/** Why: one description of `validate` for every module that writes whole files. */
export const validateProperty: JsonSchema = {
  type: 'string',
  minLength: 1,
  description:
    'Command that checks the new file before it replaces the old one; %s stands for the new file, e.g. "nginx -t -c %s", "sshd -t -f %s", "visudo -cf %s". On failure the old file stays and the task fails with the command\'s output.',
};

/** Why: every module that writes a file needs the same facts; the old text only for --diff. */
export function writeFacts(path: string, ctx: PlanContext): FactSpec<unknown>[] {
  return [fileStat(path), identity, ...(ctx.diff ? [fileContent(path)] : [])];
}

/**
 * Why: the one planner for "this path should hold these bytes with these attributes": a no-op
 * with a reason, a chmod/chown in place, or an atomic, optionally validated, write.
 */
export function planWrite(req: WriteRequest, facts: FactView, ctx: PlanContext): Plan {
  const { path, content } = req;
  const stat = facts.get(fileStat(path));
  const runner = facts.get(identity);
  if (stat.exists && (stat.type === 'directory' || stat.type === 'other')) {
    throw new BcError(`${path} is a ${stat.type === 'other' ? 'special file' : 'directory'}, not a regular file`, undefined, 'give the full path of the file to write');
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (stat.exists && stat.type === 'file' && stat.sha256 === sha256) {
    const change = attributeChange(path, stat, req.attrs);
    if (!change) return { changes: [], reason: `${path} already has the wanted content and ${describeAttributes(stat)}` };
    return { changes: [change], reason: `${path} already has the wanted content` };
  }
  if (req.inPlaceEdit && stat.exists && stat.type === 'link' && stat.target !== undefined) return planLinkedWrite(req, stat.target, facts, ctx);
  const attrs = resolveAttributes(req.attrs, stat.exists && stat.type === 'file' ? stat : undefined, runner, DEFAULT_FILE_MODE);
  const predicted = predictWrittenFile(content, attrs);
  const parents = req.inPlaceEdit && !stat.exists ? ancestorObjects(path).map((o) => ({ touch: o, cause: 'parents' as const })) : [];
  const verb = !stat.exists ? 'create' : stat.type === 'link' ? 'replace the link' : 'update';
  const change: Change = {
    summary: req.summary ?? `${verb} ${path} (${content.length} bytes, ${describeAttributes(attrs)})`,
    command: writeCommand(req, attrs, chownCommand(raw('"$tmp"'), attrs, runner)),
    stdin: content,
    effects: [
      { fact: fileStat(path), value: predicted.stat },
      { fact: fileContent(path), value: predicted.content },
      ...parents,
    ],
  };
  if (ctx.diff) change.diff = fileDiff(path, facts.get(fileContent(path)), content);
  return { changes: [change] };
}

/**
 * Why: Ansible's lineinfile and blockinfile write through a symbolic link (the link stays, its
 * target gets the text, keeping the target's mode and owner unless the task sets them).
 */
function planLinkedWrite(req: WriteRequest, target: string, facts: FactView, ctx: PlanContext): Plan {
  const { path, content } = req;
  const keep = [
    req.attrs.mode === undefined ? 'chmod --reference="$dest" -- "$tmp"' : sh`chmod -- ${req.attrs.mode} "$tmp"`,
    req.attrs.owner === undefined && req.attrs.group === undefined ? 'chown --reference="$dest" -- "$tmp"' : sh`chown -- ${`${req.attrs.owner ?? ''}${req.attrs.group !== undefined ? `:${req.attrs.group}` : ''}`} "$tmp"`,
  ];
  const lines = [
    sh`dest=$(readlink -f -- ${path}) || exit 1`,
    'tmp=$(mktemp -- "$(dirname -- "$dest")/.bc-play-XXXXXX") || exit 1',
    `if ! { cat > "$tmp" && ${keep.join(' && ')}; }; then rm -f -- "$tmp"; exit 1; fi`,
    ...(req.validate !== undefined ? [validateLine(req)] : []),
    'mv -f -- "$tmp" "$dest" || { rm -f -- "$tmp"; exit 1; }',
  ];
  const resolved = posix.resolve(posix.dirname(path), target);
  const change: Change = {
    summary: req.summary ?? `update ${resolved} through the link ${path} (${content.length} bytes)`,
    command: lines.join('\n'),
    stdin: content,
    effects: [
      { touch: pathObject(resolved) },
      { fact: fileContent(resolved), value: { exists: true, content: content.toString('utf8'), unread: null } },
      { fact: fileContent(path), value: { exists: true, content: content.toString('utf8'), unread: null, via: resolved } },
    ],
  };
  if (ctx.diff) change.diff = fileDiff(path, facts.get(fileContent(path)), content);
  return { changes: [change] };
}

function validateLine(req: WriteRequest): string {
  // The validate command is shell written by the playbook's author, like a `shell` task;
  // only %s is ours, and it becomes the (mktemp-made, safe) temp path.
  const check = (req.validate as string).replaceAll('%s', '"$tmp"');
  const failed = `bc-play: validation failed (${req.validate}); ${req.path} left unchanged`;
  return sh`if ! ( ${raw(check)} ) 1>&2; then rm -f -- "$tmp"; echo ${failed} >&2; exit 1; fi`;
}

function writeCommand(req: WriteRequest, attrs: { mode: string }, chown: string | undefined): string {
  const template = posix.join(posix.dirname(req.path), `.${posix.basename(req.path)}.bc-play-XXXXXX`);
  const chownTmp = chown ? ` && ${chown}` : '';
  const lines = [
    ...(req.inPlaceEdit ? [sh`mkdir -p -- ${posix.dirname(req.path)}`] : []),
    sh`tmp=$(mktemp -- ${template}) || exit 1`,
    sh`if ! { cat > "$tmp" && chmod -- ${attrs.mode} "$tmp"${raw(chownTmp)}; }; then rm -f -- "$tmp"; exit 1; fi`,
  ];
  if (req.validate !== undefined) lines.push(validateLine(req));
  lines.push(sh`mv -f -- "$tmp" ${req.path} || { rm -f -- "$tmp"; exit 1; }`);
  return lines.join('\n');
}

/** Why: --diff shows text; binary or big files get a one-line note instead of a wall of bytes. */
export function fileDiff(path: string, before: FileContent, after: Buffer): FileDiff {
  const afterText = after.toString('utf8');
  const beforeText = before.unread ? `(${before.unread}: not shown)` : before.content;
  if (isShowable(Buffer.from(beforeText)) && isShowable(after)) return { path, before: beforeText, after: afterText };
  return { path, before: before.exists ? '(binary or large file: not shown)' : '', after: `(binary or large content, ${after.length} bytes: not shown)` };
}

function isShowable(bytes: Buffer): boolean {
  return bytes.length <= DIFF_LIMIT_BYTES && !bytes.includes(0);
}
