import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EngineEvent, RecapCounts } from '../../../lib/engine/events.js';
import { formatDuration, HumanReporter, type HumanReporterOptions } from '../../../lib/cli/reporter-human.js';

type HostResult = Extract<EngineEvent, { type: 'host-result' }>;

const result = (fields: Partial<HostResult> & Pick<HostResult, 'host' | 'status'>): HostResult => ({
  type: 'host-result',
  task: 'task',
  changes: [],
  diffs: [],
  commands: [],
  factsRead: [],
  durationMs: 10,
  ...fields,
});

const counts = (c: Partial<RecapCounts>): RecapCounts => ({ ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0, ...c });

function render(events: EngineEvent[], options: Partial<HumanReporterOptions> = {}): string {
  let text = '';
  const reporter = new HumanReporter({ color: false, verbosity: 0, diff: false, ...options, out: { write: (t: string) => (text += t) } });
  for (const event of events) reporter.emit(event);
  return text;
}

const run: EngineEvent[] = [
  { type: 'run-start', playbook: 'playbooks/site.yaml', inventory: 'inventory.yaml', check: false, hosts: ['web1', 'db1'] },
  { type: 'play-start', name: 'web servers', hosts: ['web1', 'db1'] },
  { type: 'task-start', name: 'nginx : install nginx', module: 'apt', handler: false, location: 'roles/nginx/tasks.yaml:1:3' },
  result({ host: 'web1', status: 'changed', changes: ['install nginx 1.22.1'], commands: ['apt-get install -y nginx=1.22.1'], factsRead: ['apt.package(nginx)'] }),
  result({ host: 'db1', status: 'ok', message: 'nginx already 1.22.1' }),
  { type: 'task-progress', task: 'nginx : install nginx', hosts: ['web1'], elapsedMs: 35_400 },
  { type: 'task-start', name: 'packages', module: 'apt', handler: false, location: 'site.yaml:9:7' },
  result({ host: 'web1', status: 'ok', item: 'curl' }),
  result({ host: 'web1', status: 'skipped', item: 'htop', message: 'when: debug' }),
  result({ host: 'db1', status: 'failed', message: 'command failed with exit code 100 (apt/dpkg error)\n  host: db1' }),
  { type: 'warning', message: 'db1 left the play' },
  { type: 'task-start', name: 'reload nginx', module: 'service', handler: true, location: 'roles/nginx/handlers.yaml:1:3' },
  result({ host: 'web1', status: 'unreachable', message: 'connection lost' }),
  { type: 'play-end', name: 'web servers' },
  {
    type: 'run-end',
    recap: { web1: counts({ ok: 12, changed: 1, skipped: 1, unreachable: 1 }), db1: counts({ ok: 1, failed: 1 }) },
    durationMs: 83_250,
    check: false,
    exitCode: 2,
  },
];

test('prints an Ansible-shaped run: plays, tasks, a line per host, progress and the recap', () => {
  const stars = (title: string) => `${title} ${'*'.repeat(79 - title.length)}`;
  assert.fixture(
    render(run),
    [
      'playbook: playbooks/site.yaml  inventory: inventory.yaml (2 hosts)',
      '',
      stars('PLAY [web servers]'),
      '',
      stars('TASK [nginx : install nginx]'),
      'changed: [web1]',
      '  - install nginx 1.22.1',
      'ok: [db1]',
      'still running on web1 (35 s)',
      '',
      stars('TASK [packages]'),
      'ok: [web1] (item=curl)',
      'skipping: [web1] (item=htop)',
      'fatal: [db1]: FAILED! command failed with exit code 100 (apt/dpkg error)',
      '  host: db1',
      '[WARNING]: db1 left the play',
      '',
      stars('RUNNING HANDLER [reload nginx]'),
      'fatal: [web1]: UNREACHABLE! connection lost',
      '',
      stars('PLAY RECAP'),
      'db1  : ok=1   changed=0  unreachable=0  failed=1  skipped=0  rescued=0  ignored=0',
      'web1 : ok=12  changed=1  unreachable=1  failed=0  skipped=1  rescued=0  ignored=0',
      '',
      'Duration: 1 min 23 s',
      '',
    ].join('\n'),
  );
});

test('shows reasons, task paths, commands and facts read with -v', () => {
  const text = render(run.slice(2, 5), { verbosity: 1 });
  assert.fixture(
    text.split('\n').slice(2).join('\n'),
    [
      'task path: roles/nginx/tasks.yaml:1:3',
      'changed: [web1]',
      '  - install nginx 1.22.1',
      '  $ apt-get install -y nginx=1.22.1',
      '  facts: apt.package(nginx)',
      'ok: [db1] => nginx already 1.22.1',
      '',
    ].join('\n'),
  );
});

test('says nothing is changed at the start of a check run, and how many changes are pending at the end', () => {
  const text = render([
    { type: 'run-start', playbook: 'site.yaml', inventory: 'staging.yaml', check: true, hosts: ['a', 'b'] },
    result({ host: 'a', status: 'changed', changes: ['install nginx', 'write /etc/nginx/nginx.conf'] }),
    result({ host: 'b', status: 'changed', changes: ['start nginx'] }),
    { type: 'run-end', recap: { a: counts({ changed: 1 }), b: counts({ changed: 1 }) }, durationMs: 1234, check: true, exitCode: 3 },
  ]);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.slice(0, 2), ['playbook: site.yaml  inventory: staging.yaml (2 hosts)', 'CHECK MODE: changes are predicted and reported, none is made']);
  assert.equal(lines.slice(-2), ['Duration: 1.2 s', 'Check mode: 3 changes pending on 2 hosts; nothing was changed.']);
});

test('says no changes are pending when a check run finds none', () => {
  const text = render([{ type: 'run-end', recap: { a: counts({ ok: 3 }) }, durationMs: 420, check: true, exitCode: 0 }]);
  assert.ok(text.endsWith('Duration: 420 ms\nCheck mode: no changes pending.\n'));
});

test('a check run with an unreachable or failed host does not say that no changes are pending', () => {
  const end = (recap: Record<string, RecapCounts>, exitCode: number) => render([{ type: 'run-end', recap, durationMs: 420, check: true, exitCode }]).trimEnd().split('\n').at(-1);
  assert.is(end({ a: counts({ ok: 3 }), b: counts({ unreachable: 1 }) }, 4), 'Check mode: incomplete, 1 host unreachable; no changes pending on the others; nothing was changed.');
  assert.is(end({ a: counts({ failed: 1 }), b: counts({ unreachable: 1 }), c: counts({ unreachable: 1 }) }, 2), 'Check mode: incomplete, 1 host failed and 2 hosts unreachable; no changes pending on the others; nothing was changed.');
});

test('shows in normal output what check mode would do but did not (a wait), without -v', () => {
  const text = render([result({ host: 'a', status: 'ok', message: 'would wait up to 60s for 127.0.0.1:5432 to accept connections', notChecked: 'would wait up to 60s for 127.0.0.1:5432 to accept connections' })]);
  assert.is(text, 'ok: [a] => would wait up to 60s for 127.0.0.1:5432 to accept connections\n');
});

test('aligns recap columns to the widest host name and count', () => {
  const text = render([
    {
      type: 'run-end',
      recap: { 'web-frontend-1': counts({ ok: 120, changed: 15 }), db: counts({ ok: 3, skipped: 2 }), x: counts({ unreachable: 1 }) },
      durationMs: 5000,
      check: false,
      exitCode: 4,
    },
  ]);
  assert.equal(text.split('\n').slice(2, 5), [
    'db             : ok=3    changed=0   unreachable=0  failed=0  skipped=2  rescued=0  ignored=0',
    'web-frontend-1 : ok=120  changed=15  unreachable=0  failed=0  skipped=0  rescued=0  ignored=0',
    'x              : ok=0    changed=0   unreachable=1  failed=0  skipped=0  rescued=0  ignored=0',
  ]);
});

test('shows diffs under a change only with --diff', () => {
  const events = [result({ host: 'web1', status: 'changed', changes: ['write /etc/motd'], diffs: [{ path: '/etc/motd', before: 'hello\n', after: 'hello world\n' }] })];
  assert.is(render(events), 'changed: [web1]\n  - write /etc/motd\n');
  assert.is(
    render(events, { diff: true }),
    ['changed: [web1]', '  - write /etc/motd', '--- /etc/motd (before)', '+++ /etc/motd (after)', '@@ -1 +1 @@', '-hello', '+hello world', ''].join('\n'),
  );
});

test('colors statuses and diff lines with ANSI codes when color is on', () => {
  const text = render(
    [
      result({ host: 'a', status: 'ok' }),
      result({ host: 'b', status: 'changed', diffs: [{ path: 'f', before: 'x\n', after: 'y\n' }] }),
      result({ host: 'c', status: 'failed', message: 'boom' }),
    ],
    { color: true, diff: true },
  );
  assert.ok(text.includes('\x1b[32mok: [a]\x1b[0m'));
  assert.ok(text.includes('\x1b[33mchanged: [b]\x1b[0m'));
  assert.ok(text.includes('\x1b[31m-x\x1b[0m\n\x1b[32m+y\x1b[0m'));
  assert.ok(text.includes('\x1b[31mfatal: [c]: FAILED! boom\x1b[0m'));
});

test('lists at most five hosts that are still running', () => {
  const hosts = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'];
  assert.is(render([{ type: 'task-progress', task: 't', hosts, elapsedMs: 125_000 }]), 'still running on w1, w2, w3, w4, w5 and 2 more (2 min 05 s)\n');
});

const durations: Array<[number, boolean, string]> = [
  [420, true, '420 ms'],
  [1234, true, '1.2 s'],
  [35_900, false, '35 s'],
  [59_999, true, '1 min 00 s'],
  [61_000, true, '1 min 01 s'],
  [3_600_000, false, '60 min 00 s'],
];

for (const [ms, precise, text] of durations) {
  test(`formats ${ms} ms as "${text}"${precise ? ' in the recap' : ' while waiting'}`, () => {
    assert.is(formatDuration(ms, precise), text);
  });
}

test.run();
