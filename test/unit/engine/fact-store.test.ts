import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactStore, UnknownFactError } from '../../../lib/engine/fact-store.js';
import type { FactSpec } from '../../../lib/facts/fact.js';
import { fileContent, fileStat, pathExists } from '../../../lib/facts/files.js';
import { ACCOUNT_NAMES, pathObject } from '../../../lib/facts/objects.js';
import { groupFact, userFact } from '../../../lib/facts/users.js';
import { userModule } from '../../../lib/modules/user.js';
import { planWith } from '../modules/system-fixtures.js';
import { unitFact } from '../../../lib/facts/systemd.js';

const BY = '"a task" (site.yaml:3:5)';
const stat = fileStat('/srv/marker');
const exists = pathExists('/srv/marker');
const written = { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 5, sha256: 'ab' };
const listing: FactSpec<string[]> = { key: 'tree:/srv', about: [pathObject('/srv', { subtree: true })], command: 'x', parse: () => [] };

test('a change sets the facts it predicts, in check mode and in a real run alike', () => {
  for (const check of [true, false]) {
    const store = new FactStore(check);
    store.remember(stat, { exists: false }, 'root');
    store.apply([{ fact: stat, value: written }], BY);
    assert.equal(store.get(stat.key, 'root'), written);
  }
});

test('a change sets its facts for a become_user reader too, not only for root and the login', () => {
  for (const check of [true, false]) {
    const store = new FactStore(check);
    store.remember(stat, { exists: false }, 'user=nobody');
    store.apply([{ fact: stat, value: written }], BY);
    assert.equal(store.get(stat.key, 'user=nobody'), written);
  }
});

test('check mode: a change that ran (check_mode: false) is read again, and facts read later are not replayed through it', () => {
  const store = new FactStore(true);
  store.remember(exists, { exists: false }, 'root');
  store.apply([{ fact: stat, value: written }], BY, true);
  assert.is(store.has(exists.key, 'root'), false);
  store.remember(listing, ['marker'], 'root');
  assert.equal(store.get(listing.key, 'root'), ['marker']);
});

test('a write replaces every fact about the path, whichever module read it: a real run reads it again', () => {
  const store = new FactStore(false);
  store.remember(exists, { exists: false }, 'root');
  store.apply([{ fact: stat, value: written }], BY);
  assert.is(store.has(exists.key, 'root'), false);
});

test('check mode predicts a sibling fact from what the change set: a written file exists', () => {
  const store = new FactStore(true);
  store.remember(exists, { exists: false }, 'root');
  store.apply([{ fact: stat, value: written }], BY);
  assert.equal(store.get(exists.key, 'root'), { exists: true });
});

test('check mode replays its predicted changes over a fact first read after them', () => {
  const store = new FactStore(true);
  store.apply([{ fact: stat, value: written }], BY);
  store.remember(exists, { exists: false }, 'root');
  assert.equal(store.get(exists.key, 'root'), { exists: true });
});

test('a removed tree makes every path below it absent, in check mode; a real run forgets them', () => {
  const inside = fileContent('/srv/app/x.conf');
  for (const check of [true, false]) {
    const store = new FactStore(check);
    store.remember(inside, { exists: true, content: 'a', unread: null }, 'root');
    store.apply([{ touch: pathObject('/srv', { subtree: true }), cause: 'removed' }], BY);
    if (check) assert.equal(store.get(inside.key, 'root'), { exists: false, content: '', unread: null });
    else assert.is(store.has(inside.key, 'root'), false);
  }
});

test('a fact about a whole tree is replaced by a change to a path inside it', () => {
  const store = new FactStore(false);
  store.remember(listing, ['a'], 'root');
  store.apply([{ fact: fileStat('/srv/b'), value: written }], BY);
  assert.is(store.has(listing.key, 'root'), false);
});

test('check mode cannot know what it cannot predict: reading it throws, naming the task that changed it', () => {
  const store = new FactStore(true);
  store.remember(stat, written, 'root');
  store.apply([{ fact: exists, value: { exists: true } }], BY); // a command's creates: the file exists, its mode nobody knows
  assert.throws(
    () => store.get(stat.key, 'root'),
    (e: unknown) => e instanceof UnknownFactError && /^cannot be predicted: task "a task" \(site\.yaml:3:5\) changes path \/srv\/marker \(file:\/srv\/marker\), which check mode cannot know$/.test(e.message),
  );
});

test('writing a unit file replaces the unit fact; a package install predicts the units it ships', () => {
  const unit = unitFact('nginx.service');
  const notFound = { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false };
  const real = new FactStore(false);
  real.remember(unit, notFound, 'root');
  real.apply([{ fact: fileStat('/etc/systemd/system/nginx.service'), value: written }], BY);
  assert.is(real.has(unit.key, 'root'), false);
  const check = new FactStore(true);
  check.remember(unit, notFound, 'root');
  check.apply([{ touch: { id: 'unit:nginx', prefix: true }, cause: 'installed' }], BY);
  assert.is((check.get(unit.key, 'root') as { active: string }).active, 'active');
});

test('an unpredictable change makes a real run read every fact again and check mode keep its predictions', () => {
  const real = new FactStore(false);
  const check = new FactStore(true);
  for (const store of [real, check]) {
    store.remember(stat, { exists: false }, 'root');
    store.apply([{ unpredictable: true }], BY);
  }
  assert.is(real.has(stat.key, 'root'), false);
  assert.equal(check.get(stat.key, 'root'), { exists: false });
});

test('facts read as the login user and as root are kept apart; a change reaches both', () => {
  const store = new FactStore(false);
  store.remember(stat, { exists: false }, 'login');
  assert.is(store.has(stat.key, 'root'), false, 'root reads it again');
  store.remember(stat, { exists: false }, 'root');
  store.apply([{ fact: stat, value: written }], BY);
  assert.equal([store.get(stat.key, 'login'), store.get(stat.key, 'root')], [written, written]);
  store.remember(exists, { exists: true }, 'login');
  store.apply([{ touch: pathObject('/srv/marker'), cause: 'removed' }], BY);
  assert.equal([store.has(exists.key, 'login'), store.has(stat.key, 'root')], [false, false]);
});

test('missing lists only the facts not yet known', () => {
  const store = new FactStore(false);
  store.remember(stat, { exists: false }, 'root');
  assert.equal(store.missing([stat, exists], 'root').map((s) => s.key), [exists.key]);
});

test('content read through a link is replaced when its target is written: a real run reads it again, check mode takes the written text', () => {
  const link = fileContent('/srv/link');
  const target = fileContent('/srv/target');
  const text = { exists: true, content: 'new\n', unread: null };
  for (const check of [false, true]) {
    const store = new FactStore(check);
    store.remember(link, { exists: true, content: 'old\n', unread: null, via: '/srv/target' }, 'root');
    store.apply([{ fact: target, value: text }], BY);
    if (check) assert.equal(store.get(link.key, 'root'), { ...text, via: '/srv/target' });
    else assert.is(store.has(link.key, 'root'), false);
  }
});

test('check mode gives a file owned by a bare id the name of the account created with that id', () => {
  const store = new FactStore(true);
  store.remember(stat, { ...written, owner: '4711', group: '4711' }, 'root');
  store.apply([{ fact: groupFact('app'), value: { name: 'app', gid: 4711 } }, { touch: ACCOUNT_NAMES, cause: 'accounts' }], BY);
  store.apply([{ fact: userFact('app'), value: { name: 'app', uid: 4711, group: 'app', groups: [], home: null, shell: null } }, { touch: ACCOUNT_NAMES, cause: 'accounts' }], BY);
  assert.equal(store.get(stat.key, 'root'), { ...written, owner: 'app', group: 'app' });
});

test('check mode drops a removed group from the lists of its members', () => {
  const store = new FactStore(true);
  const user = userFact('deploy');
  store.remember(user, { name: 'deploy', uid: 1001, group: 'deploy', groups: ['adm', 'old'], home: '/home/deploy', shell: '/bin/sh' }, 'root');
  store.apply([{ fact: groupFact('old'), value: null }, { touch: ACCOUNT_NAMES, cause: 'accounts' }], BY);
  assert.equal((store.get(user.key, 'root') as { groups: string[] }).groups, ['adm']);
});

test('a path read through a link is gone when the file it leads to is removed', () => {
  const store = new FactStore(true);
  const link = pathExists('/srv/link');
  store.remember(link, { exists: true, via: '/srv/target' }, 'root');
  store.apply([{ touch: pathObject('/srv/target'), cause: 'removed' }], BY);
  assert.equal(store.get(link.key, 'root'), { exists: false, via: '/srv/target' });
});

test('a fact nobody read is an internal error, not a value a planner could take for absent', () => {
  assert.throws(() => new FactStore(false).get(stat.key, 'root'), /internal error .*fact file:\/srv\/marker was not read before planning/);
});

test('a command that ran makes every fact read again, in check mode too', () => {
  const store = new FactStore(true);
  store.remember(stat, written, 'root');
  store.reread();
  assert.is(store.has(stat.key, 'root'), false);
});

test('check mode predicts a path below a home useradd -m makes from /etc/skel: absent unless the skeleton holds it', () => {
  const paths = ['/home/deploy/.ssh', '/home/deploy/.ssh/authorized_keys', '/home/deploy/.bashrc', '/home/deploy/.config', '/home/deploy'];
  const facts = { 'user:deploy': null, 'group:deploy': null, 'skeleton:/etc/skel': ['.bashrc', '.config', '.config/app.conf'] };
  const plan = planWith(userModule, { name: 'deploy' }, facts);
  const store = new FactStore(true);
  for (const path of paths) store.remember(fileStat(path), { exists: false }, 'root');
  store.remember(pathExists('/home/deploy/.ssh'), { exists: false }, 'root');
  store.apply(plan.changes[0].effects ?? [], BY);
  assert.equal(store.get(fileStat('/home/deploy/.ssh').key, 'root'), { exists: false });
  assert.equal(store.get(fileStat('/home/deploy/.ssh/authorized_keys').key, 'root'), { exists: false });
  assert.equal(store.get(pathExists('/home/deploy/.ssh').key, 'root'), { exists: false });
  for (const copied of ['/home/deploy/.bashrc', '/home/deploy/.config', '/home/deploy']) {
    assert.throws(() => store.get(fileStat(copied).key, 'root'), (e: Error) => e instanceof UnknownFactError, copied);
  }
});

test.run();
