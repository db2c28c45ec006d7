// What a deploy ships from the controller: a directory taken as it is, or the output of a build
// command run once before planning and kept under a hash of its inputs, named by its content.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BcError } from '../errors.js';

/** Files (paths relative to the artifact's root) and an id that is a hash of them. */
export interface Artifact {
  id: string;
  files: { path: string; content: Buffer }[];
  bytes: number;
}

/**
 * A controller directory as it is, or a build: `command` (argv; `%o` stands for the output
 * directory) run in the working directory, again only when a file under `inputs` changed.
 */
export type ArtifactRequest = { dir: string } | { command: string[]; inputs: string[] };

/** Why: requests from many tasks and hosts that mean the same artifact are prepared once. */
export function artifactKey(request: ArtifactRequest): string {
  return JSON.stringify('dir' in request ? { dir: resolve(request.dir) } : { command: request.command, inputs: request.inputs });
}

const CACHE_DIR = '.bc-play/cache/builds';

/**
 * Why: planners are pure and synchronous; what they ship is made here, before any host is
 * touched, builds in parallel. A build whose inputs did not change since an earlier run is
 * taken from the cache, so a rerun with nothing to deploy spends milliseconds here.
 */
export async function prepareArtifacts(requests: ArtifactRequest[]): Promise<Map<string, Artifact>> {
  const unique = new Map(requests.map((r) => [artifactKey(r), r]));
  const made = await Promise.all([...unique].map(async ([key, r]) => [key, 'dir' in r ? directoryArtifact(r.dir) : await built(r)] as const));
  return new Map(made);
}

async function built(request: { command: string[]; inputs: string[] }): Promise<Artifact> {
  const hash = createHash('sha256').update(JSON.stringify(request.command));
  for (const path of request.inputs.flatMap((i) => listFiles(resolve(i))).sort()) hash.update(`${relative('.', path)}\0`).update(readFileSync(path));
  const dir = resolve(CACHE_DIR, hash.digest('hex').slice(0, 20));
  if (!existsSync(join(dir, '.complete'))) await build(request.command, dir);
  return fromFiles(dir, listFiles(dir).filter((p) => !p.endsWith('/.complete')));
}

function build(command: string[], dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const [program, ...args] = command.map((a) => a.replaceAll('%o', dir));
  return new Promise((done, fail) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const failed = (why: string) => {
      rmSync(dir, { recursive: true, force: true });
      fail(new BcError(`the build \`${command.join(' ')}\` ${why}`, undefined, 'run it by hand in the project folder to see why (npm run build first?)'));
    };
    child.on('error', (e) => failed(`could not start: ${e.message}`));
    child.on('close', (code) => {
      if (code !== 0) return failed(`exited ${code}: ${output.trim().slice(-2000)}`);
      writeFileSync(join(dir, '.complete'), '');
      done();
    });
  });
}

/** Why: a controller directory taken as it is (test services, prebuilt releases), named the same way. */
export function directoryArtifact(dir: string): Artifact {
  const root = resolve(dir);
  if (!existsSync(root)) throw new BcError(`release directory ${dir} does not exist on the controller`);
  return fromFiles(root, listFiles(root));
}

function fromFiles(root: string, paths: string[]): Artifact {
  const files = [...paths].sort().map((p) => ({ path: relative(root, p), content: readFileSync(p) }));
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.content.length}\0`).update(f.content);
  return { id: hash.digest('hex').slice(0, 12), files, bytes: files.reduce((n, f) => n + f.content.length, 0) };
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) throw new BcError(`build input ${path} does not exist`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : listFiles(join(path, name))));
}
