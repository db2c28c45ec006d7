// A service bundled on the controller (services/build.ts) and named by its content, once per run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BcError } from '../../errors.js';

/** One bundled service: its files (paths relative to the release dir) and a content id. */
export interface Bundle {
  id: string;
  files: { path: string; content: Buffer }[];
  bytes: number;
}

const cache = new Map<string, Bundle>();
const ROOT = new URL('../../../../', import.meta.url).pathname;
const BUILD = join(ROOT, 'dist/services/build.js');
const CACHE_DIR = resolve('.bc-play/cache/bundles');

/**
 * Why: planners are synchronous and bundleService is async, so the bundle is built by a child
 * node process; the id is a hash of the files, which makes an unchanged service a no-op deploy.
 * Bundles are kept on disk under a hash of their sources, so a rerun with unchanged services
 * spends milliseconds here instead of seconds of esbuild.
 */
export function bundle(service: string): Bundle {
  const hit = cache.get(service);
  if (hit) return hit;
  const stored = join(CACHE_DIR, `${service}-${sourcesHash(service)}`);
  if (!existsSync(join(stored, '.complete'))) build(service, stored);
  const made = fromFiles(stored, listFiles(stored).filter((p) => !p.endsWith('.complete')));
  cache.set(service, made);
  return made;
}

function build(service: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const script = 'const [build, name, out] = process.argv.slice(1); const m = await import(build); console.log(JSON.stringify(await m.bundleService(name, out)));';
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, BUILD, service, dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new BcError(`cannot bundle service ${service}: ${(r.stderr || r.stdout).trim()}`, undefined, 'run `npm run build`, and check services/' + service);
  }
  writeFileSync(join(dir, '.complete'), '');
}

/** The service's inputs: every source and asset under services/ but tests, and the lock file. */
function sourcesHash(service: string): string {
  const hash = createHash('sha256').update(service);
  const sources = listFiles(join(ROOT, 'services')).filter((p) => !/\/(test|test-support)\//.test(p));
  for (const path of [...sources, join(ROOT, 'package-lock.json')].sort()) {
    hash.update(`${relative(ROOT, path)}\0`).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Why: a controller directory taken as it is (test services, prebuilt releases), named the same way. */
export function directoryBundle(dir: string): Bundle {
  const root = resolve(dir);
  return fromFiles(root, listFiles(root));
}

function fromFiles(root: string, paths: string[]): Bundle {
  const files = [...paths].sort().map((p) => ({ path: relative(root, p), content: readFileSync(p) }));
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.content.length}\0`).update(f.content);
  return { id: hash.digest('hex').slice(0, 12), files, bytes: files.reduce((n, f) => n + f.content.length, 0) };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
