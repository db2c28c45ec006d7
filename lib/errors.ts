// Every error the user can see is built here, so messages share one shape:
// what failed, where (file:line:col with a snippet, or host and task), why, and what to do.

import { variableHint } from './playbook/ansible-names.js';

/** A place in a user's file; line and col are 1-based. */
export interface Location {
  file: string;
  line: number;
  col: number;
  /** The offending source line(s), already cut from the file, for the snippet. */
  source?: string;
}

/** Why: one base class lets the CLI tell user errors (exit codes) from internal bugs. */
export class BcError extends Error {
  constructor(
    message: string,
    readonly location?: Location,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why: bad inventory, playbook, role or arguments; raised before any host is contacted. */
export class InputError extends BcError {}

/** Why: bad command-line options get their own exit code, like Ansible's. */
export class UsageError extends BcError {}

/** Why: a variable used in a value or a template that no layer defines. */
export class UndefinedVariableError extends InputError {
  constructor(
    readonly variable: string,
    location?: Location,
    context?: string,
  ) {
    super(`undefined variable "${variable}"${context ? ` in ${context}` : ''}`, location, variableHint(variable) ?? 'define it in the inventory, the play, role defaults or with -e');
  }
}

/** Why: a host could not be reached or the connection was lost; the host leaves the run, others go on. */
export class UnreachableError extends BcError {
  constructor(
    readonly host: string,
    message: string,
    hint?: string,
    /** Trying again cannot help (a refused host key, an unreadable key file): wait_for_connection gives up at once. */
    readonly lasting = false,
  ) {
    super(message, undefined, hint);
  }
}

/** Why: a command on a host exited badly; carries what the user needs to act on it. */
export class CommandError extends BcError {
  constructor(
    readonly host: string,
    readonly command: string,
    readonly exitCode: number,
    readonly stderr: string,
    readonly stdout = '',
  ) {
    super(`command failed with exit code ${exitCode} (${exitCodeMeaning(exitCode)})`);
  }
}

/** Why: a bug in bc-play itself must say so, not pose as the user's mistake. */
export class InternalError extends BcError {
  constructor(message: string) {
    super(`internal error (a bug in bc-play, please report it): ${message}`);
  }
}

const EXIT_MEANINGS: Record<number, string> = {
  1: 'general error',
  2: 'misuse of a shell builtin or bad arguments',
  100: 'apt/dpkg error',
  124: 'timed out',
  126: 'found but not executable',
  127: 'command not found',
  130: 'interrupted (SIGINT)',
  137: 'killed (SIGKILL, often out of memory)',
  143: 'terminated (SIGTERM)',
  255: 'ssh or remote shell error',
};

/** Why: an exit code alone tells the user little; this names what it usually means. */
export function exitCodeMeaning(code: number): string {
  if (EXIT_MEANINGS[code]) return EXIT_MEANINGS[code];
  if (code > 128 && code < 160) return `killed by signal ${code - 128}`;
  return 'error reported by the command';
}

/** Why: one renderer for locations, so every message points at files the same way. */
export function formatLocation(loc: Location): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** Why: the last lines of stderr are what a user needs; the full stream can be huge. */
export function tail(text: string, lines = 10): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

/** Why: the one place a user-facing error becomes text: message, location, snippet, hint. */
export function formatError(error: unknown): string {
  if (!(error instanceof BcError)) {
    const e = error instanceof Error ? error : new Error(String(error));
    return `internal error (a bug in bc-play, please report it): ${e.stack ?? e.message}`;
  }
  const parts: string[] = [];
  parts.push(error.location ? `${formatLocation(error.location)}: ${error.message}` : error.message);
  if (error.location?.source !== undefined) parts.push(snippet(error.location));
  if (error instanceof CommandError) {
    parts.push(`  host: ${error.host}`);
    parts.push(`  command: ${error.command}`);
    const err = tail(error.stderr || error.stdout);
    if (err) parts.push(err.split('\n').map((l) => `  | ${l}`).join('\n'));
  }
  if (error.hint) parts.push(`  hint: ${error.hint}`);
  return parts.join('\n');
}

function snippet(loc: Location): string {
  const lines = (loc.source ?? '').split('\n');
  const width = String(loc.line + lines.length - 1).length;
  const body = lines.map((l, i) => `  ${String(loc.line + i).padStart(width)} | ${l}`);
  const caret = `  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, loc.col - 1))}^`;
  return [body[0], caret, ...body.slice(1)].join('\n');
}
