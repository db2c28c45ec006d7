// What `bc-play --version` and `--help` load: the parser and the help text, no engine and no
// dependency, so they answer in about the time node itself takes to start.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Registers a load hook that prints every file module the process loads, on stderr. */
const HOOK = `data:text/javascript,${encodeURIComponent(`
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\\\n"); return next(url, context); }'));
`)}`;

function loadedBy(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', HOOK, 'bin/bc-play.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return [...r.stderr.matchAll(/^LOADED file:\/\/(.*)$/gm)].map((m) => m[1].slice(ROOT.length));
}

for (const args of [['--version'], ['--help']]) {
  test(`bc-play ${args[0]} loads no dependency and nothing of the engine`, () => {
    const loaded = loadedBy(args);
    assert.ok(loaded.includes('dist/lib/cli/main.js'), loaded.join('\n'));
    assert.equal(loaded.filter((p) => p.includes('node_modules/') || /^dist\/lib\/(engine|modules|facts|connection|inventory|lab)\//.test(p)), []);
    assert.ok(loaded.length <= 12, `${loaded.length} modules:\n${loaded.join('\n')}`);
  });
}

test.run();
