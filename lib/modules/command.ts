// command and shell: run a program (no shell) or a shell script, unless creates/removes say it is done.
import { posix } from 'node:path';
import { BcError } from '../errors.js';
import { pathExists, type PathState } from '../facts/files.js';
import { globMatches, isGlob } from '../facts/glob.js';
import { pathObject } from '../facts/objects.js';
import { raw, sh } from '../shell/quote.js';
import type { FactEffect, FactView, ModuleDefinition, Plan } from './module.js';

interface CommonArgs {
  creates?: string;
  removes?: string;
  chdir?: string;
  stdin?: string;
  environment?: Record<string, string>;
}

export interface CommandArgs extends CommonArgs {
  argv?: string[];
  cmd?: string;
}

export interface ShellArgs extends CommonArgs {
  cmd: string;
  executable?: string;
}

const common = {
  creates: { type: 'string', minLength: 1, description: 'Skip when this path exists, or any path a glob (`out/*.done`) matches (relative paths start at chdir); predicted to exist afterwards.' },
  removes: { type: 'string', minLength: 1, description: 'Run only when this path (or a match of a glob) exists; predicted to be gone afterwards.' },
  chdir: { type: 'string', minLength: 1, description: 'Directory to run in.' },
  stdin: { type: 'string', description: 'Text written to the standard input, as is.' },
  environment: {
    type: 'object',
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    additionalProperties: { type: 'string' },
    description: 'Extra environment variables.',
  },
};

const commandSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    argv: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Program and arguments, each passed as is.' },
    cmd: {
      type: 'string',
      minLength: 1,
      description: 'Program and arguments as one string, split into words like a shell would (quotes, backslashes) but with no expansion, pipes or redirections.',
    },
    ...common,
  },
  oneOf: [{ required: ['argv'] }, { required: ['cmd'] }],
};

const shellSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cmd'],
  properties: {
    cmd: { type: 'string', minLength: 1, description: 'Shell script; pipes, redirections and variables work.' },
    executable: { type: 'string', pattern: '^/', default: '/bin/sh', description: 'Shell that runs cmd with -c.' },
    ...common,
  },
};

/** Why: running a program without a shell means no value in it can become shell syntax. */
export const commandModule: ModuleDefinition<CommandArgs> = {
  name: 'command',
  runsProgramSurely: unguarded,
  description: 'Runs a program with arguments, without a shell; skipped when `creates` exists or `removes` does not.',
  schema: commandSchema,
  facts: guardFacts,
  plan(args, facts) {
    const argv = args.argv ?? splitWords(args.cmd ?? '');
    return planRun(args, facts, sh`${argv}`, argv.join(' '));
  },
};

/** Why: some steps need pipes and redirections; the script is passed to the shell as one quoted value. */
export const shellModule: ModuleDefinition<ShellArgs> = {
  name: 'shell',
  runsProgramSurely: unguarded,
  description: 'Runs a shell script with sh -c (or another executable); skipped when `creates` exists or `removes` does not.',
  schema: shellSchema,
  facts: guardFacts,
  plan(args, facts) {
    return planRun(args, facts, sh`${args.executable ?? '/bin/sh'} -c ${args.cmd}`, args.cmd);
  },
};

function unguarded(args: CommonArgs): boolean {
  return args.creates === undefined && args.removes === undefined;
}

function guardFacts(args: CommonArgs) {
  return [args.creates, args.removes].filter((p): p is string => p !== undefined).map((p) => existsFact(guarded(args, p)));
}

/** A literal path, or a glob tested as Ansible does (any match counts). */
function existsFact(path: string) {
  return isGlob(path) ? globMatches(path) : pathExists(path);
}

function guarded(args: CommonArgs, path: string): string {
  return args.chdir && !path.startsWith('/') ? posix.resolve(args.chdir, path) : path;
}

function planRun(args: CommonArgs, facts: FactView, program: string, shown: string): Plan {
  const effects: FactEffect[] = [];
  if (args.creates !== undefined) {
    const path = guarded(args, args.creates);
    if (facts.get(existsFact(path)).exists) return { changes: [], reason: `${path} exists`, commandRun: true };
    effects.push({ fact: existsFact(path), value: { exists: true } satisfies PathState });
  }
  if (args.removes !== undefined) {
    const path = guarded(args, args.removes);
    if (!facts.get(existsFact(path)).exists) return { changes: [], reason: `${path} does not exist`, commandRun: true };
    effects.push({ fact: existsFact(path), value: { exists: false } satisfies PathState }, ...(isGlob(path) ? [] : [{ touch: pathObject(path, { subtree: true }), cause: 'removed' as const }]));
  }
  // What else the command touches nobody can say; the tree it runs in is the least of it.
  if (args.chdir) effects.push({ touch: pathObject(args.chdir, { subtree: true }) });
  const env = Object.entries(args.environment ?? {}).map(([name, value]) => sh`${raw(name)}=${value}`);
  const run = sh`${env.map(raw)} ${raw(program)}`.trimStart();
  const command = args.chdir ? sh`cd ${args.chdir} && ${raw(run)}` : run;
  const summary = `run ${oneLine(shown)}`;
  return { changes: [{ summary, command, stdin: args.stdin, effects }], commandRun: true };
}

function oneLine(text: string): string {
  const first = text.trim().split('\n')[0];
  return first.length > 80 || text.trim().includes('\n') ? `${first.slice(0, 77)}...` : first;
}

/**
 * Why: `cmd: "useradd -m 'a b'"` must mean what it says without a shell reading it: words split
 * on blanks, quotes group them, backslashes escape; `$`, `*`, `|` stay literal characters.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw unterminated(text, "'");
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let part = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        part += text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '') ? text[++i] : text[i];
      }
      if (i >= text.length) throw unterminated(text, '"');
      word = (word ?? '') + part;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  if (!words.length) throw new BcError('command: cmd has no words to run');
  return words;
}

function unterminated(text: string, quote: string): BcError {
  return new BcError(`command: unterminated ${quote} in cmd: ${text}`, undefined, 'close the quote, or pass the words as an argv list');
}
