import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeSysctlValue, parseSysctlValue, sysctlValue } from '../../../lib/facts/sysctl.js';

// Outputs captured from the sysctlValue command on Debian 12.
const cases: [string, string, unknown][] = [
  ['reads a single value', 'value\n1\n', { exists: true, value: '1' }],
  ['joins tab-separated fields with one space', 'value\n32768\t60999\n', { exists: true, value: '32768 60999' }],
  ['reads an unknown parameter as not existing', 'missing\n', { exists: false, value: '' }],
];

for (const [name, stdout, expected] of cases) {
  test(`sysctlValue ${name}`, () => assert.equal(parseSysctlValue(stdout), expected));
}

test('normalizeSysctlValue trims and collapses whitespace like the kernel prints it', () => {
  assert.is(normalizeSysctlValue('  1024   65000 '), '1024 65000');
});

test('sysctlValue keys the fact by the parameter name', () => {
  const spec = sysctlValue('net.core.somaxconn');
  assert.is(spec.key, 'sysctl:net.core.somaxconn');
  assert.ok(spec.command.includes('sysctl -n -- net.core.somaxconn'));
});

test.run();
