import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getUrlModule } from '../../../lib/modules/get-url.js';
import { checkPlan } from './support/plan-fixture.js';

const URL = 'https://example.org/t.tgz';
const D = '/opt/t.tgz';
const SHA = 'a'.repeat(64);
const who = { identity: { user: 'root', group: 'root' } };
const file = (sha256: string) => ({ [`file:${D}`]: { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 3, sha256 } });
const remote = (value: unknown) => ({ [`url:${URL}:--connect-timeout 10:${D}`]: value });

test('downloads a missing file, checking its checksum before it replaces dest', () => {
  checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D, checksum: `sha256:${SHA}` }, facts: { [`file:${D}`]: { exists: false }, ...who }, summaries: [`download ${URL} to ${D} (mode 0644, owner root:root)`], commands: [['curl -fsSL', `!= ${SHA}`, 'mv -f']] });
});

test('keeps a file that has the checksum, without downloading', () => {
  checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D, checksum: `sha256:${SHA.toUpperCase()}` }, facts: { ...file(SHA), ...who }, summaries: [], reason: /already has sha256/ });
});

test('keeps a file that holds what the URL serves, replaces one that does not', () => {
  checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D }, facts: { ...file(SHA), ...who, ...remote({ dest: 'present', status: 200, sha256: SHA }) }, summaries: [], reason: /already holds/ });
  checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D }, facts: { ...file(SHA), ...who, ...remote({ dest: 'present', status: 304 }) }, summaries: [], reason: /not modified/ });
  checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D }, facts: { ...file(SHA), ...who, ...remote({ dest: 'present', status: 200, sha256: 'b'.repeat(64) }) }, summaries: [`download ${URL} to ${D} (the URL serves other content) (mode 0644, owner root:root)`] });
});

test('registers what curl reports of the download', () => {
  const plan = checkPlan(getUrlModule, { name: 'x', args: { url: URL, dest: D }, facts: { [`file:${D}`]: { exists: false }, ...who, ...remote({ dest: 'missing' }) }, summaries: [`download ${URL} to ${D} (mode 0644, owner root:root)`] });
  assert.equal(plan?.changes[0].result?.({ rc: 0, stdout: '200 3 abc\n', stderr: '' }), { status_code: 200, checksum_src: 'abc', msg: 'OK (3 bytes)' });
});

test.run();
