import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArchiveState } from '../../../lib/facts/archive.js';
import { unarchiveModule } from '../../../lib/modules/unarchive.js';
import { acceptsArgs, checkPlan } from './support/plan-fixture.js';

const ARGS = { src: '/opt/a.tgz', dest: '/opt/a', remote_src: true as const };
const KEY = 'archive:/opt/a.tgz:/opt/a';
const root = { identity: { user: 'root', group: 'root' } };
const tar = (diff: string) => parseArchiveState(ARGS.src, `tar\n./\n./app.conf\n--diff\n${diff}`, 0);

test('unpacks when tar --diff finds a member missing or changed', () => {
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: tar('tar: ./app.conf: Warning: Cannot stat: No such file or directory\n'), ...root }, summaries: ['unpack /opt/a.tgz into /opt/a (1 difference: tar: ./app.conf: Warning: Cannot stat: No such file or directory)'], commands: [["tar --extract -C /opt/a -f /opt/a.tgz"]] });
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: tar('./app.conf: Mod time differs\n./app.conf: Contents differ\n'), ...root }, summaries: ['unpack /opt/a.tgz into /opt/a (1 difference: ./app.conf: Mod time differs)'] });
});

test('a content or size difference alone does not count, as in Ansible; an owner one counts for root only', () => {
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: tar('./app.conf: Size differs\n./app.conf: Contents differ\n'), ...root }, summaries: [], reason: '/opt/a already holds /opt/a.tgz' });
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: tar('./app.conf: Uid differs\n'), identity: { user: 'deploy', group: 'deploy' } }, summaries: [] });
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: tar('./app.conf: Uid differs\n'), ...root }, summaries: ['unpack /opt/a.tgz into /opt/a (1 difference: ./app.conf: Uid differs)'] });
});

test('skips when creates exists, fails on a missing folder', () => {
  const plan = checkPlan(unarchiveModule, { name: 'x', args: { ...ARGS, creates: '/opt/a/bin' }, facts: { [KEY]: tar(''), ...root, 'path:/opt/a/bin': { exists: true } }, summaries: [], reason: 'skipped, since /opt/a/bin exists' });
  assert.ok(plan?.skipped);
  checkPlan(unarchiveModule, { name: 'x', args: ARGS, facts: { [KEY]: { problem: 'no-dest' }, ...root }, throws: /Destination '\/opt\/a' is not a directory/ });
});

test('archives on the controller are refused by the schema', () => {
  assert.not.ok(acceptsArgs(unarchiveModule as never, { src: '/a.tgz', dest: '/a' }));
  assert.ok(acceptsArgs(unarchiveModule as never, ARGS));
});

test.run();
