// Scenarios 2 and 4: N hosts × M no-op tasks on loopback sshd endpoints, bc-play and Ansible
// alternating, each run checked to have changed nothing; memory measured in one extra run each.
import { workspace, type Workspace } from '../test/support/engine.js';
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

/** The two playbooks, inventories and Ansible's config of one scenario; each tool writes under `files/TOOL/` (made by its first task). */
function writeWorkspace(fleet: LoopbackFleet, tasks: number): Workspace {
  const kinds = noopMix(tasks);
  const inventory = (vars: string, host: (e: LoopbackFleet['endpoints'][number]) => string): string =>
    ['all:', `  vars: { ${vars} }`, '  hosts:', ...fleet.endpoints.map((e) => `    ${e.name}: { ${host(e)} }`), ''].join('\n');
  return workspace({
    'bc-play/play.yaml': noopPlaybook(kinds, 'bc-play'),
    'bc-play/templates/t.ejs': TEMPLATE_EJS,
    'bc-play/inventory.yaml': inventory(`ssh_user: root, ssh_private_key: ${fleet.privateKey}, ssh_known_hosts: ${fleet.knownHosts}`, (e) => `address: ${e.address}, ssh_port: ${e.port}`),
    'ansible/play.yaml': noopPlaybook(kinds, 'ansible'),
    'ansible/templates/t.j2': TEMPLATE_J2,
    'ansible/inventory.yaml': inventory(`ansible_user: root, ansible_ssh_private_key_file: ${fleet.privateKey}`, (e) => `ansible_host: ${e.address}, ansible_port: ${e.port}`),
    'ansible/ansible.cfg': ansibleConfig(fleet.endpoints.length, fleet.knownHosts),
  });
}

/** Why: one measured run per tool, checked, with the sshd sessions it opened per host. */
function runners(ws: Workspace, fleet: LoopbackFleet, log: (line: string) => void) {
  const names = fleet.endpoints.map((e) => e.name);
  const forks = String(fleet.endpoints.length);
  const counted = async (run: () => Promise<Measured>): Promise<{ run: Measured; sessionsPerHost: number }> => {
    const before = fleet.sessions();
    const result = await run();
    return { run: result, sessionsPerHost: (fleet.sessions() - before) / names.length };
  };
  return {
    bcPlay: async (expectNoChange: boolean, sampleEveryMs?: number) => {
      const r = await counted(() => runBcPlay(ws.path('bc-play/play.yaml'), ws.path('bc-play/inventory.yaml'), ['-f', forks, '-e', `root=${ws.path('files/bc-play')}`], { sampleEveryMs }));
      checkRun('bc-play', r.run, bcPlayRecap(r.run.stdout), names, expectNoChange);
      if (expectNoChange) log(`bc-play: no-op run checked: 0 changed on ${names.length} hosts`);
      return r;
    },
    ansible: async (expectNoChange: boolean, sampleEveryMs?: number) => {
      const r = await counted(() => runAnsible(ws.path('ansible/ansible.cfg'), ws.path('ansible/play.yaml'), ws.path('ansible/inventory.yaml'), ['-e', `root=${ws.path('files/ansible')}`], { sampleEveryMs }));
      checkRun('ansible-playbook', r.run, parseRecap(r.run.stdout), names, expectNoChange);
      if (expectNoChange) log(`ansible-playbook: no-op run checked: 0 changed on ${names.length} hosts`);
      return r;
    },
  };
}

/** Why: the per-task and the many-hosts scenarios differ only in their sizes. */
export async function runNoopScenario(s: NoopScenario, log: (line: string) => void): Promise<ScenarioResult> {
  const fleet = await startLoopbackFleet(s.hosts);
  const ws = writeWorkspace(fleet, s.tasks);
  try {
    const tool = runners(ws, fleet, log);
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
    ws.remove();
    await fleet.stop();
  }
}
