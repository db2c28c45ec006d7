import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { noopMix, noopPlaybook } from '../../../bench/noop-playbooks.js';
import { loadPlaybook } from '../../../lib/playbook/load.js';

type AnsibleTask = Record<string, Record<string, unknown> | string>;

test('the mix cycles file, copy, template, lineinfile, apt', () => {
  assert.equal(noopMix(6), ['file', 'copy', 'template', 'lineinfile', 'apt', 'file']);
});

test("the bc-play playbook passes bc-play's own checks with one task per kind, in order", () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-noop-'));
  try {
    writeFileSync(join(dir, 'play.yaml'), noopPlaybook(noopMix(12), 'bc-play'));
    const play = loadPlaybook(join(dir, 'play.yaml')).plays[0];
    assert.equal(play.tasks.map((t) => t.module), noopMix(12));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Ansible playbook has the same tasks with the same arguments, only the template source differs', () => {
  const kinds = noopMix(10);
  const bc = (parse(noopPlaybook(kinds, 'bc-play')) as Array<{ tasks: AnsibleTask[] }>)[0].tasks;
  const [play] = parse(noopPlaybook(kinds, 'ansible')) as Array<{ gather_facts: boolean; tasks: AnsibleTask[] }>;
  assert.is(play.gather_facts, false);
  assert.is(play.tasks.length, bc.length);
  play.tasks.forEach((task, i) => {
    const module = Object.keys(task).find((k) => k !== 'name')!;
    const ours = bc[i][kinds[i]] as Record<string, unknown>;
    assert.is(module, `ansible.builtin.${kinds[i]}`);
    const theirs = task[module] as Record<string, unknown>;
    if (kinds[i] === 'template') {
      assert.equal([ours.src, theirs.src], ['t.ejs', 't.j2']);
      assert.equal({ ...theirs, src: 'same' }, { ...ours, src: 'same' });
    } else assert.equal(theirs, ours);
  });
});

test('every host works in its own directory, which the first task creates', () => {
  const [play] = parse(noopPlaybook(noopMix(3), 'bc-play')) as Array<{ tasks: AnsibleTask[] }>;
  assert.equal(play.tasks[0].file, { path: '{{ root }}/{{ inventory_hostname }}', state: 'directory', mode: '0755' });
  assert.ok((play.tasks[1].copy as { dest: string }).dest.startsWith('{{ root }}/{{ inventory_hostname }}/'));
});

test.run();
