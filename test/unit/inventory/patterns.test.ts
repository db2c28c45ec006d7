import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInventoryText } from '../../../lib/inventory/load.js';
import { matchHosts } from '../../../lib/inventory/patterns.js';
import { errorOf } from './support.js';

const inventory = parseInventoryText(
  `
all:
  children:
    production:
      children:
        web:
          hosts:
            web1:
            web2:
        db:
          hosts:
            db1:
    staging:
      hosts:
        web3:
        db2:
    backups:
      hosts:
        db1:
        db2:
  hosts:
    localhost:
`,
  'inventory.yaml',
);

const matches: Array<[string, string[]]> = [
  ['all', ['web1', 'web2', 'db1', 'web3', 'db2', 'localhost']],
  ['*', ['web1', 'web2', 'db1', 'web3', 'db2', 'localhost']],
  ['web1', ['web1']],
  ['web', ['web1', 'web2']],
  ['production', ['web1', 'web2', 'db1']],
  ['ungrouped', ['localhost']],
  ['web*', ['web1', 'web2', 'web3']],
  ['db?', ['db1', 'db2']],
  ['*ing', ['web3', 'db2']],
  ['db1,web1', ['web1', 'db1']],
  ['db1:web1', ['web1', 'db1']],
  ['web, db', ['web1', 'web2', 'db1']],
  ['web:web1', ['web1', 'web2']],
  ['production:&backups', ['db1']],
  ['web*:&staging', ['web3']],
  ['all:!production', ['web3', 'db2', 'localhost']],
  ['!localhost', ['web1', 'web2', 'db1', 'web3', 'db2']],
  ['&backups', ['db1', 'db2']],
  ['!web1:web', ['web2']],
  ['&staging,web*,db*', ['web3', 'db2']],
  ['production:staging:&backups:!db2', ['db1']],
  ['web:&db', []],
  // Subscripts and regular expressions, as `ansible-playbook --list-hosts` picks them (slices include their end).
  ['web[0]', ['web1']],
  ['web[-1]', ['web2']],
  ['production[1:]', ['web2', 'db1']],
  ['production[0:1]', ['web1', 'web2']],
  ['production[:0]', ['web1']],
  ['web[1:]:db2', ['web2', 'db2']],
  ['all:!web[0]', ['web2', 'db1', 'web3', 'db2', 'localhost']],
  ['~web[12]', ['web1', 'web2']],
  ['~(db|web)1', ['web1', 'db1']],
];

for (const [pattern, hosts] of matches) {
  test(`"${pattern}" matches ${hosts.join(', ') || 'no host'}`, () => {
    assert.equal(matchHosts(inventory, pattern), hosts);
  });
}


const existing = '  hint: groups: all, ungrouped, production, web, db, staging, backups; hosts: web1, web2, db1, web3, db2, localhost';

const failures: Array<[string, string]> = [
  ['webb', `host pattern "webb" matches no group or host\n${existing}`],
  ['web,dbb', `host pattern "dbb" (in "web,dbb") matches no group or host\n${existing}`],
  ['web:&prod', `host pattern "prod" (in "web:&prod") matches no group or host\n${existing}`],
  ['all:!web9', `host pattern "web9" (in "all:!web9") matches no group or host\n${existing}`],
  ['cache*', `host pattern "cache*" matches no group or host\n${existing}`],
  [' , ', 'empty host pattern " , "\n  hint: use "all", or name groups and hosts'],
];

for (const [pattern, message] of failures) {
  test(`refuses "${pattern}" naming what exists`, () => {
    assert.fixture(errorOf(() => matchHosts(inventory, pattern)), message);
  });
}

test('points a pattern error at the place the pattern was written', () => {
  const where = { file: 'site.yaml', line: 2, col: 10, source: '  hosts: webz' };
  assert.fixture(
    errorOf(() => matchHosts(inventory, 'webz', where)),
    ['site.yaml:2:10: host pattern "webz" matches no group or host', '  2 |   hosts: webz', '    |          ^', existing].join('\n'),
  );
});

test('lists no hosts for an inventory without any', () => {
  const empty = parseInventoryText('all:\n  children:\n    web:\n', 'inventory.yaml');
  assert.equal(matchHosts(empty, 'web'), []);
  assert.is(
    errorOf(() => matchHosts(empty, 'db')),
    'host pattern "db" matches no group or host\n  hint: groups: all, ungrouped, web; hosts: (none)',
  );
});

test.run();
