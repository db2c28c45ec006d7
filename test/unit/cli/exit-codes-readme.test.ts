// The README's exit-code table is the code's (lib/cli/exit-codes.ts), and the real binary ends
// with the codes a user meets: 4 for an unreachable host, 6 for invalid input, 1 for a bug.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT_CODES } from '../../../lib/cli/exit-codes.js';
import { workspace } from '../../support/engine.js';

const BIN = resolve('bin/bc-play.js');

test("the README's exit-code table lists every code with the meaning the code gives it, in order", () => {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('A failure outranks an unreachable host'));
  const rows = table
    .split('\n')
    .map((line) => /^\| (\d+) \| (.+) \|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: Number(m[1]), meaning: m[2].replace(/\*\*/g, '').replace(/ — .*$/, '') }));
  assert.equal(rows, EXIT_CODES.map((e) => ({ code: e.code, meaning: e.meaning })));
});

test('a run whose only host refuses the connection exits 4 and says the host was unreachable', () => {
  const ws = workspace({
    // port 1 on loopback: nothing listens there, the connection is refused at once
    'inventory.yaml': 'all:\n  hosts:\n    gone: { address: 127.0.0.1, ssh_port: 1 }\n',
    'playbooks/site.yaml': '- hosts: all\n  tasks:\n    - name: touch\n      file: { path: /tmp/never, state: touch }\n',
  });
  try {
    const r = spawnSync(process.execPath, [BIN, 'site'], { cwd: ws.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is(r.status, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /fatal: \[gone\]: UNREACHABLE!/);
    assert.match(r.stdout, /gone : ok=0 {2}changed=0 {2}unreachable=1 {2}failed=0/);
  } finally {
    ws.remove();
  }
});

test('--check with an unreachable host exits 4 and says the check is incomplete, never "no changes pending"', () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    here: { connection: local }\n    gone: { address: 127.0.0.1, ssh_port: 1 }\n',
    'playbooks/site.yaml': '- hosts: all\n  tasks:\n    - name: look\n      debug: { msg: hi }\n',
  });
  try {
    const r = spawnSync(process.execPath, [BIN, 'site', '--check'], { cwd: ws.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is(r.status, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /Check mode: incomplete, 1 host unreachable; no changes pending on the others; nothing was changed\./);
    assert.not.match(r.stdout, /^Check mode: no changes pending/m);
  } finally {
    ws.remove();
  }
});

test("a typo in a role's schema.yaml exits 6 at the key's line and column, before any host", () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    gone: { address: 127.0.0.1, ssh_port: 1 }\n',
    'playbooks/site.yaml': '- hosts: all\n  roles: [app]\n',
    'roles/app/tasks.yaml': '- debug: { msg: hi }\n',
    'roles/app/schema.yaml': 'type: object\nproperties:\n  port: { type: integr }\n',
  });
  try {
    const r = spawnSync(process.execPath, [BIN, 'site'], { cwd: ws.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is(r.status, 6, r.stdout + r.stderr);
    assert.match(r.stderr, /^roles\/app\/schema\.yaml:3:17: schema of role app: "properties\.port\.type" must be one of: array, boolean, integer, null, number, object, string/);
    assert.not.match(r.stdout + r.stderr, /gone|internal error/);
  } finally {
    ws.remove();
  }
});

/** Load hooks that make the debug module throw a TypeError as it loads: a bug, as a user would meet one. */
const FAULTY_MODULE = {
  'hook.mjs': "import { register } from 'node:module';\nregister('./loader.mjs', import.meta.url);\n",
  'loader.mjs': [
    'export async function load(url, context, next) {',
    '  const loaded = await next(url, context);',
    "  if (!url.endsWith('/lib/modules/debug.js')) return loaded;",
    "  return { ...loaded, source: `${loaded.source}\\nthrow new TypeError('injected fault');\\n` };",
    '}',
    '',
  ].join('\n'),
};

test('a bug in bc-play exits 1 and asks for a report', () => {
  const ws = workspace({
    'inventory.yaml': 'all:\n  hosts:\n    here: { connection: local }\n',
    'playbooks/site.yaml': '- hosts: all\n  tasks:\n    - debug: { msg: hi }\n',
    ...FAULTY_MODULE,
  });
  try {
    const r = spawnSync(process.execPath, ['--import', ws.path('hook.mjs'), BIN, 'site'], { cwd: ws.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /internal error \(a bug in bc-play, please report it\): TypeError: injected fault/);
  } finally {
    ws.remove();
  }
});

test.run();
