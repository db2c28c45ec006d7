// Compiled validators are kept on disk: a later process loads them instead of compiling, with the
// same verdicts and the same errors; a damaged file is compiled again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VALIDATORS = new URL('../../../lib/schema/validators.js', import.meta.url).href;
const SCHEMA = { type: 'object', additionalProperties: false, required: ['port'], properties: { port: { type: 'integer', maximum: 65535 } } };

/** Validates three values in a fresh process whose working folder is `dir`; says whether ajv was loaded. */
function validateIn(dir: string): { verdicts: unknown[]; ajvLoaded: boolean } {
  const script = `
    const { validatorFor } = await import(${JSON.stringify(VALIDATORS)});
    const { createRequire } = await import('node:module');
    const v = validatorFor(${JSON.stringify(SCHEMA)});
    const verdicts = [{ port: 22 }, { port: 70000 }, { port: 22, extra: 1 }].map((d) => [v(d), v.errors?.[0]?.keyword ?? null]);
    const ajvLoaded = Object.keys(createRequire(import.meta.url).cache).some((p) => p.endsWith('/ajv/dist/core.js'));
    console.log(JSON.stringify({ verdicts, ajvLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })) as { verdicts: unknown[]; ajvLoaded: boolean };
}

const EXPECTED = [[true, null], [false, 'maximum'], [false, 'additionalProperties']];

test('a schema compiled once is loaded from .bc-play/cache by the next run, which does not load ajv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-validators-'));
  try {
    const first = validateIn(dir);
    assert.equal(first.verdicts, EXPECTED);
    assert.is(first.ajvLoaded, true, 'the first run compiles');
    assert.is(readdirSync(join(dir, '.bc-play/cache/validators')).length, 1);
    const second = validateIn(dir);
    assert.equal(second.verdicts, EXPECTED);
    assert.is(second.ajvLoaded, false, 'the second run only loads generated code');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged cache file is compiled again and replaced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-validators-'));
  try {
    validateIn(dir);
    const cache = join(dir, '.bc-play/cache/validators');
    const [file] = readdirSync(cache);
    writeFileSync(join(cache, file), 'module.exports = {'); // cut short
    assert.equal(validateIn(dir).verdicts, EXPECTED);
    assert.is(validateIn(dir).ajvLoaded, false, 'the replacement loads');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
