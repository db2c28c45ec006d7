// The boundaries of the tree: no import cycle anywhere, lib/ never imports services/, bench/ or test/.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function violations(baseDir: string, dirs: string[]): Promise<{ rule: string; from: string; to: string }[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(ROOT, 'tsconfig.json'));
  const result = await cruise(dirs, { ...options, baseDir, validate: true }, {}, { tsConfig });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

test('the tree has no import cycle and lib/ imports nothing from services/, bench/ or test/', async () => {
  assert.equal(await violations(ROOT, ['lib', 'bin', 'test', 'bench', 'services']), []);
});

test('the same rules catch a cycle and a lib/ import of a test helper', async () => {
  const found = await violations(join(ROOT, 'test/fixtures/boundaries'), ['lib', 'test']);
  assert.ok(found.some((v) => v.rule === 'no-circular' && v.from === 'lib/a.mjs' && v.to === 'lib/b.mjs'), JSON.stringify(found));
  assert.ok(found.some((v) => v.rule === 'lib-stands-alone' && v.from === 'lib/c.mjs' && v.to === 'test/helper.mjs'), JSON.stringify(found));
});

test.run();
