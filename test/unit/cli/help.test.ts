import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPTIONS } from '../../../lib/cli/args.js';
import { EXIT_CODES } from '../../../lib/cli/exit-codes.js';
import { helpText } from '../../../lib/cli/help.js';

const help = helpText();

test('lists every option the parser knows, with its short form and value', () => {
  assert.ok(help.includes('  -i, --inventory FILE '));
  assert.ok(help.includes('      --skip-tags TAGS '));
  for (const o of OPTIONS) assert.ok(help.includes(`--${o.long}`), o.long);
});

test('lists every exit code with its meaning', () => {
  for (const e of EXIT_CODES) assert.ok(help.includes(`  ${e.code}  ${e.meaning}`), String(e.code));
});

test('aligns option descriptions in one column', () => {
  const lines = help.split('\n');
  const columns = OPTIONS.map((o) => lines.find((l) => l.includes(`--${o.long}`) && l.endsWith(o.help))!.indexOf(o.help));
  assert.is(new Set(columns).size, 1);
});

test.run();
