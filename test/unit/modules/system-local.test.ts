// The system modules for real on this machine (root, Debian, systemd not PID 1): fact commands
// run, planned changes run, re-read facts must equal the predicted effects and a second plan
// must be a no-op. apt and service run for real in the lab suites, on systemd hosts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../lib/connection/local.js';
import { aptCacheAge, candidateFact, packageFact } from '../../../lib/facts/apt.js';
import type { FactSpec } from '../../../lib/facts/fact.js';
import { commandModule, shellModule } from '../../../lib/modules/command.js';
import { groupModule } from '../../../lib/modules/group.js';
import type { FactEffect, ModuleDefinition, Plan } from '../../../lib/modules/module.js';
import { userModule } from '../../../lib/modules/user.js';
import { waitForModule } from '../../../lib/modules/wait-for.js';
import { ctx } from './system-fixtures.js';

const conn = new LocalConnection({ host: 'localhost' });
const suffix = randomBytes(3).toString('hex');
const user = `bcplay-utest-${suffix}`;
const group = `bcplay-ugrp-${suffix}`;
let dir = '';

async function read<T>(spec: FactSpec<T>): Promise<T> {
  const r = await conn.run(spec.command);
  return spec.parse(r.stdout, r.code);
}

async function readAll<A>(module: ModuleDefinition<A>, args: A): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const spec of module.facts(args, ctx)) values.set(spec.key, await read(spec));
  return values;
}

function plan<A>(module: ModuleDefinition<A>, args: A, values: Map<string, unknown>): Plan {
  return module.plan(args, { get: <T>(spec: FactSpec<T>) => values.get(spec.key) as T }, ctx);
}

/** Reads facts, plans, runs every change; returns the plan and the effects it predicted. */
async function apply<A>(module: ModuleDefinition<A>, args: A): Promise<{ plan: Plan; predicted: Map<string, unknown>; codes: number[]; stderr: string }> {
  const values = await readAll(module, args);
  const p = plan(module, args, values);
  const predicted = new Map<string, unknown>();
  const codes: number[] = [];
  let stderr = '';
  for (const change of p.changes) {
    const r = await conn.run(change.command ?? 'true', { stdin: change.stdin, timeoutMs: change.timeoutMs });
    codes.push(r.code);
    stderr += r.stderr;
    for (const e of change.effects ?? ([] as FactEffect[])) if ('fact' in e) predicted.set(e.fact.key, e.value);
  }
  return { plan: p, predicted, codes, stderr };
}

/** A predicted null field means "not known before the change"; every other field must match. */
function assertPredicted(actual: unknown, predicted: unknown, key: string): void {
  if (predicted && actual && typeof predicted === 'object' && typeof actual === 'object') {
    for (const [field, value] of Object.entries(predicted)) {
      if (value !== null) assert.equal((actual as Record<string, unknown>)[field], value, `${key}.${field}`);
    }
    return;
  }
  assert.equal(actual, predicted, key);
}

/** Applies, checks the host now matches the prediction, and that planning again changes nothing. */
async function converge<A>(module: ModuleDefinition<A>, args: A): Promise<Plan> {
  const { plan: first, predicted, codes, stderr } = await apply(module, args);
  assert.ok(first.changes.length > 0, `${module.name} planned a change`);
  assert.ok(codes.every((c) => c === 0), `${module.name} commands succeeded: ${stderr}`);
  const specs = new Map(module.facts(args, ctx).map((s) => [s.key, s]));
  for (const [key, value] of predicted) {
    const spec = specs.get(key);
    assert.ok(spec, `${key} is a fact the module reads`);
    assertPredicted(await read(spec), value, key);
  }
  const second = plan(module, args, await readAll(module, args));
  assert.equal(second.changes, [], `${module.name} plans nothing the second time`);
  return first;
}

async function cleanup(): Promise<void> {
  // usermod -d moves no files, so the first home stays behind after userdel -r of the second.
  await conn.run(`userdel -r ${user} 2>/dev/null; groupdel ${user} 2>/dev/null; groupdel ${group} 2>/dev/null; rm -rf /home/${user}`);
}

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bcplay-system-'));
  await cleanup();
});
test.after(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

test('creates a group, then changes its gid', async () => {
  await converge(groupModule, { name: group, system: true });
  const free = (await conn.run('for g in $(seq 61000 61999); do getent group $g >/dev/null || { echo $g; break; }; done')).stdout.trim();
  await converge(groupModule, { name: group, gid: Number(free) });
});

test('creates a user in a supplementary group, with its own private group', async () => {
  const first = await converge(userModule, { name: user, groups: [group], shell: '/bin/sh' });
  assert.is(first.changes[0].summary, `create user ${user}`);
  const home = (await conn.run(`test -d /home/${user} && echo yes`)).stdout.trim();
  assert.is(home, 'yes');
});

test('modifies only what differs on an existing user', async () => {
  const first = await converge(userModule, { name: user, shell: '/bin/bash', home: `/srv/${user}`, groups: ['adm'] });
  assert.is(first.changes[0].summary, `modify user ${user}: home /home/${user} → /srv/${user}, shell /bin/sh → /bin/bash, groups +adm`);
  const now = await readAll(userModule, { name: user });
  assert.equal((now.get(`user:${user}`) as { groups: string[] }).groups, ['adm', group].sort());
});

test('removes the user with its home and private group, then the group', async () => {
  await converge(userModule, { name: user, state: 'absent', remove: true });
  assert.is(await read({ key: 'x', about: [], command: `getent group ${user} || echo none`, parse: (s) => s.trim() }), 'none');
  await converge(groupModule, { name: group, state: 'absent' });
});

test('command runs once thanks to creates, with chdir and environment', async () => {
  const args = { cmd: `sh -c 'printf %s "$GREETING" > made.txt'`, chdir: dir, creates: 'made.txt', environment: { GREETING: "it's here" } };
  await converge(commandModule, args);
  assert.is(await readFile(join(dir, 'made.txt'), 'utf8'), "it's here");
  assert.is(plan(commandModule, args, await readAll(commandModule, args)).reason, `${dir}/made.txt exists`);
});

test('shell runs only while removes exists, with stdin', async () => {
  await writeFile(join(dir, 'old.txt'), 'x');
  const args = { cmd: 'cat > new.txt && rm old.txt', chdir: dir, removes: `${dir}/old.txt`, stdin: 'from stdin' };
  await converge(shellModule, args);
  assert.is(await readFile(join(dir, 'new.txt'), 'utf8'), 'from stdin');
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function probe(args: Parameters<typeof waitForModule.plan>[0]): Promise<{ code: number; stderr: string }> {
  const { codes, stderr, plan: p } = await apply(waitForModule, args);
  assert.ok(p.changes.every((c) => c.probe));
  return { code: codes[0], stderr };
}

test('wait_for sees a port open, times out waiting for it to close, then sees it closed', async () => {
  const server = createServer((socket) => socket.end());
  const port = await listen(server);
  assert.equal(await probe({ port, timeout: 5 }), { code: 0, stderr: '' });
  assert.equal(await probe({ port, state: 'stopped', timeout: 1 }), { code: 1, stderr: `timed out after 1 s: 127.0.0.1:${port} still accepts connections\n` });
  await new Promise((resolve) => server.close(resolve));
  assert.equal(await probe({ port, state: 'stopped', timeout: 5 }), { code: 0, stderr: '' });
});

test('wait_for gets an HTTP status with bash alone and names the last status on timeout', async () => {
  const server = createHttpServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 503);
    res.end();
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  try {
    assert.equal(await probe({ url: `http://127.0.0.1:${port}/health`, timeout: 5 }), { code: 0, stderr: '' });
    assert.equal(await probe({ url: `http://127.0.0.1:${port}/ready`, timeout: 1 }), {
      code: 1,
      stderr: `timed out after 1 s: http://127.0.0.1:${port}/ready answered 503, not 200\n`,
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('apt facts read what dpkg and apt-cache say about an installed package and a name no repository has', async () => {
  const bash = await read(packageFact('bash'));
  const version = (await conn.run(`dpkg-query -W -f='\${Version}' bash`)).stdout;
  assert.equal(bash, { status: 'installed', version });
  const age = await read(aptCacheAge);
  assert.ok(age === null || age >= 0);
  // A name no repository has: apt cannot install it (or, on a host without lists, cannot know).
  const installable = age === null ? 'no-lists' : 'no';
  assert.equal(await read(packageFact(`bcplay-nope-${suffix}`)), { status: 'absent', version: null, installable });
  assert.type(await read(candidateFact('bash')), 'string');
});

test.run();
