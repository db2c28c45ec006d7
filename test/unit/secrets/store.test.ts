import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../../lib/errors.js';
import { Redactor, REDACTED } from '../../../lib/secrets/redactor.js';
import { SecretStore } from '../../../lib/secrets/store.js';

const roots: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-secrets-'));
  roots.push(dir);
  return dir;
}

function refusal(open: () => unknown): InputError {
  try {
    open();
  } catch (error) {
    assert.instance(error, InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

test('generates a secret of at least 32 random bytes on first use', () => {
  const path = join(tempDir(), '.bc-play', 'secrets.yaml');
  const store = SecretStore.open(path);
  const value = store.get('postgres_password');
  assert.match(value, /^[A-Za-z0-9_-]+$/);
  assert.ok(Buffer.from(value, 'base64url').length >= 32);
  assert.is.not(store.get('redis_password'), value);
});

test('persists secrets so a later run reads the same value', () => {
  const path = join(tempDir(), '.bc-play', 'secrets.yaml');
  const value = SecretStore.open(path).get('db');
  const reopened = SecretStore.open(path);
  assert.equal(reopened.names(), ['db']);
  assert.is(reopened.get('db'), value);
  assert.ok(readFileSync(path, 'utf8').includes(`db: ${value}`));
});

test('writes the file with mode 0600 in a directory with mode 0700, leaving no temp file', () => {
  const dir = join(tempDir(), '.bc-play');
  const path = join(dir, 'secrets.yaml');
  SecretStore.open(path).get('a');
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.is(statSync(dir).mode & 0o777, 0o700);
  assert.equal(readdirSync(dir), ['secrets.yaml']);
});

test('does not create the file until a secret is needed', () => {
  const dir = tempDir();
  SecretStore.open(join(dir, 'secrets.yaml'));
  assert.equal(readdirSync(dir), []);
});

test('keeps secrets another run stored after this one opened the file', () => {
  const path = join(tempDir(), 'secrets.yaml');
  const first = SecretStore.open(path);
  const second = SecretStore.open(path);
  const value = second.get('shared');
  first.get('own');
  assert.is(first.get('shared'), value);
  assert.equal(SecretStore.open(path).names(), ['own', 'shared']);
});

test('tells the redactor every stored and every new value', () => {
  const path = join(tempDir(), 'secrets.yaml');
  const stored = SecretStore.open(path).get('old');
  const redactor = new Redactor();
  const fresh = SecretStore.open(path, redactor).get('new');
  assert.is(redactor.redact(`${stored} ${fresh}`), `${REDACTED} ${REDACTED}`);
});

test('refuses a secrets file that group or others can read', () => {
  const dir = tempDir();
  const path = join(dir, 'secrets.yaml');
  writeFileSync(path, 'a: b\n', { mode: 0o600 });
  chmodSync(path, 0o640);
  const error = refusal(() => SecretStore.open(path));
  assert.is(error.message, `secrets file ${path} can be read or written by other users (mode 0640)`);
  assert.is(error.hint, `run chmod 600 ${path}`);
});

test('refuses a secrets file that others can write', () => {
  const path = join(tempDir(), 'secrets.yaml');
  writeFileSync(path, 'a: b\n');
  chmodSync(path, 0o602);
  assert.match(refusal(() => SecretStore.open(path)).message, /\(mode 0602\)$/);
});

test('refuses a secrets file that git tracks', () => {
  const repo = tempDir();
  execFileSync('git', ['init', '-q', repo]);
  mkdirSync(join(repo, '.bc-play'), { mode: 0o700 });
  const path = join(repo, '.bc-play', 'secrets.yaml');
  writeFileSync(path, 'a: b\n', { mode: 0o600 });
  execFileSync('git', ['-C', repo, 'add', '-f', '.bc-play/secrets.yaml']);
  const error = refusal(() => SecretStore.open(path));
  assert.is(error.message, `secrets file ${path} is tracked by git: everyone with the repository can read the secrets`);
  assert.is(error.hint, `run git rm --cached ${path}, commit, change every secret it held, and keep ${join(repo, '.bc-play')}/ in .gitignore`);
});

test('accepts an untracked secrets file inside a git work tree', () => {
  const repo = tempDir();
  execFileSync('git', ['init', '-q', repo]);
  writeFileSync(join(repo, '.gitignore'), '.bc-play/\n');
  const path = join(repo, '.bc-play', 'secrets.yaml');
  assert.is(SecretStore.open(path).get('x').length, 43);
});

test('points at the line of a secret that is not a string', () => {
  const path = join(tempDir(), 'secrets.yaml');
  writeFileSync(path, 'good: abc\nbad:\n  nested: 1\n', { mode: 0o600 });
  const error = refusal(() => SecretStore.open(path));
  assert.is(error.message, 'secret "bad" must be a string');
  assert.equal([error.location?.line, error.location?.col], [3, 3]);
});

test('refuses a secrets file that is not a mapping', () => {
  const path = join(tempDir(), 'secrets.yaml');
  writeFileSync(path, '- a\n- b\n', { mode: 0o600 });
  assert.is(refusal(() => SecretStore.open(path)).message, `secrets file ${path} must map secret names to values`);
});

test('reads an empty secrets file as no secrets', () => {
  const path = join(tempDir(), 'secrets.yaml');
  writeFileSync(path, '', { mode: 0o600 });
  assert.equal(SecretStore.open(path).names(), []);
});

for (const name of ['', '-x', 'a b', '../etc', 'x/y']) {
  test(`refuses the secret name ${JSON.stringify(name)}`, () => {
    const store = SecretStore.open(join(tempDir(), 'secrets.yaml'));
    assert.is(refusal(() => store.get(name)).message, `invalid secret name "${name}"`);
  });
}

test.after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
test.run();
