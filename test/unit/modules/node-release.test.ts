import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseReleases, releaseFact, type ReleaseState } from '../../../lib/facts/releases.js';
import { takeLockCommand, THIS_RUN } from '../../../lib/modules/support/deploy-lock.js';
import { nodeReleaseModule, type NodeReleaseArgs } from '../../../lib/modules/node-release.js';
import { directoryArtifact } from '../../../lib/artifacts/artifacts.js';
import { planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const SRC = 'test/fixtures/fleet/probe-good';
const ID = directoryArtifact(SRC).id;
const ROOT = '/opt/bc/probe';
const KEY = `releases:${ROOT}`;
const state = (extra: Partial<ReleaseState> = {}): ReleaseState => ({ releases: [], current: null, previous: null, lock: null, ...extra });
const plan = (args: Partial<NodeReleaseArgs>, now: ReleaseState) => planWith(nodeReleaseModule, { src: SRC, root: ROOT, ...args }, { [KEY]: now });

test('names a release by its content', () => {
  assert.match(ID, /^[0-9a-f]{12}$/);
  assert.is.not(directoryArtifact('test/fixtures/fleet/probe-bad').id, ID);
});

test('takes the lock and uploads a new release, files back to back on stdin', () => {
  const p = plan({}, state({ current: 'old', releases: ['old'] }));
  assert.equal(p.changes.map((c) => c.summary.split(' (')[0]), ['take the deploy lock', `upload release ${ID}`]);
  assert.match(p.changes[1].command ?? '', `mv -T /opt/bc/probe/releases/.${ID}.partial /opt/bc/probe/releases/${ID}`);
  assert.equal(p.data, { release: ID, release_dir: `${ROOT}/releases/${ID}`, previous: 'old', deploy: true });
});

test('does nothing when the release is current', () => {
  const p = plan({ state: 'current' }, state({ current: ID, releases: [ID] }));
  assert.equal(p.changes, []);
  assert.is(p.data?.deploy, false);
});

const HOLDER = { run: '1a2b3c4d', controller: 'laptop', controller_pid: '4242', started: '2026-12-02T14:00:00Z', session_pid: '880', session_start: '1234' };

test('refuses to deploy while a connected holder has the lock, naming its run, controller and time', () => {
  assert.throws(
    () => plan({}, state({ lock: { ageSeconds: 30, holder: HOLDER, holderAlive: true } })),
    /another deploy holds the lock \/opt\/bc\/probe\/.deploy.lock: run 1a2b3c4d from laptop \(pid 4242\), taken 2026-12-02T14:00:00Z \(30s ago\)/,
  );
  // Still refused after the timeout: the holder's session says the deploy is running.
  assert.throws(() => plan({}, state({ lock: { ageSeconds: 5000, holder: HOLDER, holderAlive: true } })), /another deploy holds the lock/);
});

test('takes over a lock whose holder is gone at once, and says whose it was', () => {
  const p = plan({}, state({ lock: { ageSeconds: 30, holder: HOLDER, holderAlive: false } }));
  assert.match(p.changes[0].summary, 'take over the deploy lock of run 1a2b3c4d from laptop (pid 4242), taken 2026-12-02T14:00:00Z (30s ago): its holder is gone');
  assert.match(p.changes[0].command ?? '', 'rm -rf /opt/bc/probe/.deploy.lock && mkdir /opt/bc/probe/.deploy.lock');
});

test('a lock that records no holder (older bc-play) counts as abandoned after lock_timeout only', () => {
  assert.throws(() => plan({}, state({ lock: { ageSeconds: 30 } })), /holder not recorded/);
  assert.match(plan({}, state({ lock: { ageSeconds: 5000 } })).changes[0].summary, /take over the deploy lock of taken 5000s ago, holder not recorded: abandoned/);
});

test('taking the lock records the holder inside it in the same command', () => {
  const command = plan({}, state()).changes[0].command ?? '';
  assert.match(command, 'mkdir -p /opt/bc/probe/releases && mkdir /opt/bc/probe/.deploy.lock || exit 1');
  assert.match(command, /printf 'run=%s.*session_start=%s\\n' [0-9a-f]{8} /);
  assert.match(command, '> /opt/bc/probe/.deploy.lock/holder');
});

test('unlocked releases whatever lock is there, and is a no-op without one', () => {
  const args = { root: ROOT, state: 'unlocked' as const };
  const p = planWith(nodeReleaseModule, args, { [KEY]: state({ lock: { ageSeconds: 30, holder: HOLDER, holderAlive: false } }) });
  assert.equal(p.changes.map((c) => [c.summary, c.command]), [['release the deploy lock of run 1a2b3c4d from laptop (pid 4242), taken 2026-12-02T14:00:00Z (30s ago)', 'rm -rf /opt/bc/probe/.deploy.lock']]);
  assert.equal(planWith(nodeReleaseModule, args, { [KEY]: state() }).changes, []);
});

test('switches current, keeps the previous one, prunes beyond keep and unlocks', () => {
  const p = plan({ state: 'current', keep: 2 }, state({ current: 'b', releases: [ID, 'b', 'a'], lock: { ageSeconds: 1 } }));
  const command = p.changes[0].command ?? '';
  assert.match(command, 'ln -sfn releases/b /opt/bc/probe/.previous.tmp && mv -T /opt/bc/probe/.previous.tmp /opt/bc/probe/previous');
  assert.match(command, `ln -sfn releases/${ID} /opt/bc/probe/.current.tmp && mv -T /opt/bc/probe/.current.tmp /opt/bc/probe/current`);
  assert.match(command, 'rm -rf -- a');
  assert.equal(describeEffects(p.changes[0].effects), [{ key: KEY, value: { releases: [ID, 'b'], current: ID, previous: 'b', lock: null } }]);
});

test('rolls back to previous, and refuses when there is none', () => {
  const p = planWith(nodeReleaseModule, { root: ROOT, state: 'rolled_back' }, { [KEY]: state({ current: 'new', previous: 'old', releases: ['new', 'old'] }) });
  assert.match(p.changes[0].summary, 'roll back current from new to release old');
  assert.throws(() => planWith(nodeReleaseModule, { root: ROOT, state: 'rolled_back' }, { [KEY]: state({ current: 'new' }) }), /no previous release/);
});

test('parses the release layout', () => {
  assert.equal(parseReleases('current=releases/b\nprevious=releases/a\nlock=12\nrelease=b\nrelease=.c.partial\nrelease=a\n'), { releases: ['b', 'a'], current: 'b', previous: 'a', lock: { ageSeconds: 12 } });
  const held = parseReleases('current=\nprevious=\nlock=7\nholder.run=1a2b3c4d\nholder.controller=laptop\nholder_alive=no\n');
  assert.equal(held.lock, { ageSeconds: 7, holder: { run: '1a2b3c4d', controller: 'laptop' }, holderAlive: false });
  assert.equal(parseReleases('missing\n'), state());
});

test('the lock records this run and the session it came through; the fact sees whether that session lives', () => {
  const root = mkdtempSync(join(tmpdir(), 'bc-play-lock-'));
  const shell = (command: string): string => spawnSync('sh', ['-c', command], { encoding: 'utf8' }).stdout;
  shell(takeLockCommand(root, false));
  // Run locally, the session is this process (node), as it is bc-play's own on a local connection.
  const alive = parseReleases(shell(releaseFact(root).command)).lock;
  assert.equal({ ...alive?.holder, started: undefined, session_start: undefined }, { run: THIS_RUN.run, controller: THIS_RUN.controller, controller_pid: String(process.pid), started: undefined, session_pid: String(process.pid), session_start: undefined });
  assert.match(alive?.holder?.started ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.is(alive?.holderAlive, true);
  const gone = spawnSync('true').pid;
  const holder = join(root, '.deploy.lock', 'holder');
  writeFileSync(holder, readFileSync(holder, 'utf8').replace(/^session_pid=.*$/m, `session_pid=${gone}`));
  assert.is(parseReleases(shell(releaseFact(root).command)).lock?.holderAlive, false);
  assert.is(spawnSync('sh', ['-c', takeLockCommand(root, false)]).status, 1, 'a held lock cannot be taken a second time');
});

test.run();
