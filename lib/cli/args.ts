// The command line: argv in, one typed command out, or a UsageError that says what is wrong.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseCommandLine, type CommandLine, type OptionSpec } from './command-line.js';

export type { OptionSpec } from './command-line.js';

/** Why: Ansible's default of 5 forks idles on small fleets; 20 parallel hosts is cheap for SSH. */
export const DEFAULT_FORKS = 20;
export const DEFAULT_INVENTORY = 'inventory.yaml';

/** Everything a playbook run was asked for on the command line. */
export interface RunOptions {
  /** The playbook file, resolved (relative to the working directory as the user typed it). */
  playbook: string;
  inventory: string;
  limit?: string;
  check: boolean;
  diff: boolean;
  tags: string[];
  skipTags: string[];
  /** Raw `-e` values in order (`k=v k2=v2`, `@file.yaml` or inline YAML/JSON); parsed elsewhere. */
  extraVars: string[];
  forks: number;
  listHosts: boolean;
  listTasks: boolean;
  syntaxCheck: boolean;
  /** Number of -v given. */
  verbosity: number;
  json: boolean;
  /** False with --no-color, a non-empty NO_COLOR, --json, or when stdout is not a terminal. */
  color: boolean;
  /** Run on local lab hosts standing in for the inventory's hosts (their addresses and keys). */
  lab: boolean;
  acceptNewHostKeys: boolean;
}

/** Why: main() switches on this and never looks at argv itself. */
export type CliCommand =
  | { kind: 'run'; options: RunOptions }
  | { kind: 'lab'; argv: string[] }
  | { kind: 'help' }
  | { kind: 'version' };

/** What parsing depends on besides argv; tests pass their own. */
export interface ArgsEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

/** Why: the single list of options, read by the parser and by --help. */
export const OPTIONS: readonly OptionSpec[] = [
  { long: 'inventory', short: 'i', value: 'FILE', help: `inventory file (default: ${DEFAULT_INVENTORY})` },
  { long: 'limit', short: 'l', value: 'PATTERN', help: 'only hosts matching the pattern (web*, a,b, &group, !host)' },
  { long: 'check', short: 'C', help: 'predict the changes without making them (exit 3 when some are pending)' },
  { long: 'diff', short: 'D', help: 'show file changes as unified diffs' },
  { long: 'tags', short: 't', value: 'TAGS', help: 'only tasks with one of these tags (comma-separated, repeatable)' },
  { long: 'skip-tags', value: 'TAGS', help: 'skip tasks with one of these tags (comma-separated, repeatable)' },
  { long: 'extra-vars', short: 'e', value: 'VARS', help: 'extra variables, highest precedence: k=v, @file.yaml or YAML (repeatable)' },
  { long: 'forks', short: 'f', value: 'N', help: `how many hosts run in parallel (default: ${DEFAULT_FORKS})` },
  { long: 'list-hosts', help: 'list the hosts each play would run on, then stop' },
  { long: 'list-tasks', help: 'list the tasks each play would run, then stop' },
  { long: 'syntax-check', help: 'validate inventory, playbook and roles; contact no host' },
  { long: 'verbose', short: 'v', help: 'more detail: commands run, facts read (repeatable: -vv)' },
  { long: 'json', help: 'one JSON event per line on stdout, for CI' },
  { long: 'no-color', help: 'no colors (also: NO_COLOR=1, or when stdout is not a terminal)' },
  { long: 'lab', help: "run on local lab hosts standing in for the inventory's hosts" },
  { long: 'accept-new-host-keys', help: 'add unknown SSH host keys to known_hosts (changed keys are still refused)' },
  { long: 'help', short: 'h', help: 'show this help' },
  { long: 'version', help: 'show the version' },
];

const HINT = 'run bc-play --help to see the options';

/** Why: the one entry point from argv to a command; every mistake becomes a UsageError (exit 5). */
export function parseArgs(argv: string[], environment: ArgsEnvironment = processEnvironment()): CliCommand {
  if (argv[0] === 'lab') return { kind: 'lab', argv: argv.slice(1) };
  const beforeDashes = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeDashes.some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  if (beforeDashes.includes('--version')) return { kind: 'version' };
  return { kind: 'run', options: buildOptions(parseCommandLine(argv, OPTIONS, HINT), environment) };
}

function processEnvironment(): ArgsEnvironment {
  return { cwd: process.cwd(), env: process.env, stdoutIsTTY: process.stdout.isTTY === true };
}

function buildOptions(line: CommandLine, environment: ArgsEnvironment): RunOptions {
  const { positionals, flag, strings, single } = line;
  if (positionals.length === 0) throw new UsageError('no playbook given: name one, e.g. bc-play site', undefined, HINT);
  const unlock = unlockTarget(positionals, strings('limit').length > 0);
  if (positionals.length > 1 && !unlock) {
    throw new UsageError(`one playbook at a time, got ${positionals.length}: ${positionals.join(', ')}`, undefined, HINT);
  }
  const json = flag('json');
  const noColor = flag('no-color') || Boolean(environment.env.NO_COLOR);
  return {
    playbook: resolvePlaybook(positionals[0], environment.cwd),
    inventory: single('inventory') ?? DEFAULT_INVENTORY,
    limit: unlock ?? single('limit'),
    check: flag('check'),
    diff: flag('diff'),
    tags: tagList(strings('tags'), '--tags'),
    skipTags: tagList(strings('skip-tags'), '--skip-tags'),
    extraVars: strings('extra-vars'),
    forks: forkCount(single('forks')),
    listHosts: flag('list-hosts'),
    listTasks: flag('list-tasks'),
    syntaxCheck: flag('syntax-check'),
    verbosity: line.count('verbose'),
    json,
    color: !noColor && !json && environment.stdoutIsTTY,
    lab: flag('lab'),
    acceptNewHostKeys: flag('accept-new-host-keys'),
  };
}

/**
 * Why: `bc-play unlock HOST|GROUP` (as Kamal's `lock release`) is playbooks/unlock.yaml limited
 * to what is named; the target is required, so no lock is released on every host by accident.
 */
function unlockTarget(positionals: string[], limited: boolean): string | undefined {
  if (positionals[0] !== 'unlock') return undefined;
  if (positionals.length !== 2 || limited) {
    throw new UsageError('bc-play unlock takes one HOST or GROUP (the hosts whose deploy locks to release)', undefined, 'e.g. bc-play unlock vertical1');
  }
  return positionals[1];
}

function tagList(given: string[], option: string): string[] {
  const tags = given.flatMap((v) => v.split(',')).map((t) => t.trim());
  if (tags.some((t) => t === '')) throw new UsageError(`${option} has an empty tag in "${given.join(',')}"`, undefined, HINT);
  return tags;
}

function forkCount(given: string | undefined): number {
  if (given === undefined) return DEFAULT_FORKS;
  if (!/^\d+$/.test(given) || Number(given) < 1) {
    throw new UsageError(`-f/--forks must be a whole number of at least 1, got "${given}"`, undefined, HINT);
  }
  return Number(given);
}

/**
 * Why: `bc-play site` should just work. A bare name (no slash) is looked up in playbooks/
 * first (with .yaml/.yml added when it has no extension), then as a file here; anything with a
 * slash is a path taken as typed.
 */
export function resolvePlaybook(arg: string, cwd: string): string {
  const candidates = arg.includes('/') ? [arg] : bareNameCandidates(arg);
  const found = candidates.find((c) => isFile(resolve(cwd, c)));
  if (found) return found;
  const available = playbookNames(cwd);
  throw new UsageError(
    `playbook "${arg}" not found (looked for ${candidates.join(', ')})`,
    undefined,
    available.length ? `playbooks in playbooks/: ${available.join(', ')}` : 'give a path to a playbook file, or a name in playbooks/',
  );
}

function bareNameCandidates(name: string): string[] {
  const inFolder = /\.ya?ml$/.test(name) ? [join('playbooks', name)] : [join('playbooks', `${name}.yaml`), join('playbooks', `${name}.yml`)];
  return [...inFolder, name];
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function playbookNames(cwd: string): string[] {
  const dir = resolve(cwd, 'playbooks');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}
