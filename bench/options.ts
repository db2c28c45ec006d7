// The benchmark's command line: which scenarios, how many repetitions, and the smoke mode CI runs.

export interface BenchOptions {
  scenarios: number[];
  reps: number;
  /** Hosts of scenario 4. */
  hosts: number;
  /** One repetition at small sizes, nothing written: CI's check that the benchmark still runs. */
  smoke: boolean;
}

export const USAGE = 'usage: node dist/bench/run.js [--scenarios 1,2,3,4] [--reps N] [--hosts N] [--smoke]';

/** Why: one parser, so README, usage line and behaviour agree; a mistake throws with the usage. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { scenarios: [1, 2, 3, 4], reps: 5, hosts: 100, smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    const count = (min: number, max: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${arg} takes a whole number from ${min} to ${max}, not "${v}"\n${USAGE}`);
      return n;
    };
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--reps') options.reps = count(1, 100);
    else if (arg === '--hosts') options.hosts = count(1, 254);
    else if (arg === '--scenarios') {
      const v = value();
      const ids = v.split(',').map(Number);
      if (ids.some((id) => ![1, 2, 3, 4].includes(id))) throw new Error(`--scenarios takes a list of 1, 2, 3, 4, not "${v}"\n${USAGE}`);
      options.scenarios = [...new Set(ids)].sort();
    } else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (options.smoke) return { ...options, scenarios: options.scenarios.filter((id) => id === 2 || id === 4), reps: 1, hosts: Math.min(options.hosts, 4) };
  return options;
}
