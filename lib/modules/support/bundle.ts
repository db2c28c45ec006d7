// A service bundled on the controller (services/build.ts) and named by its content, once per run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { BcError } from '../../errors.js';

/** One bundled service: its files (paths relative to the release dir) and a content id. */
export interface Bundle {
  id: string;
  files: { path: string; content: Buffer }[];
  bytes: number;
}

const cache = new Map<string, Bundle>();
const BUILD = new URL('../../../services/build.js', import.meta.url).pathname;

/**
 * Why: planners are synchronous and bundleService is async, so the bundle is built by a child
 * node process; the id is a hash of the files, which makes an unchanged service a no-op deploy.
 */
export function bundle(service: string): Bundle {
  const hit = cache.get(service);
  if (hit) return hit;
  const out = mkdtempSync(join(tmpdir(), `bc-play-bundle-${service}-`));
  try {
    const script = 'const [build, name, out] = process.argv.slice(1); const m = await import(build); console.log(JSON.stringify(await m.bundleService(name, out)));';
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, BUILD, service, out], { encoding: 'utf8' });
    if (r.status !== 0) throw new BcError(`cannot bundle service ${service}: ${(r.stderr || r.stdout).trim()}`, undefined, 'run `npm run build`, and check services/' + service);
    const made = fromFiles(out, JSON.parse(r.stdout) as string[]);
    cache.set(service, made);
    return made;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
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
