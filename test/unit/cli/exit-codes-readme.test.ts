// The README's exit-code table is the code's (lib/cli/exit-codes.ts), and the real binary ends
// with the codes a user meets without a bug: 4 for an unreachable host.
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

test.run();
