// One parser for every bc-play command line (the playbook run and `lab`): node:util's parseArgs
// splits argv into tokens; this file turns each mistake into a UsageError that names the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

/** One command-line option; help.ts prints the same table, so help and parser cannot drift. */
export interface OptionSpec {
  long: string;
  short?: string;
  /** Name of the value it takes (absent for flags). */
  value?: string;
  help: string;
}

/** What was given, by long option name, in order; read through these helpers only. */
export interface CommandLine {
  positionals: string[];
  /** The option was given at least once. */
  flag(long: string): boolean;
  /** How many times it was given (-vv counts 2). */
  count(long: string): number;
  /** Every value given, in order (repeatable options). */
  strings(long: string): string[];
  /** The one value given, if any; given twice is a mistake, not "last wins". */
  single(long: string): string | undefined;
}

/** Why: the main CLI and `lab` parse alike and word their mistakes alike; `hint` says where the options are listed. */
export function parseCommandLine(argv: string[], specs: readonly OptionSpec[], hint: string): CommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of specs) options[spec.long] = { type: spec.value ? 'string' : 'boolean', multiple: true, ...(spec.short ? { short: spec.short } : {}) };
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = specs.find((s) => s.long === token.name);
    const given = argv[token.index];
    if (!spec) {
      const grouped = token.rawName.length === 2 && given.length > 2 && !given.startsWith('--') ? ` in "${given}"` : '';
      throw new UsageError(`unknown option "${token.rawName.startsWith('--') ? `--${token.name}` : token.rawName}"${grouped}`, undefined, hint);
    }
    if (!spec.value && token.value !== undefined) throw new UsageError(`option ${token.rawName} takes no value`, undefined, hint);
    // a value that looks like an option is the next option: the value was forgotten
    const forgotten = token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value.length > 1);
    if (spec.value && forgotten) throw new UsageError(`option ${token.rawName} needs a value (${spec.value})`, undefined, hint);
    values.set(spec.long, [...(values.get(spec.long) ?? []), token.value ?? '']);
  }
  const strings = (long: string) => (specs.find((s) => s.long === long)?.value ? (values.get(long) ?? []) : []);
  return {
    positionals,
    flag: (long) => values.has(long),
    count: (long) => values.get(long)?.length ?? 0,
    strings,
    single: (long) => {
      const given = strings(long);
      const spec = specs.find((s) => s.long === long)!;
      const names = spec.short ? `-${spec.short}/--${long}` : `--${long}`;
      if (given.length > 1) throw new UsageError(`option ${names} given ${given.length} times (${given.join(', ')}): give it once`, undefined, hint);
      return given[0];
    },
  };
}
