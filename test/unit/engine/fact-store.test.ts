import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactStore } from '../../../lib/engine/fact-store.js';
import type { FactSpec } from '../../../lib/facts/fact.js';

const unit: FactSpec<string> = { key: 'systemd:nginx', command: 'x', parse: (s) => s, assumeAfterInvalidation: 'active' };
const file: FactSpec<string> = { key: 'file:/etc/x', command: 'x', parse: (s) => s };

test('a change sets the facts it predicts, in check mode and in a real run alike', () => {
  for (const check of [true, false]) {
    const store = new FactStore(check);
    store.remember(file, 'absent', 'root');
    store.apply([{ key: 'file:/etc/x', value: 'present' }]);
    assert.is(store.get('file:/etc/x', 'root'), 'present');
  }
});

test('a real run drops invalidated facts so they are read again', () => {
  const store = new FactStore(false);
  store.remember(unit, 'not-found', 'root');
  store.apply([{ invalidatePrefix: 'systemd:' }]);
  assert.is(store.has('systemd:nginx', 'root'), false);
});

test('check mode switches invalidated facts to their assumption and keeps the others', () => {
  const store = new FactStore(true);
  store.remember(unit, 'not-found', 'root');
  store.remember(file, 'absent', 'root');
  store.apply([{ invalidatePrefix: '' }]);
  assert.is(store.get('systemd:nginx', 'root'), 'active');
  assert.is(store.get('file:/etc/x', 'root'), 'absent');
});

test('in check mode a fact first read after an invalidation takes its assumption', () => {
  const store = new FactStore(true);
  store.apply([{ invalidatePrefix: 'systemd:' }]);
  store.remember(unit, 'not-found', 'root');
  assert.is(store.get('systemd:nginx', 'root'), 'active');
});

test('an unpredictable change makes a real run read every fact again and check mode keep its predictions', () => {
  const real = new FactStore(false);
  const check = new FactStore(true);
  for (const store of [real, check]) {
    store.remember(file, 'absent', 'root');
    store.apply([{ unpredictable: true }]);
  }
  assert.is(real.has('file:/etc/x', 'root'), false);
  assert.is(check.get('file:/etc/x', 'root'), 'absent');
});

test('facts read as the login user and as root are kept apart; a change reaches both', () => {
  const store = new FactStore(false);
  store.remember(file, 'unreadable', 'login');
  assert.is(store.has('file:/etc/x', 'root'), false, 'root reads it again');
  store.remember(file, 'absent', 'root');
  store.apply([{ key: 'file:/etc/x', value: 'present' }]);
  assert.equal([store.get('file:/etc/x', 'login'), store.get('file:/etc/x', 'root')], ['present', 'present']);
  store.apply([{ invalidatePrefix: 'file:' }]);
  assert.equal([store.has('file:/etc/x', 'login'), store.has('file:/etc/x', 'root')], [false, false]);
});

test('missing lists only the facts not yet known', () => {
  const store = new FactStore(false);
  store.remember(file, 'absent', 'root');
  assert.equal(store.missing([file, unit], 'root').map((s) => s.key), ['systemd:nginx']);
});

test.run();
