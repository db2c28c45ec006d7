import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { slurpModule } from '../../../lib/modules/slurp.js';
import { acceptsArgs, checkPlan } from './support/plan-fixture.js';

const P = '/etc/hostname';

test('registers the content as base64, changing nothing', () => {
  const plan = checkPlan(slurpModule, { name: 'x', args: { src: P }, facts: { [`content:${P}`]: { exists: true, content: 'web1\n', unread: null } }, summaries: [] });
  assert.equal(plan?.data, { content: Buffer.from('web1\n').toString('base64'), encoding: 'base64', source: P });
});

test('fails on a missing file', () => {
  checkPlan(slurpModule, { name: 'x', args: { src: P }, facts: { [`content:${P}`]: { exists: false, content: '', unread: null } }, throws: /file not found: \/etc\/hostname/ });
});

test('fails on a directory', () => {
  checkPlan(slurpModule, { name: 'x', args: { src: '/etc' }, facts: { 'content:/etc': { exists: true, content: '', unread: 'not a regular file' } }, throws: /not a regular file/ });
});

test('schema requires src', () => {
  assert.not.ok(acceptsArgs(slurpModule as never, {}));
  assert.ok(acceptsArgs(slurpModule as never, { src: P }));
});

test.run();
