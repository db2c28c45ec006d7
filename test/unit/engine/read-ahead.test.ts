// Facts are read ahead: a run with nothing to change makes one round trip per host for all its
// plays, and a fact read on the way that turns out stale or unreadable never misleads a task.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { openConnection } from '../../../lib/connection/open.js';
import type { Connection, ConnectionTarget } from '../../../lib/connection/connection.js';
import { readFacts } from '../../../lib/engine/fact-batch.js';
import type { FactSpec } from '../../../lib/facts/fact.js';
import { runEngine, workspace, type Workspace } from '../../support/engine.js';

const INVENTORY = `all:
  children:
    web:
      hosts:
        web1: { connection: local, site: one }
        web2: { connection: local, site: two }
`;

const THREE_PLAYS = `- name: files on both
  hosts: web
  tasks:
    - file: { path: "{{ root }}/{{ site }}", state: directory }
    - copy: { content: "a\\n", dest: "{{ root }}/{{ site }}/a.txt" }
- name: a template on web1
  hosts: web1
  tasks:
    - template: { src: t.ejs, dest: "{{ root }}/{{ site }}/t.conf" }
- name: a line on both
  hosts: web
  tasks:
    - lineinfile: { path: "{{ root }}/{{ site }}/b.txt", line: "b", create: true }
`;

/**
 * Opens real local connections and counts the commands each host runs (and with become);
 * `loginIsRoot: false` makes them stand for a login that is not root.
 */
function counting(loginIsRoot = true): { open: (target: ConnectionTarget) => Connection; runs: Map<string, number>; becomeRuns: Map<string, number> } {
  const runs = new Map<string, number>();
  const becomeRuns = new Map<string, number>();
  const add = (counts: Map<string, number>, host: string) => counts.set(host, (counts.get(host) ?? 0) + 1);
  return {
    runs,
    becomeRuns,
    open: (target) => {
      const conn = openConnection(target);
      return {
        host: conn.host,
        loginIsRoot,
        connect: () => conn.connect(),
        run: (command, options) => {
          add(runs, target.host);
          if (options?.become) add(becomeRuns, target.host);
          return conn.run(command, options);
        },
        close: () => conn.close(),
      };
    },
  };
}

function setup(playbook = THREE_PLAYS): Workspace {
  return workspace({ 'inventory.yaml': INVENTORY, 'play.yaml': playbook, 'templates/t.ejs': 'site = <%= site %>\n' });
}

async function run(ws: Workspace, open?: (target: ConnectionTarget) => Connection, check = false) {
  return runEngine({ playbook: ws.path('play.yaml'), inventory: ws.path('inventory.yaml'), open, settings: { check, extraVars: { root: ws.dir } } });
}

test('a run with nothing to change reads the facts of all three plays in one round trip per host', async () => {
  const ws = setup();
  try {
    assert.is((await run(ws)).exitCode, 0);
    const { open, runs } = counting();
    const second = await run(ws, open);
    assert.equal(second.changes, []);
    assert.equal(Object.fromEntries(runs), { web1: 1, web2: 1 });
  } finally {
    ws.remove();
  }
});

test('a change in an earlier play is seen by a later play whose facts were read ahead', async () => {
  const ws = setup(`- hosts: web1
  tasks:
    - copy: { content: "first\\nsecond\\n", dest: "{{ root }}/f.txt" }
- hosts: web1
  tasks:
    - lineinfile: { path: "{{ root }}/f.txt", line: "second" }
`);
  try {
    writeFileSync(ws.path('f.txt'), 'old\n');
    const report = await run(ws);
    assert.is(readFileSync(ws.path('f.txt'), 'utf8'), 'first\nsecond\n', 'the line was not added twice');
    assert.is(report.changes.length, 1, report.changes.join('\n'));
    assert.equal((await run(ws)).changes, []);
  } finally {
    ws.remove();
  }
});

test('a command that reports a change makes later plays read their facts again', async () => {
  const ws = setup(`- hosts: web1
  tasks:
    - shell: "printf 'written by a script\\\\n' > {{ root }}/g.txt"
- hosts: web1
  tasks:
    - lineinfile: { path: "{{ root }}/g.txt", line: "kept" }
`);
  try {
    writeFileSync(ws.path('g.txt'), 'kept\n');
    const report = await run(ws);
    assert.is(readFileSync(ws.path('g.txt'), 'utf8'), 'written by a script\nkept\n', 'the line was added to what the script wrote');
    assert.ok(report.changes.some((c) => c.includes('kept')), report.changes.join('\n'));
  } finally {
    ws.remove();
  }
});

test('gather_facts: false skips the Gathering Facts step and the host facts; the first task reads ahead for the play', async () => {
  const ws = setup(`- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "x\\n", dest: "{{ root }}/x.txt" }
    - copy: { content: "y\\n", dest: "{{ root }}/y.txt" }
    - name: no facts here
      assert: { that: "{{ Object.keys(facts).length === 0 }}", msg: facts were read }
`);
  try {
    await run(ws);
    const { open, runs } = counting();
    const report = await run(ws, open);
    assert.equal(report.changes, []);
    assert.is(report.events.some((e) => e.type === 'task-start' && e.name === 'Gathering Facts'), false);
    assert.is(report.results.find((r) => r.task === 'no facts here')?.status, 'ok');
    assert.equal(report.results.flatMap((r) => r.factsRead).filter((k) => k === 'host'), []);
    assert.equal(Object.fromEntries(runs), { web1: 1 }, 'the first copy read the second one\'s facts too');
  } finally {
    ws.remove();
  }
});

test('nothing is read ahead past a command that will run: each fact after it is read once, after it ran', async () => {
  const ws = setup(`- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "x\\n", dest: "{{ root }}/x.txt" }
    - shell: "printf 'by a script\\n' > {{ root }}/y.txt"
    - copy: { content: "y\\n", dest: "{{ root }}/y.txt" }
    - lineinfile: { path: "{{ root }}/z.txt", line: "z", create: true }
`);
  try {
    await run(ws);
    const report = await run(ws);
    const reads = report.results.map((r) => r.factsRead.filter((k) => k.includes('y.txt') || k.includes('z.txt')).length);
    assert.equal(reads.map((n) => n > 0), [false, false, true, false], `read per task: ${reads.join(', ')}`);
    assert.is(readFileSync(ws.path('y.txt'), 'utf8'), 'y\n');
    assert.equal(report.results.map((r) => r.status), ['ok', 'changed', 'changed', 'ok'], 'the copy repairs what the script wrote, seen because it read after the script');
    const check = await run(ws, undefined, true);
    assert.equal(check.results.map((r) => r.status), ['ok', 'changed', 'ok', 'ok'], 'in --check the command does not run, so reading ahead goes on past it');
  } finally {
    ws.remove();
  }
});

test('reading ahead goes on past a command that creates: or a condition may skip: a rerun with nothing to change is one round trip', async () => {
  const ws = setup(`- hosts: web1
  gather_facts: false
  tasks:
    - copy: { content: "x\\n", dest: "{{ root }}/x.txt" }
    - shell: { cmd: "touch {{ root }}/marker", creates: "{{ root }}/marker" }
    - stat: { path: "{{ root }}/marker" }
      register: marker
    - shell: "echo never"
      when: "{{ !marker.stat.exists }}"
    - copy: { content: "y\\n", dest: "{{ root }}/y.txt" }
`);
  try {
    await run(ws);
    const { open, runs } = counting();
    const rerun = await run(ws, open);
    assert.equal(rerun.results.map((r) => r.status), ['ok', 'ok', 'ok', 'skipped', 'ok']);
    assert.equal(Object.fromEntries(runs), { web1: 1 });
  } finally {
    ws.remove();
  }
});

const MIXED_BECOME = `- hosts: web1
  tasks:
    - name: as the login user
      file: { path: "{{ root }}/shared", state: directory }
    - name: as root
      file: { path: "{{ root }}/shared", state: directory }
      become: true
`;

test('a login that is not root reads a fact again under become; a root login reads it once', async () => {
  const ws = setup(MIXED_BECOME);
  try {
    await run(ws);
    const user = counting(false);
    assert.equal((await run(ws, user.open)).changes, []);
    assert.equal([user.runs.get('web1'), user.becomeRuns.get('web1')], [2, 1], 'one read as the user, one as root');
    const root = counting(true);
    assert.equal((await run(ws, root.open)).changes, []);
    assert.equal([root.runs.get('web1'), root.becomeRuns.get('web1')], [1, undefined]);
  } finally {
    ws.remove();
  }
});

const spec = (key: string, command: string, parse: (s: string) => unknown = (s) => s): FactSpec<unknown> => ({ key, about: [], command, parse });

test('a fact read ahead that cannot be parsed is left out; a needed one fails the read', async () => {
  const conn = openConnection({ host: 'local', kind: 'local', address: 'localhost', port: 0, user: 'root' });
  await conn.connect();
  const broken = spec('broken', 'printf x', () => {
    throw new Error('unexpected output');
  });
  const reading = await readFacts(conn, [spec('needed', 'printf ok')], false, [broken, spec('ahead', 'printf later')]);
  assert.equal([...reading.values.entries()], [['needed', 'ok'], ['ahead', 'later']]);
  assert.equal(reading.keys, ['needed', 'ahead']);
  const failure = await readFacts(conn, [broken], false).then(() => undefined, (error: Error) => error);
  assert.match(String(failure?.message), /cannot parse its output/);
  await conn.close();
});

test.run();
