// Secrets by name: stored on the controller (mode 0600, never in git), generated on first use.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { displayPath, parseYaml } from '../yaml/load.js';

/** Why: one default place, inside .bc-play/ which the repository's .gitignore already ignores. */
export const DEFAULT_SECRETS_PATH = '.bc-play/secrets.yaml';

/** Bytes of randomness in a generated secret (256 bits), written as base64url. */
export const SECRET_BYTES = 32;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const FILE_HEADER = '# bc-play secrets, generated on first use. Keep this file out of git, mode 0600.\n';

/** Receives every secret value the store knows or creates (a Redactor fits). */
export interface SecretListener {
  add(value: string): void;
}

/**
 * Why: playbooks name secrets instead of holding them; the first run creates strong values and
 * later runs reuse them, so a --check run and the real run that follows see the same secrets.
 */
export class SecretStore {
  private constructor(
    readonly path: string,
    private readonly values: Map<string, string>,
    private readonly listener: SecretListener | undefined,
  ) {}

  /** Opens (without creating) the file; refuses one that git tracks or other users can open. */
  static open(path = DEFAULT_SECRETS_PATH, listener?: SecretListener): SecretStore {
    refuseIfTracked(path);
    const store = new SecretStore(path, readSecrets(path), listener);
    for (const value of store.values.values()) listener?.add(value);
    return store;
  }

  /** The stored value, or a new random one, saved before it is returned. */
  get(name: string): string {
    if (!NAME.test(name)) {
      throw new InputError(`invalid secret name "${name}"`, undefined, 'secret names use letters, digits, "_", "." and "-", and start with a letter or digit');
    }
    const known = this.values.get(name);
    if (known !== undefined) return known;
    // Re-read first: another bc-play run may have created secrets since this one opened the file.
    for (const [k, v] of readSecrets(this.path)) this.values.set(k, v);
    const value = this.values.get(name) ?? randomBytes(SECRET_BYTES).toString('base64url');
    this.values.set(name, value);
    writeAtomically(this.path, FILE_HEADER + stringify(Object.fromEntries(this.values)));
    this.listener?.add(value);
    return value;
  }

  /** Names of the stored secrets, sorted. */
  names(): string[] {
    return [...this.values.keys()].sort();
  }
}

function refuseIfTracked(path: string): void {
  let dir = dirname(resolve(path));
  while (!existsSync(dir)) dir = dirname(dir);
  const git = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (inside.error || inside.status !== 0 || inside.stdout.trim() !== 'true') return;
  if (git(['ls-files', '--error-unmatch', '--', resolve(path)]).status !== 0) return;
  const shown = displayPath(path);
  throw new InputError(
    `secrets file ${shown} is tracked by git: everyone with the repository can read the secrets`,
    undefined,
    `run git rm --cached ${shown}, commit, change every secret it held, and keep ${dirname(shown)}/ in .gitignore`,
  );
}

function readSecrets(path: string): Map<string, string> {
  if (!existsSync(path)) return new Map();
  const mode = statSync(path).mode & 0o777;
  const shown = displayPath(path);
  if (mode & 0o066) {
    throw new InputError(
      `secrets file ${shown} can be read or written by other users (mode ${mode.toString(8).padStart(4, '0')})`,
      undefined,
      `run chmod 600 ${shown}`,
    );
  }
  const file = parseYaml(readFileSync(path, 'utf8'), shown);
  if (file.data === null || file.data === undefined) return new Map();
  if (typeof file.data !== 'object' || Array.isArray(file.data)) {
    throw new InputError(`secrets file ${shown} must map secret names to values`, file.locate([]));
  }
  const entries = Object.entries(file.data as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new InputError(`secret "${name}" must be a string`, file.locate([name]), 'quote the value, or delete the line to have a new one generated');
    }
  }
  return new Map(entries as Array<[string, string]>);
}

/** Temp file + fsync + rename in the same directory: a crash leaves the old file or the new one. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
