import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseReleases, type ReleaseState } from '../../../lib/facts/releases.js';
import { nodeReleaseModule, type NodeReleaseArgs } from '../../../lib/modules/node-release.js';
import { directoryArtifact } from '../../../lib/artifacts/artifacts.js';
import { planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const SRC = 'test/fixtures/fleet/probe-good';
const ID = directoryArtifact(SRC).id;
const ROOT = '/opt/bc/probe';
const KEY = `releases:${ROOT}`;
const state = (extra: Partial<ReleaseState> = {}): ReleaseState => ({ releases: [], current: null, previous: null, lockAgeSeconds: null, ...extra });
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

test('refuses to deploy while another deploy holds the lock, and takes over an abandoned one', () => {
  assert.throws(() => plan({}, state({ lockAgeSeconds: 30 })), /another deploy holds the lock/);
  assert.match(plan({}, state({ lockAgeSeconds: 5000 })).changes[0].summary, /abandoned deploy lock/);
});

test('switches current, keeps the previous one, prunes beyond keep and unlocks', () => {
  const p = plan({ state: 'current', keep: 2 }, state({ current: 'b', releases: [ID, 'b', 'a'], lockAgeSeconds: 1 }));
  const command = p.changes[0].command ?? '';
  assert.match(command, 'ln -sfn releases/b /opt/bc/probe/.previous.tmp && mv -T /opt/bc/probe/.previous.tmp /opt/bc/probe/previous');
  assert.match(command, `ln -sfn releases/${ID} /opt/bc/probe/.current.tmp && mv -T /opt/bc/probe/.current.tmp /opt/bc/probe/current`);
  assert.match(command, 'rm -rf -- a');
  assert.equal(describeEffects(p.changes[0].effects), [{ key: KEY, value: { releases: [ID, 'b'], current: ID, previous: 'b', lockAgeSeconds: null } }]);
});

test('rolls back to previous, and refuses when there is none', () => {
  const p = planWith(nodeReleaseModule, { root: ROOT, state: 'rolled_back' }, { [KEY]: state({ current: 'new', previous: 'old', releases: ['new', 'old'] }) });
  assert.match(p.changes[0].summary, 'roll back current from new to release old');
  assert.throws(() => planWith(nodeReleaseModule, { root: ROOT, state: 'rolled_back' }, { [KEY]: state({ current: 'new' }) }), /no previous release/);
});

test('parses the release layout', () => {
  assert.equal(parseReleases('current=releases/b\nprevious=releases/a\nlock=12\nrelease=b\nrelease=.c.partial\nrelease=a\n'), { releases: ['b', 'a'], current: 'b', previous: 'a', lockAgeSeconds: 12 });
  assert.equal(parseReleases('missing\n'), state());
});

test.run();
