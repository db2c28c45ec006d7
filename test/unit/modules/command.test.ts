import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commandModule, shellModule, splitWords, type CommandArgs, type ShellArgs } from '../../../lib/modules/command.js';
import { argsError, commands, planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const words: [string, string[]][] = [
  ['ls -l /tmp', ['ls', '-l', '/tmp']],
  [`echo 'a b'  "c \\"d\\""`, ['echo', 'a b', 'c "d"']],
  ['echo $HOME * | wc', ['echo', '$HOME', '*', '|', 'wc']],
  [`printf a\\ b''c`, ['printf', 'a bc']],
  [`echo ''`, ['echo', '']],
];
for (const [cmd, expected] of words) {
  test(`splits ${JSON.stringify(cmd)} into words without expanding anything`, () => {
    assert.equal(splitWords(cmd), expected);
  });
}

test('fails on an unterminated quote in cmd', () => {
  assert.throws(() => splitWords(`echo 'oops`), /^command: unterminated ' in cmd: echo 'oops$/);
});

const commandCases: [string, CommandArgs, Record<string, unknown>, string[]][] = [
  ['runs argv with every word quoted', { argv: ['echo', '$HOME', 'a b'] }, {}, [`echo '$HOME' 'a b'`]],
  ['runs a cmd string split into quoted words', { cmd: `psql -c 'select 1'` }, {}, [`psql -c 'select 1'`]],
  [
    'runs in chdir with extra environment',
    { argv: ['make', 'install'], chdir: '/srv/my app', environment: { PREFIX: '/opt/x y', DEBUG: '1' } },
    {},
    [`cd '/srv/my app' && PREFIX='/opt/x y' DEBUG=1 make install`],
  ],
  ['skips when creates exists', { argv: ['make'], creates: '/srv/app/bin' }, { 'path:/srv/app/bin': { exists: true } }, []],
  ['runs when creates is missing', { argv: ['make'], creates: '/srv/app/bin' }, { 'path:/srv/app/bin': { exists: false } }, ['make']],
  ['skips when removes is missing', { argv: ['rm', '/tmp/x'], removes: '/tmp/x' }, { 'path:/tmp/x': { exists: false } }, []],
  ['resolves a relative creates against chdir', { argv: ['make'], chdir: '/srv/app', creates: 'bin/app' }, { 'path:/srv/app/bin/app': { exists: false } }, ['cd /srv/app && make']],
];
for (const [name, args, facts, expected] of commandCases) {
  test(`command ${name}`, () => {
    const plan = planWith(commandModule, args, facts);
    assert.equal(commands(plan), expected);
    assert.ok(plan.commandRun);
  });
}

const shellCases: [string, ShellArgs, Record<string, unknown>, string[]][] = [
  ['passes the script to sh -c as one quoted value', { cmd: 'echo $HOME | wc -c' }, {}, [`/bin/sh -c 'echo $HOME | wc -c'`]],
  ['runs the script with another executable in chdir', { cmd: 'set -o pipefail; x', executable: '/bin/bash', chdir: '/tmp' }, {}, [`cd /tmp && /bin/bash -c 'set -o pipefail; x'`]],
  ['skips when creates exists', { cmd: 'touch /a', creates: '/a' }, { 'path:/a': { exists: true } }, []],
];
for (const [name, args, facts, expected] of shellCases) {
  test(`shell ${name}`, () => {
    assert.equal(commands(planWith(shellModule, args, facts)), expected);
  });
}

test('says why a command was skipped', () => {
  assert.is(planWith(commandModule, { argv: ['make'], creates: '/srv/app/bin' }, { 'path:/srv/app/bin': { exists: true } }).reason, '/srv/app/bin exists');
  assert.is(planWith(shellModule, { cmd: 'rm /tmp/x', removes: '/tmp/x' }, { 'path:/tmp/x': { exists: false } }).reason, '/tmp/x does not exist');
});

test('predicts that creates exists and removes is gone after the run', () => {
  const plan = planWith(shellModule, { cmd: 'mv /a /b', creates: '/b', removes: '/a' }, { 'path:/b': { exists: false }, 'path:/a': { exists: true } });
  assert.equal(describeEffects(plan.changes[0].effects), [
    { key: 'path:/b', value: { exists: true } },
    { key: 'path:/a', value: { exists: false } },
    { touch: 'path:/a', subtree: true, cause: 'removed' },
  ]);
});

test('passes stdin as is and summarises long scripts on one line', () => {
  const plan = planWith(shellModule, { cmd: `psql <<'SQL'\n${'select 1;'.repeat(20)}\nSQL`, stdin: 'secret\n' }, {});
  assert.is(plan.changes[0].stdin, 'secret\n');
  assert.is(plan.changes[0].summary, "run psql <<'SQL'...");
});

const schemaCases: [string, string, string | null][] = [
  ['accepts argv', 'argv: [ls, -l]\n', null],
  ['rejects argv and cmd together', 'argv: [ls]\ncmd: ls\n', 'arguments of command: the top level must match exactly one schema in oneOf'],
  ['rejects an environment name that is not a shell name', 'cmd: ls\nenvironment: {"A-B": x}\n', 'arguments of command: "environment" has an invalid name "A-B": it must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"'],
];
for (const [what, yaml, error] of schemaCases) {
  test(`schema ${what}`, () => {
    assert.is(argsError(commandModule as never, yaml), error);
  });
}

test.run();
