import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInventoryText } from '../../../lib/inventory/load.js';
import { builtinVars, groupNamesOf, groupVarsFor, hostVarsFor, mergeVars, VARIABLE_LAYERS, type VarLayers } from '../../../lib/inventory/vars.js';

const inventory = parseInventoryText(
  `
all:
  vars:
    tier: any
    region: fra1
  children:
    production:
      vars:
        tier: production
        backup: daily
      children:
        frontend:
          vars:
            tier: frontend
          hosts:
            web1:
              region: ams3
    monitored:
      vars:
        backup: hourly
        tier: monitored
      hosts:
        web1:
        db1:
    alerting:
      vars:
        backup: never
      hosts:
        db1:
`,
  'inventory.yaml',
);

const layered: Required<VarLayers> = {
  roleDefaults: { v: 'role defaults', a: 'role defaults' },
  group: { v: 'group', a: 'group', b: 'group' },
  host: { v: 'host', a: 'host', b: 'host', c: 'host' },
  play: { v: 'play', a: 'play', b: 'play', c: 'play', d: 'play' },
  extra: { v: 'extra' },
};

const winners: Array<[string, Array<keyof VarLayers>, string]> = [
  ['extra vars win over every other layer', ['roleDefaults', 'group', 'host', 'play', 'extra'], 'extra'],
  ['play vars win over host vars', ['roleDefaults', 'group', 'host', 'play'], 'play'],
  ['host vars win over group vars', ['roleDefaults', 'group', 'host'], 'host'],
  ['group vars win over role defaults', ['roleDefaults', 'group'], 'group'],
  ['role defaults apply when nothing else sets the variable', ['roleDefaults'], 'role defaults'],
  ['a lower layer applies when the higher ones are missing', ['roleDefaults', 'extra'], 'extra'],
];

for (const [sentence, present, winner] of winners) {
  test(sentence, () => {
    const layers = Object.fromEntries(present.map((name) => [name, layered[name]])) as VarLayers;
    assert.is(mergeVars(layers).v, winner);
  });
}

test('merges each variable from the highest layer that sets it', () => {
  assert.equal(mergeVars(layered), { v: 'extra', a: 'play', b: 'play', c: 'play', d: 'play' });
});

test('replaces a mapping whole instead of merging its keys', () => {
  assert.equal(mergeVars({ roleDefaults: { db: { host: 'localhost', port: 5432 } }, host: { db: { host: 'db1' } } }), { db: { host: 'db1' } });
});

test('documents the layers in the order mergeVars applies them', () => {
  assert.equal(
    VARIABLE_LAYERS.map((l) => l.layer),
    ['roleDefaults', 'group', 'host', 'play', 'extra'],
  );
  assert.equal(
    VARIABLE_LAYERS.map((l) => l.name),
    ['role defaults', 'group vars', 'host vars', 'play vars / role params', 'extra vars'],
  );
});

test('ranks a child group above its parent and all', () => {
  assert.equal(groupVarsFor(inventory, 'web1'), { tier: 'frontend', region: 'fra1', backup: 'daily' });
});

test('breaks ties between groups of the same depth by name', () => {
  // alerting and monitored both sit right under all: monitored, later by name, wins.
  assert.equal(groupVarsFor(inventory, 'db1'), { tier: 'monitored', region: 'fra1', backup: 'hourly' });
});

test('ranks a deeper group above a shallower one whatever their names', () => {
  // For web1, frontend (depth 2) wins over monitored (depth 1) though "frontend" sorts first.
  assert.is(groupVarsFor(inventory, 'web1').tier, 'frontend');
});

test('gives host vars as written under the host, as a copy', () => {
  const vars = hostVarsFor(inventory, 'web1');
  vars.region = 'changed';
  assert.equal(hostVarsFor(inventory, 'web1'), { region: 'ams3' });
});

test('names the groups of a host, through parents, sorted, without all', () => {
  assert.equal(groupNamesOf(inventory, 'web1'), ['frontend', 'monitored', 'production']);
  assert.equal(groupNamesOf(inventory, 'db1'), ['alerting', 'monitored']);
});

test('gives every host its name, its groups, the hosts of every group and whether check mode is on', () => {
  assert.is(builtinVars(inventory, 'db1', true).ansible_check_mode, true);
  assert.equal(builtinVars(inventory, 'db1', false), {
    inventory_hostname: 'db1',
    ansible_check_mode: false,
    group_names: ['alerting', 'monitored'],
    groups: {
      all: ['web1', 'db1'],
      ungrouped: [],
      production: ['web1'],
      frontend: ['web1'],
      monitored: ['web1', 'db1'],
      alerting: ['db1'],
    },
  });
});

test.run();
