// Compiled validators: the engine's schemas come compiled from dist/validators/ (npm run build);
// a schema known only at run time (a role's parameters) is compiled once into the user's cache
// and loaded from there by the next process, with the same verdicts; nothing is written to the
// working folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineSchemas } from '../../../lib/schema/engine-schemas.js';
import { validatorFileName } from '../../../lib/schema/validators.js';
import { INVENTORY_SCHEMA } from '../../../lib/inventory/schema.js';

const VALIDATORS = new URL('../../../lib/schema/validators.js', import.meta.url).href;
const BUILT = fileURLToPath(new URL('../../../validators/', import.meta.url));
const ROLE_SCHEMA = { type: 'object', additionalProperties: false, required: ['port'], properties: { port: { type: 'integer', maximum: 65535 } } };
const ROLE_DATA = [{ port: 22 }, { port: 70000 }, { port: 22, extra: 1 }];
const ROLE_VERDICTS = [[true, null], [false, 'maximum'], [false, 'additionalProperties']];

/** Validates in a fresh process run in `dir` with `cache` as XDG_CACHE_HOME; says whether ajv was loaded. */
function validateIn(dir: string, cache: string, schema: unknown, data: unknown[]): { verdicts: unknown[]; ajvLoaded: boolean } {
  const script = `
    const { validatorFor } = await import(${JSON.stringify(VALIDATORS)});
    const { createRequire } = await import('node:module');
    const v = validatorFor(${JSON.stringify(schema)});
    const verdicts = ${JSON.stringify(data)}.map((d) => [v(d), v.errors?.[0]?.keyword ?? null]);
    const ajvLoaded = Object.keys(createRequire(import.meta.url).cache).some((p) => p.endsWith('/ajv/dist/core.js'));
    console.log(JSON.stringify({ verdicts, ajvLoaded }));`;
  const env = { ...process.env, XDG_CACHE_HOME: cache };
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, encoding: 'utf8' })) as { verdicts: unknown[]; ajvLoaded: boolean };
}

function withDirs(run: (dir: string, cache: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-validators-'));
  try {
    run(join(dir, 'work'), join(dir, 'cache'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('npm run build compiled every schema of the engine into dist/validators/', () => {
  const built = new Set(readdirSync(BUILT));
  const missing = engineSchemas().filter((s) => !built.has(validatorFileName(JSON.stringify(s))));
  assert.equal(missing.map((s) => JSON.stringify(s).slice(0, 80)), []);
});

test('an engine schema is loaded from dist/ without ajv and writes nothing to the cache or the working folder', () => {
  withDirs((dir, cache) => {
    mkdirSync(dir);
    const r = validateIn(dir, cache, INVENTORY_SCHEMA, [{ all: { hosts: { web1: {} } } }, { all: { bogus: 1 } }]);
    assert.equal(r.verdicts, [[true, null], [false, 'additionalProperties']]);
    assert.is(r.ajvLoaded, false);
    assert.equal(readdirSync(dir), []);
    assert.ok(!existsSync(join(cache, 'bc-play/validators')) || readdirSync(join(cache, 'bc-play/validators')).length === 0);
  });
});

test("a role's schema compiled once is loaded from ~/.cache/bc-play by the next run, which does not load ajv", () => {
  withDirs((dir, cache) => {
    mkdirSync(dir);
    const first = validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA);
    assert.equal(first.verdicts, ROLE_VERDICTS);
    assert.is(first.ajvLoaded, true, 'the first run compiles');
    assert.is(readdirSync(join(cache, 'bc-play/validators')).length, 1);
    const second = validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA);
    assert.equal(second.verdicts, ROLE_VERDICTS);
    assert.is(second.ajvLoaded, false, 'the second run only loads generated code');
    assert.equal(readdirSync(dir), [], 'nothing in the working folder');
  });
});

test('a damaged cache file is compiled again and replaced', () => {
  withDirs((dir, cache) => {
    mkdirSync(dir);
    validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA);
    const folder = join(cache, 'bc-play/validators');
    const [file] = readdirSync(folder);
    writeFileSync(join(folder, file), 'module.exports = {'); // cut short
    assert.equal(validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA).verdicts, ROLE_VERDICTS);
    assert.is(validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA).ajvLoaded, false, 'the replacement loads');
  });
});

test('a cache folder others may write to is not loaded from: the schema is compiled in memory', () => {
  withDirs((dir, cache) => {
    mkdirSync(dir);
    mkdirSync(join(cache, 'bc-play/validators'), { recursive: true });
    chmodSync(join(cache, 'bc-play/validators'), 0o777);
    const r = validateIn(dir, cache, ROLE_SCHEMA, ROLE_DATA);
    assert.equal(r.verdicts, ROLE_VERDICTS);
    assert.is(r.ajvLoaded, true);
    assert.equal(readdirSync(join(cache, 'bc-play/validators')), []);
  });
});

test.run();
