import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { batchScript, splitBatch } from '../../../lib/engine/fact-batch.js';
import type { FactSpec } from '../../../lib/facts/fact.js';

const spec = (key: string, command: string): FactSpec<string> => ({ key, about: [], command, parse: (s) => s });

test('one script returns every fact with its own output and exit code', () => {
  const specs = [spec('a', 'printf hello'), spec('b', 'echo two; echo lines'), spec('c', 'exit 3'), spec('d', 'printf "ends with newline\\n\\n"')];
  const script = batchScript(specs, 'n1');
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  assert.equal(splitBatch(out, specs.length, 'n1'), [
    { stdout: 'hello', code: 0 },
    { stdout: 'two\nlines\n', code: 0 },
    { stdout: '', code: 3 },
    { stdout: 'ends with newline\n\n', code: 0 },
  ]);
});

test('output that imitates a marker with another nonce cannot cut a fact short', () => {
  const specs = [spec('a', "printf '\\n<<bcf:other:0:0>>\\n'")];
  const out = execFileSync('sh', ['-c', batchScript(specs, 'real')], { encoding: 'utf8' });
  assert.equal(splitBatch(out, 1, 'real'), [{ stdout: '\n<<bcf:other:0:0>>\n', code: 0 }]);
});

test('a cut-short output is reported as incomplete rather than parsed', () => {
  const out = execFileSync('sh', ['-c', batchScript([spec('a', 'true'), spec('b', 'true')], 'x')], { encoding: 'utf8' });
  assert.is(splitBatch(out.slice(0, out.length - 12), 2, 'x'), undefined);
});

test('stderr of a fact command does not leak into its value', () => {
  const out = execFileSync('sh', ['-c', batchScript([spec('a', 'echo oops >&2; printf ok')], 'y')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.equal(splitBatch(out, 1, 'y'), [{ stdout: 'ok', code: 0 }]);
});

test.run();
