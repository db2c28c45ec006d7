// Runs a corpus case with read-ahead on and off (each: --check, run, rerun on a fresh temp dir)
// and returns what each way showed, for the caller to compare and to check against the case.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { runEngine, workspace, type RunReport } from '../engine.js';
import type { CorpusCase } from './case.js';
import { snapshotTree } from './tree.js';

/** What one run of a case showed: per host result a line, warnings, exit code, files after it. */
export interface StepRecord {
  statuses: string[];
  results: string[];
  warnings: string[];
  exitCode: number;
  files: string[];
}

/** One way (read-ahead on or off) through a case. */
export interface WayRecord {
  check: StepRecord;
  run: StepRecord;
  rerun: StepRecord;
}

/**
 * Why: the oracle. `hostVars` says how the engine reaches host web1 (the local connection, or
 * the loopback sshd), as inventory text inside `{ }`; the case runs read-ahead on, then off.
 */
export async function runCase(c: CorpusCase, hostVars: string): Promise<{ on: WayRecord; off: WayRecord }> {
  const ws = workspace({ 'inventory.yaml': `all:\n  hosts:\n    web1: { ${hostVars} }\n`, 'site.yaml': c.playbook, ...c.controller });
  try {
    // Accounts are the host's, shared by both ways; everything else lives in each way's temp dir.
    if (c.users?.length || c.groups?.length) return { on: await runWay(c, ws.dir, true), off: await runWay(c, ws.dir, false) };
    const [on, off] = await Promise.all([runWay(c, ws.dir, true), runWay(c, ws.dir, false)]);
    return { on, off };
  } finally {
    ws.remove();
    removeAccounts(c);
  }
}

/** Why: every way starts from the same host: a fresh temp dir after setup, the case's accounts gone. */
async function runWay(c: CorpusCase, dir: string, readAhead: boolean): Promise<WayRecord> {
  removeAccounts(c);
  const root = mkdtempSync(join(tmpdir(), 'bc-corpus-'));
  try {
    c.setup?.(root);
    const extraVars = { root, ...c.vars?.(root) };
    const step = async (check: boolean) => {
      const report = await runEngine({ playbook: join(dir, 'site.yaml'), inventory: join(dir, 'inventory.yaml'), settings: { check, extraVars, readAhead } });
      return record(report, root, dir);
    };
    return { check: await step(true), run: await step(false), rerun: await step(false) };
  } finally {
    removeAccounts(c);
    rmSync(root, { recursive: true, force: true });
  }
}

function record(report: RunReport, root: string, dir: string): StepRecord {
  const plain = (s: string) => s.split(root).join('<root>').split(dir).join('<playbook>');
  return {
    statuses: report.results.map((r) => r.status),
    results: report.results.map((r) => plain(`${r.task}${r.item === undefined ? '' : ` [${r.item}]`}: ${r.status}${r.changes.length ? ` | ${r.changes.join('; ')}` : ''}${r.message ? ` (${r.message})` : ''}`)),
    warnings: report.events.flatMap((e) => (e.type === 'warning' ? [plain(e.message)] : [])),
    exitCode: report.exitCode,
    files: snapshotTree(root).map(plain),
  };
}

/**
 * Why: the corpus is mostly waiting on the host; cases run `lanes` at a time (cases with accounts,
 * which the host shares, one after another in a lane of their own) and each test awaits its own.
 */
export function runCorpus(cases: CorpusCase[], hostVars: string, lanes = 4): Map<CorpusCase, Promise<{ on: WayRecord; off: WayRecord }>> {
  const out = new Map<CorpusCase, Promise<{ on: WayRecord; off: WayRecord }>>();
  const accounts = cases.filter((c) => c.users?.length || c.groups?.length);
  const queues = [accounts, ...Array.from({ length: lanes }, (_, i) => cases.filter((c) => !accounts.includes(c)).filter((_, j) => j % lanes === i))];
  for (const queue of queues) {
    let previous: Promise<unknown> = Promise.resolve();
    for (const c of queue) {
      const result = previous.catch(() => undefined).then(() => runCase(c, hostVars));
      result.catch(() => undefined); // awaited by the case's test; a failure must not end the process first
      out.set(c, result);
      previous = result;
    }
  }
  return out;
}

function removeAccounts(c: CorpusCase): void {
  for (const user of c.users ?? []) spawnSync('userdel', ['-r', '-f', user], { stdio: 'ignore' });
  for (const group of c.groups ?? []) spawnSync('groupdel', [group], { stdio: 'ignore' });
}

/**
 * Why: on and off must agree in everything, and the agreed result must be the case's: a case
 * both ways get wrong fails too. Statuses are compared as the case writes them.
 */
export function assertCase(c: CorpusCase, { on, off }: { on: WayRecord; off: WayRecord }): void {
  for (const step of ['check', 'run', 'rerun'] as const) {
    assert.equal(off[step].results, on[step].results, `${step}: results, read-ahead off vs on`);
    assert.equal(off[step].warnings, on[step].warnings, `${step}: warnings, read-ahead off vs on`);
    assert.equal(off[step].files, on[step].files, `${step}: files, read-ahead off vs on`);
    assert.is(off[step].exitCode, on[step].exitCode, `${step}: exit code, read-ahead off vs on`);
  }
  const statuses = (s: StepRecord) => s.statuses.join(' ');
  const detail = (s: StepRecord) => `\n${s.results.join('\n')}\nwarnings: ${s.warnings.join('\n')}`;
  assert.is(statuses(on.check), c.check, `--check statuses${detail(on.check)}`);
  assert.is(statuses(on.run), c.run, `run statuses${detail(on.run)}`);
  const rerun = c.rerun ?? c.run.replace(/changed/g, 'ok');
  assert.is(statuses(on.rerun), rerun, `rerun statuses${detail(on.rerun)}`);
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const line = on.run.files.find((f) => f.startsWith(`${rel} `));
    if (content === null) assert.is(line, undefined, `${rel} must not exist after the run`);
    else assert.ok(line?.endsWith(` ${JSON.stringify(content)}`), `${rel} after the run: ${line ?? 'missing'}, want ${JSON.stringify(content)}`);
  }
}
