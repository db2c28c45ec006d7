import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_FORKS, parseArgs, resolvePlaybook, type ArgsEnvironment, type RunOptions } from '../../../lib/cli/args.js';
import { UsageError } from '../../../lib/errors.js';

const cwd = mkdtempSync(join(tmpdir(), 'bc-play-args-'));
mkdirSync(join(cwd, 'playbooks'));
writeFileSync(join(cwd, 'playbooks', 'site.yaml'), '[]\n');
writeFileSync(join(cwd, 'playbooks', 'backup.yml'), '[]\n');
writeFileSync(join(cwd, 'playbooks', 'unlock.yaml'), '[]\n');
writeFileSync(join(cwd, 'local.yaml'), '[]\n');
mkdirSync(join(cwd, 'deploy'));
writeFileSync(join(cwd, 'deploy', 'app.yaml'), '[]\n');

const tty: ArgsEnvironment = { cwd, env: {}, stdoutIsTTY: true };

const defaults: RunOptions = {
  playbook: 'playbooks/site.yaml',
  inventory: 'inventory.yaml',
  limit: undefined,
  check: false,
  diff: false,
  tags: [],
  skipTags: [],
  extraVars: [],
  forks: DEFAULT_FORKS,
  listHosts: false,
  listTasks: false,
  syntaxCheck: false,
  verbosity: 0,
  json: false,
  color: true,
  lab: false,
  acceptNewHostKeys: false,
};

const options = (argv: string[], environment = tty): RunOptions => {
  const command = parseArgs(argv, environment);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
};

const flagCases: Array<[string[], Partial<RunOptions>]> = [
  [['site'], {}],
  [['site', '-i', 'prod.yaml'], { inventory: 'prod.yaml' }],
  [['site', '--inventory=prod.yaml'], { inventory: 'prod.yaml' }],
  [['site', '--inventory', 'prod.yaml'], { inventory: 'prod.yaml' }],
  [['site', '-l', 'web*,!web3'], { limit: 'web*,!web3' }],
  [['site', '-lweb1'], { limit: 'web1' }],
  [['site', '--limit', '&db'], { limit: '&db' }],
  [['site', '-C'], { check: true }],
  [['site', '--check'], { check: true }],
  [['site', '-D'], { diff: true }],
  [['site', '--diff'], { diff: true }],
  [['site', '-CD'], { check: true, diff: true }],
  [['site', '-t', 'nginx,app', '--tags', 'db'], { tags: ['nginx', 'app', 'db'] }],
  [['site', '--skip-tags', 'slow, backup'], { skipTags: ['slow', 'backup'] }],
  [['site', '-e', 'a=1 b=2', '-e', '@vars.yaml', '--extra-vars={"c": 3}'], { extraVars: ['a=1 b=2', '@vars.yaml', '{"c": 3}'] }],
  [['site', '-f', '5'], { forks: 5 }],
  [['site', '-f50'], { forks: 50 }],
  [['site', '--forks=1'], { forks: 1 }],
  [['site', '--list-hosts'], { listHosts: true }],
  [['site', '--list-tasks'], { listTasks: true }],
  [['site', '--syntax-check'], { syntaxCheck: true }],
  [['site', '-v'], { verbosity: 1 }],
  [['site', '-vv'], { verbosity: 2 }],
  [['site', '-v', '--verbose', '-vv'], { verbosity: 4 }],
  [['site', '--json'], { json: true, color: false }],
  [['site', '--no-color'], { color: false }],
  [['site', '--lab'], { lab: true }],
  [['site', '--lab', '-i', 'fleet.yaml'], { lab: true, inventory: 'fleet.yaml' }],
  [['site', '--accept-new-host-keys'], { acceptNewHostKeys: true }],
  [['-C', '-l', 'web1', 'site', '-vD'], { check: true, limit: 'web1', verbosity: 1, diff: true }],
  [['--', 'site'], {}],
];

for (const [argv, expected] of flagCases) {
  test(`parses ${JSON.stringify(argv)}`, () => {
    assert.equal(options(argv), { ...defaults, ...expected });
  });
}

test('turns colors off with a non-empty NO_COLOR', () => {
  assert.is(options(['site'], { ...tty, env: { NO_COLOR: '1' } }).color, false);
});

test('keeps colors when NO_COLOR is empty, as no-color.org asks', () => {
  assert.is(options(['site'], { ...tty, env: { NO_COLOR: '' } }).color, true);
});

test('turns colors off when stdout is not a terminal', () => {
  assert.is(options(['site'], { ...tty, stdoutIsTTY: false }).color, false);
});

test('passes everything after lab through untouched', () => {
  assert.equal(parseArgs(['lab', 'up', '--hosts', '3', '-v', '--help'], tty), { kind: 'lab', argv: ['up', '--hosts', '3', '-v', '--help'] });
});

test('answers --help and -h wherever they stand, even beside other mistakes', () => {
  assert.equal(parseArgs(['--help'], tty), { kind: 'help' });
  assert.equal(parseArgs(['site', '-C', '-h'], tty), { kind: 'help' });
  assert.equal(parseArgs(['--bogus', '--help'], tty), { kind: 'help' });
});

test('answers --version', () => {
  assert.equal(parseArgs(['--version'], tty), { kind: 'version' });
});

const errorCases: Array<[string[], string]> = [
  [[], 'no playbook given: name one, e.g. bc-play site'],
  [['site', 'backup'], 'one playbook at a time, got 2: site, backup'],
  [['site', '--bogus'], 'unknown option "--bogus"'],
  [['site', '-x'], 'unknown option "-x"'],
  [['site', '-Cx'], 'unknown option "-x" in "-Cx"'],
  [['site', '--check=yes'], 'option --check takes no value'],
  [['site', '-i'], 'option -i needs a value (FILE)'],
  [['site', '--limit'], 'option --limit needs a value (PATTERN)'],
  [['site', '-l', '-C'], 'option -l needs a value (PATTERN)'],
  [['site', '-i', 'a.yaml', '-i', 'b.yaml'], 'option -i/--inventory given 2 times (a.yaml, b.yaml): give it once'],
  [['site', '-f', '0'], '-f/--forks must be a whole number of at least 1, got "0"'],
  [['site', '--forks', 'many'], '-f/--forks must be a whole number of at least 1, got "many"'],
  [['site', '-f', '2.5'], '-f/--forks must be a whole number of at least 1, got "2.5"'],
  [['site', '-t', 'a,,b'], '--tags has an empty tag in "a,,b"'],
  [['site', '--skip-tags='], '--skip-tags has an empty tag in ""'],
];

for (const [argv, message] of errorCases) {
  test(`refuses ${JSON.stringify(argv)} with "${message}"`, () => {
    try {
      parseArgs(argv, tty);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, UsageError);
      assert.is((error as UsageError).message, message);
      assert.is((error as UsageError).hint, 'run bc-play --help to see the options');
    }
  });
}

const resolutionCases: Array<[string, string]> = [
  ['site', 'playbooks/site.yaml'],
  ['site.yaml', 'playbooks/site.yaml'],
  ['backup', 'playbooks/backup.yml'],
  ['local.yaml', 'local.yaml'],
  ['deploy/app.yaml', 'deploy/app.yaml'],
  ['./local.yaml', './local.yaml'],
];

for (const [arg, path] of resolutionCases) {
  test(`resolves the playbook "${arg}" to ${path}`, () => {
    assert.is(resolvePlaybook(arg, cwd), path);
  });
}

test('unlock HOST|GROUP runs playbooks/unlock.yaml limited to that target, and needs exactly one', () => {
  assert.equal(options(['unlock', 'vertical1', '--lab']), { ...defaults, playbook: 'playbooks/unlock.yaml', limit: 'vertical1', lab: true });
  for (const argv of [['unlock'], ['unlock', 'a', 'b'], ['unlock', 'a', '-l', 'b']]) {
    assert.throws(() => parseArgs(argv, tty), (e: unknown) => e instanceof UsageError && /one HOST or GROUP/.test(e.message), argv.join(' '));
  }
});

test('prefers playbooks/NAME over a file of the same name here', () => {
  writeFileSync(join(cwd, 'site.yaml'), '[]\n');
  try {
    assert.is(resolvePlaybook('site.yaml', cwd), 'playbooks/site.yaml');
    assert.is(resolvePlaybook('./site.yaml', cwd), './site.yaml');
  } finally {
    rmSync(join(cwd, 'site.yaml'));
  }
});

test('names what it looked for and what exists when a playbook is missing', () => {
  try {
    resolvePlaybook('sight', cwd);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, UsageError);
    assert.is((error as UsageError).message, 'playbook "sight" not found (looked for playbooks/sight.yaml, playbooks/sight.yml, sight)');
    assert.is((error as UsageError).hint, 'playbooks in playbooks/: backup, site, unlock');
  }
});

test('does not take a directory for a playbook', () => {
  assert.throws(() => resolvePlaybook('deploy', cwd), /playbook "deploy" not found/);
});

test.after(() => rmSync(cwd, { recursive: true, force: true }));
test.run();
