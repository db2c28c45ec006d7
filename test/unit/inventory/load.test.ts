import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInventory, parseInventoryText } from '../../../lib/inventory/load.js';
import { errorOf } from './support.js';

// Locations are shown relative to the working directory: run from the repository root.
process.chdir(fileURLToPath(new URL('../../../../', import.meta.url)));
const fixture = (name: string) => `test/fixtures/inventory/${name}.yaml`;

const fromText = (text: string) => () => parseInventoryText(text, 'inventory.yaml');

test('loads the fleet with its hosts in file order', () => {
  const inventory = loadInventory(fixture('fleet'));
  assert.is(inventory.file, 'test/fixtures/inventory/fleet.yaml');
  assert.equal([...inventory.hosts.keys()], ['edge1', 'app1', 'db1', 'stage1', 'localhost']);
});

test('builds each group with its direct hosts and children', () => {
  const inventory = loadInventory(fixture('fleet'));
  const groups = [...inventory.groups.values()].map((g) => [g.name, g.hosts, g.children]);
  assert.equal(groups, [
    ['all', ['localhost'], ['production', 'staging', 'monitored', 'ungrouped']],
    ['ungrouped', ['localhost'], []],
    ['production', [], ['edge', 'vertical', 'infra']],
    ['edge', ['edge1'], []],
    ['vertical', ['app1'], []],
    ['infra', ['db1'], []],
    ['staging', ['stage1'], []],
    ['monitored', ['edge1', 'db1'], []],
  ]);
});

test('keeps group variables on the group', () => {
  const inventory = loadInventory(fixture('fleet'));
  assert.equal(inventory.groups.get('all')!.vars, { ssh_user: 'deploy', timezone: 'UTC' });
  assert.equal(inventory.groups.get('edge')!.vars, { nginx_workers: 2 });
});

test('merges the variables of a host listed in several groups', () => {
  const inventory = loadInventory(fixture('fleet'));
  assert.equal(inventory.hosts.get('db1')!.vars, { address: '203.0.113.12', private_address: '10.10.0.4', backup: true });
});

test('remembers where a host was first written', () => {
  const inventory = loadInventory(fixture('fleet'));
  assert.equal(inventory.hosts.get('db1')!.location, {
    file: 'test/fixtures/inventory/fleet.yaml',
    line: 25,
    col: 13,
    source: '            db1:',
  });
});

test('makes top-level groups children of all when there is no all', () => {
  const inventory = parseInventoryText('web:\n  hosts:\n    web1:\ndb:\n  hosts:\n    db1:\n', 'inventory.yaml');
  assert.equal(inventory.groups.get('all')!.children, ['web', 'db', 'ungrouped']);
  assert.equal(inventory.groups.get('ungrouped')!.hosts, []);
});

test('puts hosts listed only under all into ungrouped', () => {
  const inventory = parseInventoryText('all:\n  hosts:\n    a:\n    b:\n  children:\n    web:\n      hosts:\n        b:\n', 'inventory.yaml');
  assert.equal(inventory.groups.get('ungrouped')!.hosts, ['a']);
});

test('merges the hosts and children of a group written in two places', () => {
  const inventory = parseInventoryText(
    'prod:\n  children:\n    web:\n      hosts:\n        web1:\nstaging:\n  children:\n    web:\n      hosts:\n        web2:\n',
    'inventory.yaml',
  );
  assert.equal(inventory.groups.get('web')!.hosts, ['web1', 'web2']);
  assert.equal(inventory.groups.get('all')!.children, ['prod', 'staging', 'ungrouped']);
});

test('accepts a variable set twice to the same value', () => {
  const inventory = parseInventoryText('a:\n  hosts:\n    x:\n      p: [1]\nb:\n  hosts:\n    x:\n      p: [1]\n', 'inventory.yaml');
  assert.equal(inventory.hosts.get('x')!.vars, { p: [1] });
});

const refusals: Array<[string, string, string]> = [
  [
    'a host variable set to different values in two groups',
    'a:\n  hosts:\n    x:\n      port: 80\nb:\n  hosts:\n    x:\n      port: 8080\n',
    [
      'inventory.yaml:8:7: host "x": variable "port" is set to different values: 80 at inventory.yaml:4:7 and 8080 here',
      '  8 |       port: 8080',
      '    |       ^',
      '  hint: a host or group written in several places gets the variables of every place; set the variable once',
    ].join('\n'),
  ],
  [
    'a group variable set to different values in two places',
    'a:\n  children:\n    web:\n      vars:\n        tier: front\nb:\n  children:\n    web:\n      vars:\n        tier: back\n',
    [
      'inventory.yaml:10:9: group "web": variable "tier" is set to different values: "front" at inventory.yaml:5:9 and "back" here',
      '  10 |         tier: back',
      '     |         ^',
      '  hint: a host or group written in several places gets the variables of every place; set the variable once',
    ].join('\n'),
  ],
  [
    'a host with the name of a group',
    'web:\n  hosts:\n    db:\ndb:\n  hosts:\n    db1:\n',
    [
      'inventory.yaml:3:5: host "db" has the same name as a group (at inventory.yaml:4:1)',
      '  3 |     db:',
      '    |     ^',
      '  hint: rename the host or the group: a host pattern could not tell them apart',
    ].join('\n'),
  ],
  [
    'a host named like a built-in group',
    'all:\n  hosts:\n    ungrouped:\n',
    [
      'inventory.yaml:3:5: host "ungrouped" has the same name as a built-in group',
      '  3 |     ungrouped:',
      '    |     ^',
      '  hint: rename the host or the group: a host pattern could not tell them apart',
    ].join('\n'),
  ],
  [
    'a group that is its own child',
    'all:\n  children:\n    web:\n      children:\n        web:\n',
    [
      'inventory.yaml:5:9: groups form a cycle: web → web',
      '  5 |         web:',
      '    |         ^',
      '  hint: remove "web" from the children of "web"',
    ].join('\n'),
  ],
  [
    'a group that contains all',
    'web:\n  children:\n    all:\n',
    [
      'inventory.yaml:3:5: groups form a cycle: all → web → all',
      '  3 |     all:',
      '    |     ^',
      '  hint: remove "all" from the children of "web"',
    ].join('\n'),
  ],
  [
    'a host name that host patterns would split',
    'all:\n  hosts:\n    web1:\n    "web:2":\n',
    [
      'inventory.yaml:4:5: inventory: "all.hosts" has an invalid name "web:2": it must match pattern "^[A-Za-z0-9_][A-Za-z0-9_.-]*$"',
      '  4 |     "web:2":',
      '    |     ^',
    ].join('\n'),
  ],
  [
    'a variable name that expressions could not use',
    'all:\n  vars:\n    ok: 1\n    max-conn: 5\n',
    [
      'inventory.yaml:4:5: inventory: "all.vars" has an invalid name "max-conn": it must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"',
      '  4 |     max-conn: 5',
      '    |     ^',
    ].join('\n'),
  ],
  [
    'an unknown key in a group',
    'all:\n  host:\n    web1:\n',
    ['inventory.yaml:2:3: inventory: unknown key "host" in "all"', '  2 |   host:', '    |   ^'].join('\n'),
  ],
  [
    'host variables that are not a mapping',
    'all:\n  hosts:\n    web1: 203.0.113.10\n',
    [
      'inventory.yaml:3:11: inventory: "all.hosts.web1" must be an object or null',
      '  3 |     web1: 203.0.113.10',
      '    |           ^',
    ].join('\n'),
  ],
  [
    'a file that is a list',
    '- web1\n',
    ['inventory.yaml:1:1: inventory: the top level must be an object', '  1 | - web1', '    | ^'].join('\n'),
  ],
  ['an empty file', '', ['inventory.yaml:1:1: inventory: the top level must be an object', '  1 | ', '    | ^'].join('\n')],
];

for (const [what, text, expected] of refusals) {
  test(`refuses ${what}`, () => {
    assert.fixture(errorOf(fromText(text)), expected);
  });
}

const fileErrors: Array<[string, string, string[]]> = [
  [
    'a cycle of groups at the child that closes it',
    'cycle',
    [
      'test/fixtures/inventory/cycle.yaml:10:9: groups form a cycle: web → frontends → web',
      '  10 |         web:',
      '     |         ^',
      '  hint: remove "web" from the children of "frontends"',
    ],
  ],
  [
    'a YAML syntax error at its line and column',
    'syntax-error',
    [
      'test/fixtures/inventory/syntax-error.yaml:5:1: YAML syntax error: All mapping items must start at the same column',
      '  5 |      web2:',
      '    | ^',
      '  hint: fix the YAML syntax at this place',
    ],
  ],
  [
    'hosts given as a list at the list',
    'hosts-as-list',
    [
      'test/fixtures/inventory/hosts-as-list.yaml:5:9: inventory: "all.children.web.hosts" must be an object',
      '  5 |         - web1',
      '    |         ^',
    ],
  ],
  ['a missing file by name', 'missing', ['cannot read test/fixtures/inventory/missing.yaml: ENOENT']],
];

for (const [what, name, expected] of fileErrors) {
  test(`reports ${what}`, () => {
    assert.fixture(errorOf(() => loadInventory(fixture(name))), expected.join('\n'));
  });
}

test.run();
