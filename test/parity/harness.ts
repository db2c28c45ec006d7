// Parity with ansible-core, the harness every parity file shares: each case runs under
// `ansible-playbook -i localhost, -c local` and under bc-play (local connection), each in its own temp folder, and must leave the same files
// (content, mode, link target), report the same per-task, per-item and handler statuses and the same
// recap, and change nothing on a rerun. A case may instead declare a deliberate difference, which
// then asserts what each engine does (the README's "Differences from Ansible" table).
// The Ansible runs of a file's cases start at once, two at a time, while bc-play's run in-process.
// Needs Debian's ansible-core (the test command's prerequisites install it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecapCounts } from '../../lib/engine/events.js';
import { runEngine } from '../support/engine.js';

/** A playbook in the language both engines read alike: simple `{{ name }}` values, bare `when:` comparisons. */
export interface Case {
  name: string;
  /** The tasks of one `hosts: localhost` play without facts; or give `playbook`. */
  tasks?: string;
  /** A whole playbook (play keywords, handlers, several plays); `{{ root }}` is the case's folder. */
  playbook?: string;
  /** Files the folder holds before the first run (task files, roles, vars files...). */
  files?: Record<string, string>;
  /** Compare `--check` before the first run too (cases without commands, which Ansible's check mode skips and bc-play predicts). */
  check?: boolean;
  /** More hosts beside localhost, all with the local connection (what is compared is localhost's). */
  hosts?: string[];
  /** `--tags` / `--skip-tags` for every run of both engines. */
  tags?: string[];
  skipTags?: string[];
  /** A deliberate difference: what each engine does, asserted instead of equality. */
  differs?: Difference;
}

/**
 * What one engine does in a case that differs on purpose. Only the fields given are asserted,
 * about the first run (the `--check` run instead when the case has `check`); `statuses` are
 * written as {@link Outcome} shows them.
 */
export interface Expectation {
  statuses?: string[];
  /** bc-play only: refuses the playbook before any host is touched, with a message matching this. */
  error?: RegExp;
  /** Files after the first run, path -> as {@link tree} writes it (`file 644 "x\n"`, `dir 755`, `link -> a`). */
  files?: Record<string, string>;
  /** Files that must not exist after the first run. */
  absent?: string[];
}

/** Why the engines differ, and what each does: the README's table names the same reason. */
export interface Difference {
  reason: string;
  ansible: Expectation;
  bcPlay: Expectation;
}

/**
 * What one run shows: per task `STATUS`, a looped task `STATUS [item item ...]`, a handler
 * `handler STATUS`; the recap per host, and the files left.
 */
interface Outcome {
  statuses: string[];
  recap: Record<string, RecapCounts>;
  files: Record<string, string>;
}

/** The Ansible runs of one case, in order: `--check` (if asked), the first run, the rerun. */
interface AnsibleRuns {
  check?: Outcome;
  first: Outcome;
  rerun: Outcome;
}

const PLAY_HEAD = '- hosts: localhost\n  gather_facts: false\n  tasks:\n';
/** Ansible runs at the same time: the machines this runs on have 2 cores. */
const POOL = 2;

function prepare(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-parity-'));
  for (const [rel, text] of Object.entries(c.files ?? {})) {
    spawnSync('mkdir', ['-p', join(dir, rel, '..')]);
    writeFileSync(join(dir, rel), text);
  }
  if ((c.tasks === undefined) === (c.playbook === undefined)) throw new Error(`case "${c.name}": give tasks or playbook, one of them`);
  writeFileSync(join(dir, '.play.yaml'), c.playbook ?? PLAY_HEAD + c.tasks);
  return dir;
}

/** Our stdout callback (ansible-core has no `json` one), in the source tree beside this file's source. */
const CALLBACKS = fileURLToPath(new URL('../../../test/parity/ansible-callback', import.meta.url));

interface AnsibleReport {
  plays: Array<{ tasks: Array<{ handler: boolean; hosts: Record<string, Record<string, unknown>> }> }>;
  recap: Record<string, { ok: number; changed: number; unreachable: number; failures: number; skipped: number; rescued: number; ignored: number }>;
}

function tagArgs(c: Case): string[] {
  return [...(c.tags?.length ? ['--tags', c.tags.join(',')] : []), ...(c.skipTags?.length ? ['--skip-tags', c.skipTags.join(',')] : [])];
}

function ansiblePlaybook(c: Case, dir: string, check: boolean): Promise<Outcome> {
  const args = ['-i', ['localhost', ...(c.hosts ?? [])].join(',') + ',', '-c', 'local', '-e', `root=${dir}`, ...tagArgs(c), ...(check ? ['--check'] : []), join(dir, '.play.yaml')];
  const env = { ...process.env, ANSIBLE_CALLBACK_PLUGINS: CALLBACKS, ANSIBLE_STDOUT_CALLBACK: 'bc_play_parity', ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0' };
  return new Promise((resolve, reject) => {
    const child = spawn('ansible-playbook', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => reject(new Error(`ansible-playbook could not start (${e.message}): install Debian's ansible-core`)));
    child.on('close', (status) => {
      const json = stdout.slice(stdout.indexOf('{"plays"'));
      if (!stdout.includes('{"plays"')) return reject(new Error(`ansible-playbook printed no results (exit ${status}):\n${stdout}${stderr}`));
      const report = JSON.parse(json) as AnsibleReport;
      const statuses = report.plays.flatMap((p) => p.tasks.filter((t) => t.hosts.localhost).map((t) => ansibleStatus(t.hosts.localhost, t.handler)));
      const recap = Object.fromEntries(Object.entries(report.recap).map(([h, r]) => [h, { ok: r.ok, changed: r.changed, unreachable: r.unreachable, failed: r.failures, skipped: r.skipped, rescued: r.rescued, ignored: r.ignored }]));
      resolve({ statuses, recap, files: tree(dir) });
    });
  });
}

function ansibleStatus(r: Record<string, unknown>, handler: boolean): string {
  // A loop over no items is one skipped task in both engines (Ansible adds `results: []`).
  const looped = Array.isArray(r.results) && r.results.length ? (r.results as Array<Record<string, unknown>>) : undefined;
  const one = (i: Record<string, unknown>): string => (i.failed ? 'failed' : i.changed ? 'changed' : i.skipped ? 'skipped' : 'ok');
  const items = looped ?? [r];
  const worst = ORDER.find((o) => items.map(one).includes(o)) ?? (r.skipped ? 'skipped' : 'ok');
  return show(handler, r.failed ? 'failed' : worst, looped?.map(one));
}

const ORDER = ['unreachable', 'failed', 'changed', 'ok', 'skipped'];

function show(handler: boolean, status: string, items: string[] | undefined): string {
  return `${handler ? 'handler ' : ''}${status}${items ? ` [${items.join(' ')}]` : ''}`;
}

async function runAnsible(c: Case): Promise<AnsibleRuns> {
  const dir = prepare(c);
  try {
    const check = c.check ? await ansiblePlaybook(c, dir, true) : undefined;
    const first = await ansiblePlaybook(c, dir, false);
    const rerun = await ansiblePlaybook(c, dir, false);
    return { check, first, rerun };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runBcPlay(c: Case, dir: string, check = false): Promise<Outcome> {
  // No localhost in the inventory: the play runs on the implicit one, as under Ansible.
  const more = (c.hosts ?? []).map((h) => `    ${h}: { connection: local }\n`).join('');
  writeFileSync(join(dir, '.inventory.yaml'), `all:\n  hosts:\n    web1: { connection: local }\n${more}`);
  const report = await runEngine({
    playbook: join(dir, '.play.yaml'),
    inventory: join(dir, '.inventory.yaml'),
    settings: { check, extraVars: { root: dir }, tags: c.tags ?? [], skipTags: c.skipTags ?? [] },
  });
  const tasks: Array<{ handler: boolean; results: Array<{ status: string; item?: string }> }> = [];
  for (const e of report.events) {
    if (e.type === 'task-start') tasks.push({ handler: e.handler, results: [] });
    if (e.type === 'host-result' && e.host === 'localhost') tasks.at(-1)!.results.push(e);
  }
  const statuses = tasks
    .filter((t) => t.results.length)
    .map((t) => {
      const looped = t.results.some((r) => r.item !== undefined) ? t.results.map((r) => r.status) : undefined;
      return show(t.handler, ORDER.find((o) => t.results.some((r) => r.status === o)) ?? 'ok', looped);
    });
  return { statuses, recap: report.recap, files: tree(dir) };
}

/** Every path below the folder (the playbook's dot files left out): kind, mode, content or link target. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const rel = relative(dir, path);
      if (rel.startsWith('.')) continue;
      const st = lstatSync(path);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[rel] = `link -> ${relative(dir, readlinkSync(path))}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${mode}`;
        walk(path);
      } else out[rel] = `file ${mode} ${JSON.stringify(readFileSync(path, 'utf8'))}`;
    }
  };
  walk(dir);
  return out;
}

function compare(ours: Outcome, theirs: Outcome, when: string): void {
  assert.equal(ours.statuses, theirs.statuses, `per-task statuses ${when} (bc-play first, Ansible expected)`);
  assert.equal(recapOf(ours), recapOf(theirs), `PLAY RECAP ${when}`);
  assert.equal(ours.files, theirs.files, `files ${when}`);
}

/** The one host both runs have (bc-play's implicit localhost, Ansible's `localhost,`). */
function recapOf(o: Outcome): RecapCounts | undefined {
  return o.recap.localhost;
}

function expect(who: string, got: Outcome, e: Expectation, run: string): void {
  if (e.statuses) assert.equal(got.statuses, e.statuses, `${who}: per-task statuses of ${run}`);
  for (const [path, shown] of Object.entries(e.files ?? {})) assert.is(got.files[path], shown, `${who}: ${path} after ${run}`);
  for (const path of e.absent ?? []) assert.is(got.files[path], undefined, `${who}: ${path} must not exist after ${run}`);
}

async function differently(c: Case, d: Difference, theirs: AnsibleRuns, ours: string): Promise<void> {
  const run = c.check ? 'the --check run' : 'the first run';
  const their = c.check ? theirs.check! : theirs.first;
  expect('Ansible', their, d.ansible, run);
  if (d.bcPlay.error) {
    const before = tree(ours);
    let refused: unknown;
    try {
      await runBcPlay(c, ours, c.check);
    } catch (error) {
      refused = error;
    }
    assert.ok(refused instanceof Error, `bc-play: expected the playbook refused (${d.bcPlay.error}), but it ran`);
    assert.match((refused as Error).message, d.bcPlay.error, 'bc-play: the refusal message');
    assert.equal(tree(ours), before, 'bc-play: refused before touching anything');
    return;
  }
  const first = await runBcPlay(c, ours, c.check);
  expect('bc-play', first, d.bcPlay, run);
  const same = JSON.stringify([first.statuses, first.files]) === JSON.stringify([their.statuses, their.files]);
  assert.not.ok(same, `the engines now agree on "${c.name}": drop its differs and the README row (${d.reason})`);
}

/** Runs `jobs` at most `size` at a time; each promise settles when its job has. */
function pool<T>(jobs: Array<() => Promise<T>>, size: number): Array<Promise<T>> {
  let next = 0;
  const slots: Array<{ resolve(v: T): void; reject(e: unknown): void }> = [];
  const promises = jobs.map(() => new Promise<T>((resolve, reject) => slots.push({ resolve, reject })));
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      await jobs[i]().then(slots[i].resolve, slots[i].reject);
    }
  };
  for (let w = 0; w < size; w++) void worker();
  for (const p of promises) p.catch(() => undefined);
  return promises;
}

/** Why: one test per case, the same comparisons for every parity file; Ansible's side runs ahead, two at a time. */
export function parityTests(cases: Case[]): void {
  const ansible = pool(cases.map((c) => () => runAnsible(c)), POOL);
  cases.forEach((c, i) => {
    test(`parity: ${c.name}`, async () => {
      const ours = prepare(c);
      try {
        const theirs = await ansible[i];
        if (c.differs) return await differently(c, c.differs, theirs, ours);
        if (theirs.check) {
          compare(await runBcPlay(c, ours, true), theirs.check, 'under --check before the first run');
        }
        const first = await runBcPlay(c, ours);
        compare(first, theirs.first, 'of the first run');
        const again = await runBcPlay(c, ours);
        compare(again, theirs.rerun, 'of the rerun');
        console.log(`  ${c.name}: first run ${first.statuses.join(', ')}; rerun ${again.statuses.join(', ')}`);
      } finally {
        rmSync(ours, { recursive: true, force: true });
      }
    });
  });
  test.run();
}
