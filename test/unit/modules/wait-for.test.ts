import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitForModule, type WaitForArgs } from '../../../lib/modules/wait-for.js';
import { argsError, planWith } from './system-fixtures.js';

const cases: [WaitForArgs, string, string][] = [
  [{ port: 5432 }, 'wait up to 60s for 127.0.0.1:5432 to accept connections', 'wait_for open 127.0.0.1 5432 / 0 60 0'],
  [{ port: 80, host: '10.0.0.5', state: 'stopped', timeout: 10 }, 'wait up to 10s for 10.0.0.5:80 to refuse connections', 'wait_for closed 10.0.0.5 80 / 0 10 0'],
  [
    { url: 'http://127.0.0.1:8000/health?full=1', delay: 2 },
    'wait up to 60s after 2s for http://127.0.0.1:8000/health?full=1 to answer 200',
    `wait_for http 127.0.0.1 8000 '/health?full=1' 200 60 2`,
  ],
  [{ url: 'http://app.internal', status: 204 }, 'wait up to 60s for http://app.internal to answer 204', 'wait_for http app.internal 80 / 204 60 0'],
];

for (const [args, summary, tail] of cases) {
  test(`plans a probe that says it waits for ${summary.replace(/^wait up to \S+ (after \S+ )?for /, '')}`, () => {
    const plan = planWith(waitForModule, args, {});
    assert.is(plan.changes.length, 1);
    const [change] = plan.changes;
    assert.is(change.summary, summary);
    assert.ok(change.probe);
    assert.ok(change.command?.startsWith('bash -c '));
    assert.ok(change.command?.endsWith(tail), change.command?.slice(-80));
  });
}

test('gives the command a timeout beyond its own so a hung probe still ends', () => {
  const [change] = planWith(waitForModule, { port: 22, timeout: 30, delay: 5 }, {}).changes;
  assert.is(change.timeoutMs, 45_000);
});

const schemaCases: [string, string, string | null][] = [
  ['accepts a port', 'port: 22\n', null],
  ['rejects https (bash cannot speak TLS)', 'url: https://example.com/\n', 'arguments of wait_for: "url" must match pattern "^http://[^/\\s]+"'],
  ['rejects a port and a url together', 'port: 22\nurl: http://x/\n', 'arguments of wait_for: the top level must match exactly one schema in oneOf'],
  ['rejects a status without a url', 'port: 22\nstatus: 200\n', 'arguments of wait_for: the top level must have property url when property status is present'],
  ['rejects a port out of range', 'port: 70000\n', 'arguments of wait_for: "port" must be <= 65535'],
];
for (const [what, yaml, error] of schemaCases) {
  test(`schema ${what}`, () => {
    assert.is(argsError(waitForModule as never, yaml), error);
  });
}

test.run();
