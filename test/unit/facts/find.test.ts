import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseListing } from '../../../lib/facts/find.js';

// What `find -printf` prints for a folder: sub/x is found before b.log, as GNU find walks depth-first.
const row = (type: string, rel: string) => `${type}|${type}|644|0|1001|root|1001|1|1|2|1|1000|1000|1000|${rel}\0`;
const LISTED = `2000.5\ndirectory\n${row('f', 'a.log')}${row('d', 'sub')}${row('f', 'sub/x.log')}${row('f', 'b.log')}${row('f', '.h.log')}`;

test('lists entries in os.walk order: a folder\'s files, then its folders, then what they hold', () => {
  const listing = parseListing('/srv/logs', LISTED, 0, false);
  assert.ok(listing.directory);
  if (listing.directory) assert.equal(listing.entries.map((e) => e.rel), ['a.log', 'b.log', '.h.log', 'sub', 'sub/x.log']);
});

test('an id without a name reads as "", as Python gives it; grep results mark the files holding the pattern', () => {
  const listing = parseListing('/srv/logs', `${LISTED}\ncontains\nsub/x.log\0`, 0, true);
  assert.ok(listing.directory);
  if (!listing.directory) return;
  assert.equal([listing.entries[0].pw_name, listing.entries[0].gr_name], ['root', '']);
  assert.equal(listing.entries.map((e) => e.contains), [false, false, false, undefined, true]);
});

test('a path that is no folder is said so; a failed listing is an error', () => {
  assert.equal(parseListing('/x', '2000.5\nother\n', 0, false), { directory: false, now: 2000.5 });
  assert.throws(() => parseListing('/x', '', 1, false), /cannot list \/x/);
});

test.run();
