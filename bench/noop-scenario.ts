// Scenarios 2 and 4: N hosts × M no-op tasks on loopback sshd endpoints, bc-play and Ansible
// alternating, each run checked to have changed nothing; memory measured in one extra run each.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansibleConfig, parseRecap, runAnsible } from './ansible.js';
import { bcPlayRecap, checkRun, runBcPlay } from './bcplay.js';
import { startLoopbackFleet, type LoopbackFleet } from './loopback.js';
import { noopMix, noopPlaybook, TEMPLATE_EJS, TEMPLATE_J2 } from './noop-playbooks.js';
import type { Measured } from './measure.js';
import type { ScenarioResult } from './results.js';

export interface NoopScenario {
  id: number;
  title: string;
  hosts: number;
  tasks: number;
  reps: number;
  /** Also measure peak controller memory (one extra run per tool, sampled). */
  memory: boolean;
}

interface Workspace {
  dir: string;
  bcPlaybook: string;
  bcInventory: string;
  ansiblePlaybook: string;
  ansibleInventory: string;
  ansibleConfig: string;
  root: string;
}

function writeWorkspace(fleet: LoopbackFleet, tasks: number): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'bcplay-bench-'));
  const kinds = noopMix(tasks, false);
  const files: Record<string, string> = {
    'bc-play/play.yaml': noopPlaybook(kinds, 'bc-play'),
    'bc-play/templates/t.ejs': TEMPLATE_EJS,
    'bc-play/inventory.yaml': [
      'all:',
      `  vars: { ssh_user: root, ssh_private_key: ${fleet.privateKey}, ssh_known_hosts: ${fleet.knownHosts} }`,
      '  hosts:',
      ...fleet.endpoints.map((e) => `    ${e.name}: { address: ${e.address}, ssh_port: ${e.port} }`),
      '',
    ].join('\n'),
    'ansible/play.yaml': noopPlaybook(kinds, 'ansible'),
    'ansible/templates/t.j2': TEMPLATE_J2,
    'ansible/inventory.yaml': [
      'all:',
      `  vars: { ansible_user: root, ansible_ssh_private_key_file: ${fleet.privateKey} }`,
      '  hosts:',
      ...fleet.endpoints.map((e) => `    ${e.name}: { ansible_host: ${e.address}, ansible_port: ${e.port} }`),
      '',
    ].join('\n'),
    'ansible/ansible.cfg': ansibleConfig(Math.max(fleet.endpoints.length, 5), fleet.knownHosts),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  mkdirSync(join(dir, 'files', 'bc-play'), { recursive: true });
  mkdirSync(join(dir, 'files', 'ansible'), { recursive: true });
  return {
    dir,
    bcPlaybook: join(dir, 'bc-play/play.yaml'),
    bcInventory: join(dir, 'bc-play/inventory.yaml'),
    ansiblePlaybook: join(dir, 'ansible/play.yaml'),
    ansibleInventory: join(dir, 'ansible/inventory.yaml'),
    ansibleConfig: join(dir, 'ansible/ansible.cfg'),
    root: join(dir, 'files'),
  };
}

/** Why: one measured run per tool, checked, with the sshd sessions it opened per host. */
function runners(ws: Workspace, fleet: LoopbackFleet) {
  const names = fleet.endpoints.map((e) => e.name);
  const forks = String(fleet.endpoints.length);
  const counted = async (run: () => Promise<Measured>): Promise<{ run: Measured; sessionsPerHost: number }> => {
    const before = fleet.sessions();
    const result = await run();
    return { run: result, sessionsPerHost: (fleet.sessions() - before) / names.length };
  };
  return {
    bcPlay: async (expectNoChange: boolean, sampleEveryMs?: number) => {
      const r = await counted(() => runBcPlay(ws.bcPlaybook, ws.bcInventory, ['-f', forks, '-e', `root=${ws.root}/bc-play`], { sampleEveryMs }));
      checkRun('bc-play', r.run, bcPlayRecap(r.run.stdout), names, expectNoChange);
      return r;
    },
    ansible: async (expectNoChange: boolean, sampleEveryMs?: number) => {
      const r = await counted(() => runAnsible(ws.ansibleConfig, ws.ansiblePlaybook, ws.ansibleInventory, ['-e', `root=${ws.root}/ansible`], { sampleEveryMs }));
      checkRun('ansible-playbook', r.run, parseRecap(r.run.stdout), names, expectNoChange);
      return r;
    },
  };
}

/** Why: the per-task and the many-hosts scenarios differ only in their sizes. */
export async function runNoopScenario(s: NoopScenario, log: (line: string) => void): Promise<ScenarioResult> {
  const fleet = await startLoopbackFleet(s.hosts);
  const ws = writeWorkspace(fleet, s.tasks);
  try {
    const tool = runners(ws, fleet);
    log(`scenario ${s.id}: converging once (not measured)`);
    await tool.bcPlay(false);
    await tool.ansible(false);
    const bcplay: number[] = [];
    const ansible: number[] = [];
    const sessions = { bcplay: 0, ansible: 0 };
    for (let rep = 0; rep < s.reps; rep++) {
      // alternate which tool goes first, so neither always runs on a machine the other just warmed
      const order = rep % 2 === 0 ? (['bcplay', 'ansible'] as const) : (['ansible', 'bcplay'] as const);
      for (const which of order) {
        const r = which === 'bcplay' ? await tool.bcPlay(true) : await tool.ansible(true);
        (which === 'bcplay' ? bcplay : ansible).push(r.run.wallMs);
        sessions[which] = r.sessionsPerHost;
        log(`scenario ${s.id} rep ${rep + 1}/${s.reps}: ${which} ${r.run.wallMs.toFixed(0)} ms, ${r.sessionsPerHost} SSH sessions per host`);
      }
    }
    const result: ScenarioResult = {
      id: s.id,
      title: s.title,
      targets: `${s.hosts} loopback sshd endpoints on this machine`,
      hosts: s.hosts,
      tasks: s.tasks,
      bcplayMs: bcplay,
      ansibleMs: ansible,
      sessionsPerHost: sessions,
    };
    if (s.memory) {
      const b = await tool.bcPlay(true, 100);
      const a = await tool.ansible(true, 100);
      result.memory = { bcplayOwnMb: b.run.peakOwnMb!, bcplayTreeMb: b.run.peakTreeMb!, ansibleTreeMb: a.run.peakTreeMb!, ansibleOwnMb: a.run.peakOwnMb! };
      log(`scenario ${s.id} memory: bc-play VmHWM ${b.run.peakOwnMb!.toFixed(0)} MB, Ansible tree PSS ${a.run.peakTreeMb!.toFixed(0)} MB`);
    }
    return result;
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
    await fleet.stop();
  }
}
