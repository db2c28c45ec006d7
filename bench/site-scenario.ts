// Scenarios 1 and 3 on the lab's hosts: the fleet's site.yaml for bc-play, bench/ansible/site.yaml
// for Ansible. Only one lab fits this machine: the lab session (test/support/lab-session.ts) holds
// /tmp/bc-play-lab.lock throughout (or runs under a `flock` that holds it), refuses to start when a
// lab is already up, and takes down only the lab it started.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadInventory } from '../lib/inventory/load.js';
import { prepareArtifacts } from '../lib/artifacts/artifacts.js';
import { ensureLabUp, labDown, type LabHosts } from '../lib/lab/index.js';
import { ansibleConfig, parseRecap, runAnsible } from './ansible.js';
import { aptTaskMs, bcPlayRecap, checkRun, runBcPlay } from './bcplay.js';
import { labSession } from '../test/support/lab-session.js';
import type { Measured } from './measure.js';
import type { ScenarioResult } from './results.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ANSIBLE_SITE = join(REPO, 'bench/ansible/site.yaml');
const TITLES: Record<number, string> = { 1: 'Full site, nothing to change (the lab)', 3: 'First converge of fresh lab hosts' };

/** Why: scenarios 1 and 3 share one lab session; a busy lab yields rows that say so, not a failure. */
export async function runSiteScenarios(ids: number[], reps: number, log: (line: string) => void): Promise<ScenarioResult[]> {
  const skipped = (why: string): ScenarioResult[] =>
    ids.map((id) => ({ id, title: TITLES[id], targets: 'lab', hosts: 3, tasks: 0, bcplayMs: [], ansibleMs: [], notMeasured: why }));
  if (!existsSync(ANSIBLE_SITE)) return skipped(`${ANSIBLE_SITE.slice(REPO.length)} (the fleet's roles for Ansible) is not written yet`);
  const session = labSession('the benchmark', log);
  try {
    await session.claim();
  } catch (error) {
    return skipped((error as Error).message);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bcplay-bench-site-'));
  try {
    const results: ScenarioResult[] = [];
    if (ids.includes(3)) results.push(await firstConverge(dir, reps, log));
    if (ids.includes(1)) results.push(await siteNoop(dir, reps, log));
    return results;
  } finally {
    await session.release();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function labUp(log: (line: string) => void): Promise<LabHosts> {
  log('bc-play lab up');
  return ensureLabUp(loadInventory(join(REPO, 'inventory.yaml')), { log });
}

/** Why: both tools reach the lab hosts the same way, without bc-play's --lab start-up check in the timing. */
async function writeInventories(dir: string, labHosts: LabHosts): Promise<{ bc: string; ansible: string; config: string; hosts: string[]; releases: string }> {
  const inventory = parse(readFileSync(join(REPO, 'inventory.yaml'), 'utf8')) as Group;
  const names: string[] = [];
  visitHosts(inventory.all ?? inventory, (name, vars) => {
    const found = labHosts.get(name);
    if (!found) throw new Error(`lab state has no host ${name}`);
    names.push(name);
    return { ...vars, ...found };
  });
  const bc = join(dir, 'inventory.yaml');
  writeFileSync(bc, stringify(inventory));
  const first = [...labHosts.values()][0];
  // The same groups and variables for Ansible (bench/ansible/group_vars re-states the JavaScript ones).
  const ansibleInventory = structuredClone(inventory);
  visitHosts(ansibleInventory.all ?? ansibleInventory, (name, vars) => {
    const lab = labHosts.get(name)!;
    return { ...vars, ansible_host: lab.address, ansible_port: lab.ssh_port, ansible_user: 'root', ansible_ssh_private_key_file: lab.ssh_private_key };
  });
  const ansible = join(dir, 'ansible-hosts.yaml');
  writeFileSync(ansible, stringify(ansibleInventory));
  const config = join(dir, 'ansible.cfg');
  writeFileSync(config, ansibleConfig(names.length, first.ssh_known_hosts));
  return { bc, ansible, config, hosts: names, releases: await writeReleases(dir) };
}

/**
 * Why: Ansible deploys the very releases bc-play bundles (same files, same content id), so each
 * service of site.yaml is bundled here, untimed, into RELEASES/SERVICE for bench/ansible to copy.
 */
async function writeReleases(dir: string): Promise<string> {
  const releases = join(dir, 'releases');
  if (existsSync(releases)) return releases;
  const plays = parse(readFileSync(join(REPO, 'playbooks/site.yaml'), 'utf8')) as { roles?: (string | { service?: string })[] }[];
  const services = new Set(plays.flatMap((p) => p.roles ?? []).flatMap((r) => (typeof r === 'object' && r.service ? [r.service] : [])));
  for (const service of services) {
    // The request of roles/node-service/defaults.yaml (service_build): the same build, the same files.
    const request = { command: ['node', 'dist/services/build.js', service, '%o'], inputs: ['services', 'package-lock.json'] };
    for (const file of [...(await prepareArtifacts([request])).values()][0].files) {
      const path = join(releases, service, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  }
  return releases;
}

interface Group {
  all?: Group;
  hosts?: Record<string, Record<string, unknown> | null>;
  children?: Record<string, Group | null>;
}

function visitHosts(group: Group, update: (name: string, vars: Record<string, unknown>) => Record<string, unknown>): void {
  for (const [name, vars] of Object.entries(group.hosts ?? {})) group.hosts![name] = update(name, vars ?? {});
  for (const child of Object.values(group.children ?? {})) if (child) visitHosts(child, update);
}

/** The lab hosts as Ansible needs them: python3 (bc-play needs none); not part of any timing. */
function prepareForAnsible(hosts: { ansible: string; config: string }, log: (line: string) => void): void {
  log('installing python3 on the lab hosts for Ansible (not measured)');
  const run = spawnSync('ansible', ['all', '-i', hosts.ansible, '-m', 'raw', '-a', 'command -v python3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-apt; }'], {
    env: { ...process.env, ANSIBLE_CONFIG: hosts.config },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`python3 for Ansible failed:\n${run.stdout}\n${run.stderr}`);
}

function ansibleVars(releases: string): string[] {
  const path = join(REPO, '.bc-play/secrets.yaml');
  const secrets = existsSync(path) ? (parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  return ['-e', JSON.stringify({ secrets, bc_releases_dir: releases })];
}

function tools(files: Awaited<ReturnType<typeof writeInventories>>) {
  const site = join(REPO, 'playbooks/site.yaml');
  return {
    bcplay: async (expectNoChange: boolean): Promise<Measured> => {
      const run = await runBcPlay(site, files.bc, [], { cwd: REPO });
      checkRun('bc-play', run, bcPlayRecap(run.stdout), files.hosts, expectNoChange);
      return run;
    },
    ansible: async (expectNoChange: boolean): Promise<Measured> => {
      const run = await runAnsible(files.config, ANSIBLE_SITE, files.ansible, ansibleVars(files.releases), { cwd: join(REPO, 'bench/ansible') });
      checkRun('ansible-playbook', run, parseRecap(run.stdout), files.hosts, expectNoChange);
      return run;
    },
  };
}

/** Scenario 3: each repetition destroys the hosts, boots them fresh and converges them with one tool. */
async function firstConverge(dir: string, reps: number, log: (line: string) => void): Promise<ScenarioResult> {
  const bcplay: number[] = [];
  const ansible: number[] = [];
  const apt: number[] = [];
  let hosts = 0;
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (['bcplay', 'ansible'] as const) : (['ansible', 'bcplay'] as const);
    for (const which of order) {
      await labDown({ log });
      const files = await writeInventories(dir, await labUp(log));
      hosts = files.hosts.length;
      prepareForAnsible(files, log);
      const run = await tools(files)[which](false);
      (which === 'bcplay' ? bcplay : ansible).push(run.wallMs);
      if (which === 'bcplay') apt.push(aptTaskMs(run.stdout));
      log(`scenario 3 rep ${rep + 1}/${reps}: ${which} ${(run.wallMs / 1000).toFixed(1)} s`);
    }
  }
  return {
    id: 3,
    title: TITLES[3],
    targets: `the lab's ${hosts} nspawn hosts (Debian trixie), destroyed and booted fresh before every run`,
    hosts,
    tasks: 0,
    bcplayMs: bcplay,
    ansibleMs: ansible,
    bcplayAptMs: apt,
    note: 'python3 and python3-apt are installed on the fresh hosts before every run of either tool, untimed (Ansible needs them, bc-play does not).',
  };
}

/** Scenario 1: converge once with each tool, then time no-op runs alternately. */
async function siteNoop(dir: string, reps: number, log: (line: string) => void): Promise<ScenarioResult> {
  const files = await writeInventories(dir, await labUp(log));
  prepareForAnsible(files, log);
  const tool = tools(files);
  await tool.bcplay(false);
  await tool.ansible(false);
  await tool.bcplay(true); // Ansible's converge left nothing bc-play would change: same work
  const bcplay: number[] = [];
  const ansible: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (['bcplay', 'ansible'] as const) : (['ansible', 'bcplay'] as const);
    for (const which of order) {
      const run = await tool[which](true);
      (which === 'bcplay' ? bcplay : ansible).push(run.wallMs);
      log(`scenario 1 rep ${rep + 1}/${reps}: ${which} ${run.wallMs.toFixed(0)} ms`);
    }
  }
  const n = files.hosts.length;
  return { id: 1, title: TITLES[1], targets: `the lab's ${n} nspawn hosts (Debian trixie)`, hosts: n, tasks: 0, bcplayMs: bcplay, ansibleMs: ansible };
}
