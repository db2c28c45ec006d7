// The benchmark, one command: `npm run build && node dist/bench/run.js` (root). Runs the scenarios
// for bc-play and Ansible, alternating, and writes bench/RESULTS.md (see bench/README.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAnsible } from './ansible.js';
import { runNoopScenario } from './noop-scenario.js';
import { parseBenchArgs, USAGE, type BenchOptions } from './options.js';
import { mergeResults, renderResults, type ResultsFile, type ScenarioResult } from './results.js';
import { runSiteScenarios } from './site-scenario.js';

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

async function runScenarios(options: BenchOptions, ansibleVersion: string): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const stamp = (r: ScenarioResult): ScenarioResult => ({ ...r, measuredOn: new Date().toISOString().slice(0, 10), machine: machine(ansibleVersion) });
  if (options.scenarios.includes(2)) {
    const sizes = options.smoke ? { hosts: 2, tasks: 5 } : { hosts: 3, tasks: 50 };
    results.push(stamp(await runNoopScenario({ id: 2, title: `Per-task overhead: ${sizes.tasks} no-op tasks × ${sizes.hosts} hosts`, ...sizes, reps: options.reps, memory: false }, log)));
  }
  if (options.scenarios.includes(4)) {
    const sizes = { hosts: options.hosts, tasks: options.smoke ? 3 : 20 };
    results.push(stamp(await runNoopScenario({ id: 4, title: `${sizes.hosts} hosts × ${sizes.tasks} no-op tasks`, ...sizes, reps: options.reps, memory: true }, log)));
  }
  const site = options.scenarios.filter((id) => id === 1 || id === 3);
  if (site.length) results.push(...(await runSiteScenarios(site, options.reps, log)).map((r) => (r.notMeasured ? r : stamp(r))));
  return results.sort((a, b) => a.id - b.id);
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
  const ansibleVersion = ensureAnsible(log);
  const results = await runScenarios(options, ansibleVersion);
  const command = `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim();
  if (options.smoke) {
    process.stdout.write(renderResults({ scenarios: results }, command));
    return 0;
  }
  const previous: ResultsFile = existsSync(RESULTS_JSON) ? (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsFile) : { scenarios: [] };
  const merged = mergeResults(previous, results);
  writeFileSync(RESULTS_JSON, `${JSON.stringify(merged, null, 2)}\n`);
  const text = renderResults(merged, 'node dist/bench/run.js');
  writeFileSync(RESULTS_MD, text);
  process.stdout.write(text);
  return 0;
}

process.exitCode = await main();
