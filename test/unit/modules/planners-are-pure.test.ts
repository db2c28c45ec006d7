// Planners are pure: no module or fact can start a process or reach into the application's code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const SPAWNERS = /from ['"](node:)?child_process['"]|from ['"](execa|zx)['"]|import\(['"](node:)?child_process['"]\)/;

test('no file of lib/modules or lib/facts can start a process (builds happen before planning, in lib/artifacts)', () => {
  const offenders = [...sources(join(ROOT, 'lib/modules')), ...sources(join(ROOT, 'lib/facts'))].filter((p) => SPAWNERS.test(readFileSync(p, 'utf8')));
  assert.equal(offenders.map((p) => p.slice(ROOT.length)), []);
});

test('no file under lib/ names the services/ folder, by import or in a string', () => {
  const offenders = sources(join(ROOT, 'lib')).filter((p) => /['"`/]services\//.test(readFileSync(p, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')));
  assert.equal(offenders.map((p) => p.slice(ROOT.length)), []);
});

test.run();
