// bench/RESULTS.md, rendered from the measurements (kept in bench/results.json so a run of some
// scenarios keeps the others' last numbers): the table the issue asks for, then each scenario's detail.
import { median } from './measure.js';

export interface ScenarioResult {
  id: number;
  title: string;
  /** What the hosts were: "100 loopback sshd endpoints", "the lab's 3 nspawn hosts". */
  targets: string;
  hosts: number;
  /** Tasks per host (per run); for the site scenarios, as counted by bc-play's recap. */
  tasks: number;
  bcplayMs: number[];
  ansibleMs: number[];
  /** SSH sessions (commands, SFTP) sshd started per host in one measured run. */
  sessionsPerHost?: { bcplay: number; ansible: number };
  /** Scenario 3: per bc-play run, the time its apt tasks took (slowest host per task, summed). */
  bcplayAptMs?: number[];
  memory?: { bcplayOwnMb: number; bcplayTreeMb: number; ansibleOwnMb: number; ansibleTreeMb: number };
  /** Set instead of the timings when the scenario could not run; says why. */
  notMeasured?: string;
  note?: string;
  measuredOn?: string;
  machine?: string;
}

export interface ResultsFile {
  scenarios: ScenarioResult[];
}

/** Why: a run of scenarios 2 and 4 must not erase the last measurement of 1 and 3. */
export function mergeResults(previous: ResultsFile, fresh: ScenarioResult[]): ResultsFile {
  const byId = new Map(previous.scenarios.map((s) => [s.id, s]));
  for (const s of fresh) {
    const old = byId.get(s.id);
    // a "could not run" never replaces numbers measured earlier
    if (s.notMeasured && old && !old.notMeasured) continue;
    byId.set(s.id, s);
  }
  return { scenarios: [...byId.values()].sort((a, b) => a.id - b.id) };
}

const ms = (v: number): string => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** Why: the targets of the issue, checked the same way on every render. */
export function targetVerdicts(s: ScenarioResult): string[] {
  if (s.notMeasured) return [];
  const b = median(s.bcplayMs);
  const a = median(s.ansibleMs);
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  switch (s.id) {
    case 1:
      return [`≥ 10× faster than Ansible: ${(a / b).toFixed(1)}× (${mark(a / b >= 10)})`, `≤ 1.5 s wall: ${ms(b)} (${mark(b <= 1500)})`];
    case 2: {
      const perTaskHost = b / (s.tasks * s.hosts);
      return [`≤ 5 ms per no-op task per host, amortised: ${perTaskHost.toFixed(1)} ms = ${ms(b)} / (${s.tasks} tasks × ${s.hosts} hosts) (${mark(perTaskHost <= 5)}); per task with the hosts in parallel: ${(b / s.tasks).toFixed(1)} ms`];
    }
    case 3: {
      if (!s.bcplayAptMs?.length) return [`bc-play's time on top of the package installs: compare with Ansible's ${ms(a)} (bc-play ${ms(b)})`];
      const apt = median(s.bcplayAptMs);
      return [
        `bc-play's time on top of the package installs: ${ms(b - apt)} of ${ms(b)} went to everything but the apt tasks (those took ${ms(apt)}, slowest host per task, median): ` +
          'service starts and restarts, certificates, PostgreSQL roles, release uploads and health checks included',
      ];
    }
    case 4: {
      const lines = [`≤ 5 s wall: ${ms(b)} (${mark(b <= 5000)})`];
      if (s.memory) lines.push(`≤ 300 MB peak RSS: ${s.memory.bcplayOwnMb.toFixed(0)} MB (${mark(s.memory.bcplayOwnMb <= 300)})`);
      return lines;
    }
    default:
      return [];
  }
}

/** Why: RESULTS.md is written by the script, never by hand. */
export function renderResults(file: ResultsFile, command: string): string {
  const lines = [
    '# bc-play against ansible-playbook',
    '',
    `Written by \`${command}\` (see bench/README.md). Wall time of the whole command, start to exit,`,
    'median of the measured runs; bc-play and Ansible alternate. Ratio = Ansible / bc-play.',
    '',
    '| scenario | bc-play | Ansible | ratio | machine |',
    '|---|---|---|---|---|',
  ];
  for (const s of file.scenarios) {
    if (s.notMeasured) {
      lines.push(`| ${s.id}. ${s.title} | not measured | not measured | – | ${s.notMeasured} |`);
      continue;
    }
    const b = median(s.bcplayMs);
    const a = median(s.ansibleMs);
    lines.push(`| ${s.id}. ${s.title} | ${ms(b)} | ${ms(a)} | ${(a / b).toFixed(1)}× | ${s.machine ?? ''} |`);
  }
  for (const s of file.scenarios) {
    lines.push('', `## ${s.id}. ${s.title}`, '');
    if (s.notMeasured) {
      lines.push(`Not measured: ${s.notMeasured}.`);
      continue;
    }
    lines.push(
      `- hosts: ${s.targets}${s.tasks ? `; ${s.tasks} tasks per host` : ''}; measured ${s.measuredOn ?? ''}`,
      `- bc-play runs (ms): ${s.bcplayMs.map((v) => v.toFixed(0)).join(', ')}`,
      `- Ansible runs (ms): ${s.ansibleMs.map((v) => v.toFixed(0)).join(', ')}`,
    );
    if (s.sessionsPerHost) {
      lines.push(`- SSH sessions per host per run (sshd's log): bc-play ${fmt(s.sessionsPerHost.bcplay)}, Ansible ${fmt(s.sessionsPerHost.ansible)}`);
    }
    if (s.memory) {
      lines.push(
        `- controller peak memory: bc-play ${s.memory.bcplayOwnMb.toFixed(0)} MB RSS (VmHWM), ${s.memory.bcplayTreeMb.toFixed(0)} MB PSS; ` +
          `Ansible ${s.memory.ansibleTreeMb.toFixed(0)} MB PSS summed over ansible-playbook, its workers and ssh clients (main process ${s.memory.ansibleOwnMb.toFixed(0)} MB RSS); sampled every 100 ms`,
      );
    }
    for (const verdict of targetVerdicts(s)) lines.push(`- target: ${verdict}`);
    if (s.note) lines.push(`- ${s.note}`);
  }
  return `${lines.join('\n')}\n`;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
