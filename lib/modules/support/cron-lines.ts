// The lines of a crontab as Ansible's cron module edits them: a job is the line after its
// `#Ansible: NAME` marker, found, replaced and removed by the same rules, written back its way.
import { BcError } from '../../errors.js';
import type { Edit } from './text-edit.js';

const MARK = '#Ansible: ';

/**
 * Why: the edit Ansible 2.14 makes for one job (line undefined: remove it): a marked job is
 * replaced or removed at every marker of its name; a job line written without a marker gets one;
 * a new job goes at the end. An unchanged crontab without its final newline is written again.
 */
export function editJob(name: string, line: string | undefined, where: string, lines: string[], text: string): Edit {
  return withFinalNewline(jobEdit(name, line, where, lines), where, lines, text);
}

/** Where a new variable goes: after or before the line of another variable, else first (Ansible's add_env). */
export interface EnvPlacement {
  insertafter?: string;
  insertbefore?: string;
}

/**
 * Why: Ansible's `env: true`: the variable's line `NAME="value"` (value undefined: remove it) is
 * replaced or removed wherever it is, or inserted first, or after / before another variable's line.
 */
export function editEnv(name: string, value: string | undefined, placement: EnvPlacement, where: string, lines: string[], text: string): Edit {
  return withFinalNewline(envEdit(name, value, placement, where, lines), where, lines, text);
}

function withFinalNewline(edit: Edit, where: string, lines: string[], text: string): Edit {
  if ('unchanged' in edit && text !== '' && !text.endsWith('\n')) return { lines, summary: `end ${where} with a newline` };
  return edit;
}

function envEdit(name: string, value: string | undefined, placement: EnvPlacement, where: string, lines: string[]): Edit {
  const isVar = (n: string) => (l: string) => l.startsWith(`${n}=`);
  const at = lines.findIndex(isVar(name));
  if (value === undefined) {
    if (at === -1) return { unchanged: `${where} has no variable ${name}` };
    return { lines: lines.filter((l) => !isVar(name)(l)), summary: `remove variable ${name} from ${where}` };
  }
  const decl = `${name}="${value}"`;
  if (at !== -1) {
    if (lines[at] === decl) return { unchanged: `${where} already has ${decl}` };
    return { lines: lines.map((l) => (isVar(name)(l) ? decl : l)), summary: `set ${decl} in ${where}` };
  }
  const other = placement.insertafter ?? placement.insertbefore;
  let index = 0;
  if (other !== undefined) {
    const found = lines.findIndex(isVar(other));
    if (found === -1) throw new BcError(`Variable named '${other}' not found in ${where}`, undefined, `insertafter / insertbefore name a variable ${where} already has`);
    index = placement.insertafter !== undefined ? found + 1 : found;
  }
  return { lines: [...lines.slice(0, index), decl, ...lines.slice(index)], summary: `add ${decl} to ${where}` };
}

function jobEdit(name: string, line: string | undefined, where: string, lines: string[]): Edit {
  const marker = MARK + name;
  const at = findJob(lines, name);
  if (line === undefined) {
    if (at === -1) return { unchanged: `${where} has no job ${name}` };
    return { lines: replaceJob(lines, marker, []), summary: `remove job ${name} from ${where}` };
  }
  if (at !== -1) {
    if (lines[at] === line) return { unchanged: `${where} already has job ${name}: ${line}` };
    return { lines: replaceJob(lines, marker, [marker, line]), summary: `set job ${name} in ${where} to ${line}` };
  }
  const bare = lines.indexOf(line);
  // As Ansible: the line before (the last one, for the first line) is no marker: the job gets one.
  if (bare !== -1 && !lines.at(bare - 1)!.startsWith(MARK)) return { lines: [...lines.slice(0, bare), marker, ...lines.slice(bare)], summary: `mark job ${name} in ${where}` };
  return { lines: [...lines, marker, line], summary: `add job ${name} to ${where}` };
}

/** Why: Ansible's text of a crontab: the lines joined, trailing line ends trimmed, one newline. */
export function renderCrontab(lines: string[]): string {
  const text = lines.join('\n');
  return text ? `${text.replace(/[\r\n]+$/, '')}\n` : '';
}

/** The index of the job line under the first marker of this name, or -1 (Ansible's find_job). */
function findJob(lines: string[], name: string): number {
  let comment: string | undefined;
  for (const [i, l] of lines.entries()) {
    if (comment !== undefined) {
      if (comment === name) return i;
      comment = undefined;
    } else if (l.startsWith(MARK)) comment = l.replaceAll(MARK, '');
  }
  return -1;
}

/** Every marker of the job and the line after it, replaced by these lines (Ansible's _update_job). */
function replaceJob(lines: string[], marker: string, replacement: string[]): string[] {
  const out: string[] = [];
  let pending = false;
  for (const l of lines) {
    if (pending) {
      out.push(...replacement);
      pending = false;
    } else if (l === marker) pending = true;
    else out.push(l);
  }
  return out;
}
