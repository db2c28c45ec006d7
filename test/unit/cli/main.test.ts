// The bc-play command as a user runs it: exit codes, where messages go, what is printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { workspace } from '../../support/engine.js';

const BIN = resolve('bin/bc-play.js');

function bcPlay(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = {
  'inventory.yaml': 'all:\n  hosts:\n    localhost: {}\n',
  'playbooks/site.yaml': '- name: local\n  hosts: all\n  tasks:\n    - name: greet\n      copy: { content: "{{ secret(\'token\') }}\\n", dest: "{{ out }}" }\n      tags: [greet]\n',
};

test('--syntax-check validates and contacts nothing', () => {
  const ws = workspace(files);
  try {
    const r = bcPlay(['site', '--syntax-check', '-e', `out=${ws.path('x')}`], ws.dir);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /syntax OK/);
  } finally {
    ws.remove();
  }
});

test('--list-tasks shows tasks with their tags', () => {
  const ws = workspace(files);
  try {
    const r = bcPlay(['site', '--list-tasks', '-e', `out=${ws.path('x')}`], ws.dir);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /greet\tTAGS: \[greet\]/);
  } finally {
    ws.remove();
  }
});

test('--list-hosts shows the hosts of each play after --limit', () => {
  const ws = workspace({ ...files, 'inventory.yaml': 'all:\n  hosts:\n    localhost: {}\n    other: { connection: local }\n' });
  try {
    const r = bcPlay(['site', '--list-hosts', '-l', 'other', '-e', `out=${ws.path('x')}`], ws.dir);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /hosts \(1\):\n {6}other\n/);
  } finally {
    ws.remove();
  }
});

test('invalid input exits 6 with the location on stderr and nothing on stdout', () => {
  const ws = workspace({ ...files, 'playbooks/bad.yaml': '- hosts: all\n  tasks:\n    - aptt: {}\n' });
  try {
    const r = bcPlay(['bad'], ws.dir);
    assert.is(r.code, 6);
    assert.is(r.stdout, '');
    assert.match(r.stderr, /^playbooks\/bad\.yaml:3:7: unknown module "aptt"/);
  } finally {
    ws.remove();
  }
});

test('bad options exit 5', () => {
  assert.is(bcPlay(['site', '--frobnicate'], process.cwd()).code, 5);
});

test('a generated secret lands on the host but never in the output, and is stored 0600', () => {
  const ws = workspace(files);
  try {
    const r = bcPlay(['site', '-D', '-v', '-e', `out=${ws.path('x')}`], ws.dir);
    assert.is(r.code, 0, r.stderr);
    const value = spawnSync('cat', [ws.path('x')], { encoding: 'utf8' }).stdout.trim();
    assert.ok(value.length >= 43, 'a 32-byte secret');
    assert.not.match(r.stdout + r.stderr, value);
    assert.match(r.stdout, /\*{8}/);
    const mode = spawnSync('stat', ['-c', '%a', ws.path('.bc-play/secrets.yaml')], { encoding: 'utf8' }).stdout.trim();
    assert.is(mode, '600');
  } finally {
    ws.remove();
  }
});

test.run();
