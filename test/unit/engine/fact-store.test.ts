import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FactStore } from '../../../lib/engine/fact-store.js';
import type { FactSpec } from '../../../lib/facts/fact.js';

const unit: FactSpec<string> = { key: 'systemd:nginx', command: 'x', parse: (s) => s, assumeAfterInvalidation: 'active' };
const file: FactSpec<string> = { key: 'file:/etc/x', command: 'x', parse: (s) => s };

test('a change sets the facts it predicts, in check mode and in a real run alike', () => {
  for (const check of [true, false]) {
    const store = new FactStore(check);
    store.remember(file, 'absent');
    store.apply([{ key: 'file:/etc/x', value: 'present' }]);
    assert.is(store.get('file:/etc/x'), 'present');
  }
});

test('a real run drops invalidated facts so they are read again', () => {
  const store = new FactStore(false);
  store.remember(unit, 'not-found');
  store.apply([{ invalidatePrefix: 'systemd:' }]);
  assert.is(store.has('systemd:nginx'), false);
});

test('check mode switches invalidated facts to their assumption and keeps the others', () => {
  const store = new FactStore(true);
  store.remember(unit, 'not-found');
  store.remember(file, 'absent');
  store.apply([{ invalidatePrefix: '' }]);
  assert.is(store.get('systemd:nginx'), 'active');
  assert.is(store.get('file:/etc/x'), 'absent');
});

test('in check mode a fact first read after an invalidation takes its assumption', () => {
  const store = new FactStore(true);
  store.apply([{ invalidatePrefix: 'systemd:' }]);
  store.remember(unit, 'not-found');
  assert.is(store.get('systemd:nginx'), 'active');
});

test('an unpredictable change makes a real run read every fact again and check mode keep its predictions', () => {
  const real = new FactStore(false);
  const check = new FactStore(true);
  for (const store of [real, check]) {
    store.remember(file, 'absent');
    store.apply([{ unpredictable: true }]);
  }
  assert.is(real.has('file:/etc/x'), false);
  assert.is(check.get('file:/etc/x'), 'absent');
});

test('missing lists only the facts not yet known', () => {
  const store = new FactStore(false);
  store.remember(file, 'absent');
  assert.equal(store.missing([file, unit]).map((s) => s.key), ['systemd:nginx']);
});

test.run();
