import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

test('a report piped into a reader that stops early (| head -1) ends with exit 0 and nothing on stderr', () => {
  const report = `import(${JSON.stringify(CLI)}).then((m) => m.printReport(Array.from({ length: 200000 }, (_, i) => 'line ' + i)))`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${JSON.stringify(process.execPath)} -e "$REPORT" | head -1`], { encoding: 'utf8', env: { ...process.env, REPORT: report } });
  assert.is(r.stdout, 'line 0\n');
  assert.is(r.stderr, '');
  assert.is(r.status, 0);
});

test.run();
