// Parity with ansible-core, the harness every parity file shares: each case runs under
// `ansible-playbook -i localhost, -c local` and under bc-play (local connection), each in its own temp folder, and must leave the same files
// (content, mode, link target), report the same per-task statuses, and change nothing on a rerun.
// Needs Debian's ansible-core (the test command's prerequisites install it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostStatus } from '../../lib/engine/events.js';
import { runEngine } from '../support/engine.js';

/** A playbook in the language both engines read alike: simple `{{ name }}` values, bare `when:` comparisons. */
export interface Case {
  name: string;
  tasks: string;
  /** Files the folder holds before the first run. */
  files?: Record<string, string>;
  /** Compare `--check` before the first run too (cases without commands, which Ansible's check mode skips and bc-play predicts). */
  check?: boolean;
}


function playbook(tasks: string): string {
  return `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}`;
}

function prepare(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-parity-'));
  for (const [rel, text] of Object.entries(c.files ?? {})) {
    spawnSync('mkdir', ['-p', join(dir, rel, '..')]);
    writeFileSync(join(dir, rel), text);
  }
  writeFileSync(join(dir, '.play.yaml'), playbook(c.tasks));
  return dir;
}

/** Per-task statuses (a looped task: its items' worst), from the json callback of ansible-playbook. */
/** Our stdout callback (ansible-core has no `json` one), in the source tree beside this file's source. */
const CALLBACKS = fileURLToPath(new URL('../../../test/parity/ansible-callback', import.meta.url));

function runAnsible(dir: string, check = false): HostStatus[] {
  const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '-e', `root=${dir}`, ...(check ? ['--check'] : []), join(dir, '.play.yaml')], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_CALLBACK_PLUGINS: CALLBACKS, ANSIBLE_STDOUT_CALLBACK: 'bc_play_parity', ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0' },
  });
  if (run.error) throw new Error(`ansible-playbook could not start (${run.error.message}): install Debian's ansible-core`);
  if (!run.stdout.trim().startsWith('{')) throw new Error(`ansible-playbook printed no results (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const report = JSON.parse(run.stdout) as { plays: Array<{ tasks: Array<{ hosts: Record<string, Record<string, unknown>> }> }> };
  return report.plays[0].tasks.map((t) => ansibleStatus(t.hosts.localhost));
}

function ansibleStatus(r: Record<string, unknown>): HostStatus {
  const items = (r.results as Array<Record<string, unknown>> | undefined) ?? [r];
  if (items.some((i) => i.failed)) return 'failed';
  if (items.some((i) => i.changed)) return 'changed';
  if (items.every((i) => i.skipped)) return 'skipped';
  return 'ok';
}

async function runBcPlay(dir: string, check = false): Promise<HostStatus[]> {
  // No localhost in the inventory: the play runs on the implicit one, as under Ansible.
  writeFileSync(join(dir, '.inventory.yaml'), 'all:\n  hosts:\n    web1: { connection: local }\n');
  const report = await runEngine({ playbook: join(dir, '.play.yaml'), inventory: join(dir, '.inventory.yaml'), settings: { check, extraVars: { root: dir } } });
  const order: HostStatus[] = ['unreachable', 'failed', 'changed', 'ok', 'skipped'];
  const byTask: HostStatus[][] = [];
  for (const e of report.events) {
    if (e.type === 'task-start') byTask.push([]);
    if (e.type === 'host-result') byTask.at(-1)!.push(e.status);
  }
  return byTask.map((s) => order.find((o) => s.includes(o)) ?? 'ok');
}

/** Every path below the folder (the playbook files left out): kind, mode, content or link target. */
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

/** Why: one test per case, the same comparisons for every parity file. */
export function parityTests(cases: Case[]): void {
  for (const c of cases) {
    test(`parity: ${c.name}`, async () => {
      const ours = prepare(c);
      const theirs = prepare(c);
      try {
        if (c.check) {
          assert.equal(await runBcPlay(ours, true), runAnsible(theirs, true), 'per-task statuses under --check before the first run');
          assert.equal(tree(ours), tree(theirs), 'files after --check (none changed)');
        }
        const expected = runAnsible(theirs);
        assert.equal(await runBcPlay(ours), expected, 'per-task statuses of the first run');
        assert.equal(tree(ours), tree(theirs), 'files after the first run');
        const again = runAnsible(theirs);
        assert.equal(await runBcPlay(ours), again, 'per-task statuses of the rerun');
        console.log(`  ${c.name}: first run ${expected.join(' ')}; rerun ${again.join(' ')}`);
        assert.equal(tree(ours), tree(theirs), 'files after the rerun');
      } finally {
        rmSync(ours, { recursive: true, force: true });
        rmSync(theirs, { recursive: true, force: true });
      }
    });
  }
  test.run();
}
