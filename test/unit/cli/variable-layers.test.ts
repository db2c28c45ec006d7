// The README's five variable layers, shown by real runs: one variable set at every layer, the
// highest removed in turn, and each run writes the value the next layer down gives it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspace } from '../../support/engine.js';

const BIN = resolve('bin/bc-play.js');

interface Layers {
  group: boolean;
  host: boolean;
  play: boolean;
  extra: boolean;
}

/** A run of a role that writes `layer` to a file, with `layer` set at the layers asked for (role defaults always). */
function layerSeen(set: Layers): string {
  const ws = workspace({
    'roles/layers/defaults.yaml': 'layer: role defaults\n',
    'roles/layers/tasks.yaml': '- name: write the layer\n  copy: { content: "{{ layer }}\\n", dest: "{{ out }}" }\n',
    'inventory.yaml': `all:\n  children:\n    web:\n${set.group ? '      vars: { layer: group vars }\n' : ''}      hosts:\n        localhost: {${set.host ? ' layer: host vars ' : ''}}\n`,
    'playbooks/site.yaml': `- hosts: all\n${set.play ? '  vars: { layer: play vars }\n' : ''}  roles: [layers]\n`,
  });
  try {
    const out = ws.path('out');
    const r = spawnSync(process.execPath, [BIN, 'site', '-e', `out=${out}`, ...(set.extra ? ['-e', '{ layer: extra vars }'] : [])], { cwd: ws.dir, encoding: 'utf8' });
    assert.is(r.status, 0, r.stdout + r.stderr);
    return readFileSync(out, 'utf8').trim();
  } finally {
    ws.remove();
  }
}

test('-e wins over play vars, play vars over host vars, host over group vars, group vars over role defaults', () => {
  const all = { group: true, host: true, play: true, extra: true };
  assert.is(layerSeen(all), 'extra vars');
  assert.is(layerSeen({ ...all, extra: false }), 'play vars');
  assert.is(layerSeen({ ...all, extra: false, play: false }), 'host vars');
  assert.is(layerSeen({ group: true, host: false, play: false, extra: false }), 'group vars');
  assert.is(layerSeen({ group: false, host: false, play: false, extra: false }), 'role defaults');
});

test.run();
