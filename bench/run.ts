// The benchmark, one command: `npm run build && node dist/bench/run.js` (root). Runs the scenarios
// for bc-play and Ansible, alternating, and writes bench/RESULTS.md (see bench/README.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansibleVersion as readAnsibleVersion } from './ansible.js';
import { runNoopScenario } from './noop-scenario.js';
import { parseBenchArgs, USAGE, type BenchOptions } from './options.js';
import { mergeResults, renderResults, type ResultsFile, type ScenarioResult } from './results.js';
import { runSiteScenarios } from './site-scenario.js';
import { ensureTestPrerequisites } from '../test/support/prerequisites.js';

const BENCH_DIR = fileURLToPath(new URL('../../bench/', import.meta.url));
const RESULTS_JSON = join(BENCH_DIR, 'results.json');
const RESULTS_MD = join(BENCH_DIR, 'RESULTS.md');

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function machine(ansibleVersion: string): string {
  const cpu = cpus();
  const debian = existsSync('/etc/debian_version') ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}` : process.platform;
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpu.length} vCPU ${model}, ${Math.round(totalmem() / 2 ** 30)} GB, ${debian}, Node ${process.versions.node}, ansible-core ${ansibleVersion}`;
}

/** Scenario 4 runs at most this often: one Ansible run at 100 hosts takes minutes on a small machine. */
const MANY_HOSTS_MAX_REPS = 3;

/** Runs the chosen scenarios, handing each result to `done` as soon as it is measured. */
async function runScenarios(options: BenchOptions, ansibleVersion: string, done: (r: ScenarioResult) => void): Promise<void> {
  const stamp = (r: ScenarioResult): ScenarioResult => (r.notMeasured ? r : { ...r, measuredOn: new Date().toISOString().slice(0, 10), machine: machine(ansibleVersion) });
  if (options.scenarios.includes(2)) {
    const sizes = options.smoke ? { hosts: 2, tasks: 5 } : { hosts: 3, tasks: 50 };
    done(stamp(await runNoopScenario({ id: 2, title: `Per-task overhead: ${sizes.tasks} no-op tasks × ${sizes.hosts} hosts`, ...sizes, reps: options.reps, memory: false }, log)));
  }
  if (options.scenarios.includes(4)) {
    const sizes = { hosts: options.hosts, tasks: options.smoke ? 3 : 20 };
    const reps = Math.min(options.reps, MANY_HOSTS_MAX_REPS);
    done(stamp(await runNoopScenario({ id: 4, title: `${sizes.hosts} hosts × ${sizes.tasks} no-op tasks`, ...sizes, reps, memory: true }, log)));
  }
  const site = options.scenarios.filter((id) => id === 1 || id === 3);
  if (site.length) (await runSiteScenarios(site, options.reps, log)).forEach((r) => done(stamp(r)));
}

/** Why: a long run that is interrupted keeps what it measured so far. */
function saveResult(result: ScenarioResult): void {
  const previous: ResultsFile = existsSync(RESULTS_JSON) ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsFile) : { scenarios: [] };
  const merged = mergeResults(previous, [result]);
  writeFileSync(RESULTS_JSON, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(RESULTS_MD, renderResults(merged, 'node dist/bench/run.js'));
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    log((error as Error).message);
    return 2;
  }
  if (process.getuid?.() !== 0) {
    log(`the benchmark needs root (it starts sshd, installs ansible-core, runs the lab)\n${USAGE}`);
    return 2;
  }
  // Ctrl-C or kill: exit normally, so the sshd and Ansible's masters are stopped by their exit hooks
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  try {
    await ensureTestPrerequisites(['bench'], log, 'node dist/bench/run.js');
  } catch (error) {
    log((error as Error).message);
    return 1;
  }
  const ansibleVersion = readAnsibleVersion();
  const results: ScenarioResult[] = [];
  await runScenarios(options, ansibleVersion, (result) => {
    results.push(result);
    if (!options.smoke) saveResult(result);
  });
  const command = options.smoke ? 'node dist/bench/run.js --smoke' : 'node dist/bench/run.js';
  process.stdout.write(options.smoke ? renderResults({ scenarios: results }, command) : readFileSync(RESULTS_MD, 'utf8'));
  return 0;
}

process.exitCode = await main();
