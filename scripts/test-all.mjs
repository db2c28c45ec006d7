#!/usr/bin/env node
// Runs every uvu suite (or the suites or folders named) from the compiled tree, one process per
// file, and ends with one plain "N passed, N failed[, N skipped]" line, the line CI reads.
// Counts come from what each file recorded through ./test-runner/uvu.mjs, never from its output;
// a file that crashes, hangs, runs no test or whose before() throws is a failure with its reason.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countFile } from './test-runner/count.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PRELOAD = pathToFileURL(join(REPO, 'scripts/test-runner/preload.mjs')).href;

const UNIT_LIMIT = 3 * 60;
const BENCH_LIMIT = 20 * 60;
/** The backup drills alone take ~15 min on a loaded 2-core machine (their RTO budget is 15 min). */
const LAB_LIMIT = 45 * 60;
/** Between SIGTERM and SIGKILL: a lab suite takes down its lab when told to stop (test/support/lab-session.ts). */
const GRACE_SECONDS = 60;
/** Folder and time limit per file (seconds) of each suite. */
const SUITES = {
  unit: { dir: 'dist/test/unit', limit: UNIT_LIMIT },
  parity: { dir: 'dist/test/parity', limit: BENCH_LIMIT },
  ssh: { dir: 'dist/test/ssh', limit: UNIT_LIMIT },
  services: { dir: 'dist/services', limit: UNIT_LIMIT },
  bench: { dir: 'dist/test/bench', limit: BENCH_LIMIT },
  lab: { dir: 'dist/test/lab', limit: LAB_LIMIT },
  e2e: { dir: 'dist/test/e2e', limit: LAB_LIMIT },
};
const USAGE = `usage: node scripts/test-all.mjs [--build] [--time-limit SECONDS] [--no-prerequisites] [SUITE|FOLDER|FILE...]; suites: ${Object.keys(SUITES).join(', ')}`;

function parseArgs(argv) {
  const options = { targets: [], timeLimit: undefined, prerequisites: true, build: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--time-limit') options.timeLimit = Number(argv[++i]);
    else if (arg === '--no-prerequisites') options.prerequisites = false;
    else if (arg === '--build') options.build = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.targets.push(arg);
  }
  if (options.timeLimit !== undefined && !(options.timeLimit > 0)) throw new Error('--time-limit needs a number of seconds above 0');
  if (!options.targets.length) options.targets = ['unit', 'ssh', 'services'];
  for (const t of options.targets) if (!SUITES[t] && !t.includes('/') && !t.endsWith('.js')) throw new Error(`unknown suite "${t}"`);
  return options;
}

function testFiles(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => {
      const child = join(path, entry);
      if (statSync(child).isDirectory()) return entry === 'node_modules' ? [] : testFiles(child);
      return child.endsWith('.test.js') ? [child] : [];
    });
}

/** The suite a file named by its path belongs to, for its time limit. */
function suiteOf(file) {
  const path = relative(REPO, file);
  return Object.values(SUITES).find((s) => path.startsWith(`${s.dir}/`));
}

/** Runs one file with output streamed through; resolves with how it ended and what it recorded. */
function runFile(file, limitSeconds) {
  const dir = mkdtempSync(join(tmpdir(), 'bcplay-test-result-'));
  const resultFile = join(dir, 'result.json');
  return new Promise((resolve) => {
    // its own process group, so a file over its time limit is stopped with everything it started
    const child = spawn(process.execPath, ['--import', PRELOAD, file], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BC_TEST_RESULT: resultFile },
      detached: true,
    });
    running = child;
    let timedOut = false;
    const stop = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`\n# ${file}: still running after its time limit of ${limitSeconds} s: stopping it`);
      stop('SIGTERM');
      setTimeout(() => stop('SIGKILL'), GRACE_SECONDS * 1000).unref();
    }, limitSeconds * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      stop('SIGKILL'); // what it left behind in its group
      let record;
      try {
        record = JSON.parse(readFileSync(resultFile, 'utf8'));
      } catch {
        record = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ record, exit: { code: code ?? 1, signal, timedOut, limitSeconds } });
    });
  });
}

/** Installs or names what the suites need; false (with the line printed) when something is missing. */
async function prerequisitesMet(options, suites, modulePath) {
  if (!options.prerequisites || !suites.length) return true;
  const { ensureTestPrerequisites } = await import(pathToFileURL(modulePath).href);
  try {
    await ensureTestPrerequisites(suites, (line) => console.log(line));
    return true;
  } catch (error) {
    console.error(error.message);
    console.log('\n0 passed, 1 failed');
    return false;
  }
}

let running;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (running) process.kill(-running.pid, signal);
    process.exit(130);
  });
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const suites = options.targets.filter((t) => SUITES[t]);
  const prerequisites = join(REPO, 'dist/test/support/prerequisites.js');
  // with --build, checked before the build when a build is there (`npm ci` made one): a missing
  // package is named in the first second, not after the compiler
  const early = options.build && existsSync(prerequisites);
  if (early && !(await prerequisitesMet(options, suites, prerequisites))) return 1;
  if (options.build && spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' }).status !== 0) {
    console.log('\n# the build failed (see above)\n\n0 passed, 1 failed');
    return 1;
  }
  if (!early && !(await prerequisitesMet(options, suites, prerequisites))) return 1;
  const total = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  for (const target of options.targets) {
    const suite = SUITES[target];
    const path = suite ? join(REPO, suite.dir) : target;
    const files = existsSync(path) ? testFiles(path) : [];
    if (!files.length) {
      const why = existsSync(path) ? `${relative(REPO, path) || path} holds no test file` : `${relative(REPO, path) || path} does not exist (was \`npm run build\` run?)`;
      console.log(`\n# ${target}: ${why}`);
      total.failed += 1;
      failures.push({ file: target, reason: why });
      continue;
    }
    for (const file of files) {
      const shown = relative(REPO, file) || file;
      console.log(`\n# ${suite ? target : 'file'}: ${shown}`);
      const started = Date.now();
      const { record, exit } = await runFile(file, options.timeLimit ?? (suite ?? suiteOf(file))?.limit ?? UNIT_LIMIT);
      const { counts, failures: found } = countFile(shown, record, exit);
      for (const key of Object.keys(total)) total[key] += counts[key];
      failures.push(...found);
      const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
      console.log(`# ${shown}: ${counts.passed} passed, ${counts.failed} failed${skipped} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  if (failures.length) {
    console.log(`\n# failures`);
    for (const f of failures) console.log(`- ${f.file}${f.test ? `: "${f.test}"` : ''}: ${f.reason}`);
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}

process.exitCode = await main();
