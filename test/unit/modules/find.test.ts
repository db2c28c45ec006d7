import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseListing } from '../../../lib/facts/find.js';
import { findModule } from '../../../lib/modules/find.js';
import { acceptsArgs, checkPlan } from './support/plan-fixture.js';

// What `find -printf` prints for a folder: sub/x is found before b.log, as GNU find walks depth-first.
const row = (type: string, rel: string, size = 1, mtime = 1000) => `${type}|${type}|644|0|0|root|root|${size}|1|2|1|${mtime}|${mtime}|${mtime}|${rel}\0`;
const LISTED = `2000.5\ndirectory\n${row('f', 'a.log', 10)}${row('d', 'sub')}${row('f', 'sub/x.log')}${row('f', 'b.log', 2, 1900)}${row('f', '.h.log')}`;
const KEY = 'find:/srv/logs:1:l:';

test('registers the files whose names match, leaving hidden ones out, with Ansible\'s fields', () => {
  const plan = checkPlan(findModule, { name: 'x', args: { paths: '/srv/logs', patterns: '*.log' }, facts: { [KEY]: parseListing('/srv/logs', LISTED, 0, false) }, summaries: [] });
  const files = plan?.data?.files as Array<Record<string, unknown>>;
  assert.equal(files.map((f) => f.path), ['/srv/logs/a.log', '/srv/logs/b.log', '/srv/logs/sub/x.log']);
  assert.equal([files[0].mode, files[0].isreg, files[0].pw_name, files[0].size], ['0644', true, 'root', 10]);
  assert.is(plan?.data?.matched, 3);
  assert.is(plan?.data?.msg, 'All paths examined');
});

test('age and size compare with the host\'s clock and the file\'s bytes', () => {
  const facts = { [KEY]: parseListing('/srv/logs', LISTED, 0, false) };
  const young = checkPlan(findModule, { name: 'x', args: { paths: '/srv/logs', age: '-5m' }, facts, summaries: [] });
  assert.equal((young?.data?.files as Array<{ path: string }>).map((f) => f.path), ['/srv/logs/b.log']);
  const big = checkPlan(findModule, { name: 'x', args: { paths: '/srv/logs', size: '5' }, facts, summaries: [] });
  assert.equal((big?.data?.files as Array<{ path: string }>).map((f) => f.path), ['/srv/logs/a.log']);
});

test('a path that is no folder is skipped with Ansible\'s warning', () => {
  const plan = checkPlan(findModule, { name: 'x', args: { paths: '/etc/passwd' }, facts: { 'find:/etc/passwd:1:l:': { directory: false, now: 1 } }, summaries: [] });
  assert.is(plan?.data?.msg, 'Not all paths examined, check warnings for details');
  assert.equal(plan?.data?.skipped_paths, { '/etc/passwd': "'/etc/passwd' is not a directory" });
  assert.equal(plan?.warnings?.length, 1);
});

test('schema refuses an age Ansible cannot read', () => {
  assert.not.ok(acceptsArgs(findModule as never, { paths: '/x', age: '3 days' }));
  assert.ok(acceptsArgs(findModule as never, { paths: ['/x'], age: '3d', size: '-10k' }));
});

test.run();
