import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hostState, runLabCommand } from '../../../lib/lab/cli.js';

async function lab(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLabCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

const usage: Array<[string, string[], RegExp]> = [
  ['refuses a missing command with the usage', [], /lab needs a command[\s\S]*usage: bc-play lab/],
  ['refuses an unknown command', ['start'], /unknown lab command "start"/],
  ['refuses an unknown suite and lists the known ones', ['up', '--suite', 'sid'], /unknown suite "sid"[\s\S]*trixie, bookworm/],
  ['refuses an option without its value', ['up', '-i'], /-i needs a value/],
  ['words option mistakes as a playbook run does', ['up', '--inventory'], /option --inventory needs a value \(FILE\)/],
  ['refuses an unknown option of lab up', ['up', '--hosts', '3'], /unknown option "--hosts"/],
  ['refuses an inventory given twice', ['up', '-i', 'a.yaml', '-i', 'b.yaml'], /option -i\/--inventory given 2 times \(a.yaml, b.yaml\): give it once/],
  ['refuses a stray argument to lab up', ['up', 'web1'], /lab up takes no arguments, got web1/],
  ['refuses an option of restart', ['restart', '--force', 'web1'], /unknown option "--force"/],
  ['refuses restart without a host', ['restart'], /lab restart takes one host name/],
  ['refuses destroy with two hosts', ['destroy', 'a', 'b'], /lab destroy takes one host name/],
];

for (const [name, argv, message] of usage) {
  test(name, async () => {
    const r = await lab(argv);
    assert.is(r.code, 5);
    assert.match(r.err, message);
    assert.not.match(r.err, /at .*\.js:\d+/);
  });
}

test('reports a missing inventory file as invalid input, without a stack trace', async () => {
  const r = await lab(['up', '-i', '/nonexistent/inventory.yaml']);
  assert.ok(r.code !== 0);
  assert.match(r.err, /nonexistent\/inventory\.yaml/);
  assert.not.match(r.err, /at .*\.js:\d+/);
});

test('status says a host whose nspawn was killed still runs, naming its container\'s init and what stops it', () => {
  const host = { name: 'app1', publicAddress: '10.213.0.12', vpcAddress: '10.214.0.12' };
  assert.is(hostState({ ...host, running: true, pid: 4242 }), 'running (pid 4242)');
  assert.is(hostState({ ...host, running: true, orphanInit: 4245 }), 'running without its nspawn (container init pid 4245; `bc-play lab restart app1` or `lab down` stops it)');
  assert.is(hostState({ ...host, running: false }), 'stopped');
});

test.run();
