// authorized_key against the text ansible.posix writes (its serialize: `OPTIONS TYPE KEY COMMENT`,
// a trailing space when there is no comment), and once for real in a temp folder with sh.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { authorizedKeys } from '../../../lib/facts/authorized-keys.js';
import { identity } from '../../../lib/facts/files.js';
import type { FactSpec } from '../../../lib/facts/fact.js';
import { authorizedKeyModule, type AuthorizedKeyArgs } from '../../../lib/modules/authorized-key.js';
import { checkPlan, declaredFacts, planContext } from './support/plan-fixture.js';

const A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA1';
const B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2';
const F = '/home/deploy/.ssh/authorized_keys';
const found = (content: string | null) => ({
  'authorized_keys:deploy:': { group: 'deploy', keyfile: F, folder: { mode: '0700', owner: 'deploy', group: 'deploy' }, file: content === null ? null : { mode: '0600', owner: 'deploy', group: 'deploy', content } },
  identity: { user: 'root', group: 'root' },
});
const written = (args: Omit<AuthorizedKeyArgs, 'user'>, content: string | null) => {
  const plan = checkPlan(authorizedKeyModule, { name: 'x', args: { user: 'deploy', ...args }, facts: found(content) });
  return plan?.changes[0]?.stdin;
};

test('adds a key after the file\'s lines, written as ansible.posix writes it', () => {
  assert.is(written({ key: `${A} laptop` }, '# keys\n'), `# keys\n${A} laptop\n`);
  assert.is(written({ key: A }, null), `${A} \n`);
});

test('a key already there is left alone; the same key with other options or comment moves to the end, rewritten', () => {
  checkPlan(authorizedKeyModule, { name: 'x', args: { user: 'deploy', key: `${A} laptop` }, facts: found(`${A} laptop\n${B} x\n`), summaries: [], reason: /already has the keys wanted/ });
  assert.is(written({ key: A, key_options: 'no-pty,from="10.0.0.1"' }, `${A} laptop\n${B} x\n`), `${B} x\nno-pty,from="10.0.0.1" ${A} \n`);
});

test('absent removes the key whatever its options; exclusive keeps only the given keys', () => {
  assert.is(written({ key: A, state: 'absent' }, `# c\nrestrict ${A} old\n${B} x\n`), `# c\n${B} x\n`);
  assert.is(written({ key: B, exclusive: true }, `# c\n${A} a\n${B} x\n`), `${B} \n`);
  assert.is(written({ key: `${B} x`, exclusive: true }, `${B} x\n`), undefined);
  assert.is(written({ key: `${B} y`, exclusive: true }, `# c\n${A} a\n${B} x\n`), `${B} y\n`);
});

test('an unreadable key fails, a missing user fails naming it', () => {
  checkPlan(authorizedKeyModule, { name: 'x', args: { user: 'deploy', key: 'not a key' }, facts: found(''), throws: /invalid key specified: not a key/ });
  checkPlan(authorizedKeyModule, { name: 'x', args: { user: 'ghost', key: A }, facts: { 'authorized_keys:ghost:': null, identity: { user: 'root', group: 'root' } }, throws: /Failed to lookup user ghost/ });
});

function read<T>(spec: FactSpec<T>): T {
  const out = spawnSync('sh', ['-c', spec.command], { encoding: 'utf8' });
  return spec.parse(out.stdout, out.status ?? -1);
}

test('for real: creates the folder 0700 and the file 0600, predicts what it wrote, then changes nothing', () => {
  const me = read(identity);
  const path = join(mkdtempSync(join(tmpdir(), 'bc-play-keys-')), 'ssh', 'keys');
  const args: AuthorizedKeyArgs = { user: me.user, key: `${A} one\n${B} two`, path };
  const ctx = planContext();
  const plan = () => authorizedKeyModule.plan(args, declaredFacts(authorizedKeyModule.facts(args, ctx), { [authorizedKeys(me.user, path).key]: read(authorizedKeys(me.user, path)), identity: me }), ctx);
  const first = plan();
  assert.is(first.changes.length, 1);
  const run = spawnSync('sh', ['-c', first.changes[0].command ?? 'false'], { input: first.changes[0].stdin, encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.is(readFileSync(path, 'utf8'), `${A} one\n${B} two\n`);
  assert.is((statSync(path).mode & 0o777).toString(8), '600');
  assert.is((statSync(join(path, '..')).mode & 0o777).toString(8), '700');
  const predicted = first.changes[0].effects?.find((e) => 'fact' in e) as { value: unknown };
  assert.equal(read(authorizedKeys(me.user, path)), predicted.value);
  assert.equal(plan().changes, []);
});

test.run();
