#!/usr/bin/env node
// Runs every uvu suite (or the ones named) from the compiled tree and ends with one plain
// "N passed, N failed" line that sums them all, the line CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = {
  unit: ['dist/test/unit'],
  parity: ['dist/test/parity'],
  ssh: ['dist/test/ssh'],
  services: ['dist/services'],
  lab: ['dist/test/lab'],
  e2e: ['dist/test/e2e'],
  bench: ['dist/test/bench'],
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ['unit', 'ssh', 'services'];
for (const name of names) {
  if (!SUITES[name]) {
    console.error(`unknown suite "${name}"; suites: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : testFiles(path);
    return path.endsWith('.test.js') ? [path] : [];
  });
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
for (const name of names) {
  for (const dir of SUITES[name]) {
    for (const file of testFiles(dir).sort()) {
      console.log(`\n# ${name}: ${file}`);
      const run = spawnSync(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
      process.stdout.write(run.stdout);
      const out = stripAnsi(run.stdout);
      const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
      if (Number.isNaN(total) || Number.isNaN(ok)) {
        console.log(`# ${file} exited ${run.status ?? run.signal} without a uvu summary: counted as 1 failure`);
        failed += 1;
        continue;
      }
      passed += ok;
      failed += total - ok - skipped;
      if (run.status !== 0 && total - ok - skipped === 0) failed += 1;
    }
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
