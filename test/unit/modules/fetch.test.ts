import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFileBytes } from '../../../lib/facts/file-bytes.js';
import { fetchModule } from '../../../lib/modules/fetch.js';
import { checkPlan } from './support/plan-fixture.js';

const bytes = (text: string) => parseFileBytes('/etc/x', `file\n${Buffer.from(text).toString('base64')}\n`, 0);

test('copies the file to DEST/HOST/SRC on the controller, as Ansible lays it out', () => {
  const plan = checkPlan(fetchModule, { name: 'x', args: { src: '/etc/x', dest: '/backups' }, facts: { 'bytes:/etc/x': bytes('hi\n') }, summaries: ['copy /etc/x (3 bytes) to /backups/web1/etc/x on the controller'] });
  assert.equal(plan?.changes[0].controllerWrite, { path: '/backups/web1/etc/x', content: Buffer.from('hi\n') });
  assert.is(plan?.changes[0].command, undefined);
});

test('keeps a controller copy that holds the same bytes; flat with a trailing slash adds the name', () => {
  checkPlan(fetchModule, { name: 'x', args: { src: '/etc/x', dest: '/out/', flat: true }, facts: { 'bytes:/etc/x': bytes('hi\n') }, files: { '/out/x': 'hi\n' }, summaries: [], reason: '/out/x on the controller already holds /etc/x' });
});

test('a missing file fails, or is ok with fail_on_missing: false', () => {
  checkPlan(fetchModule, { name: 'x', args: { src: '/etc/x', dest: '/out' }, facts: { 'bytes:/etc/x': { kind: 'missing' } }, throws: /does not exist, not transferring/ });
  checkPlan(fetchModule, { name: 'x', args: { src: '/etc/x', dest: '/out', fail_on_missing: false }, facts: { 'bytes:/etc/x': { kind: 'missing' } }, summaries: [], reason: /ignored/ });
});

test('binary files keep their bytes', () => {
  const raw = Buffer.from([0, 255, 10, 13]);
  assert.equal(parseFileBytes('/b', `file\n${raw.toString('base64')}\n`, 0), { kind: 'file', bytes: raw });
});

test.run();
