// The whole fleet in the lab: site.yaml from fresh hosts, then what the issue checks from the
// public side, the VPC and the hosts; idempotency, check mode, drift, --limit and rollback.
// Needs root and the lab to itself (test/support/lab-session.ts); takes down only the lab it started.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseUfw, ufwFact } from '../../lib/facts/ufw.js';
import { unpredictedTasks } from '../support/lab-fleet.js';
import { labSession } from '../support/lab-session.js';

const CLI = 'bin/bc-play.js';
const PUBLIC = { edge1: '10.213.0.11', vertical1: '10.213.0.12', infra1: '10.213.0.13' };
const VPC = { edge1: '10.214.0.11', vertical1: '10.214.0.12', infra1: '10.214.0.13' };
const inventory = parse(readFileSync('inventory.yaml', 'utf8')) as { all: { vars: { tenants: { slug: string; tenant_json: unknown }[] } } };

interface Run {
  code: number;
  output: string;
  events: Record<string, unknown>[];
  seconds: number;
}

/**
 * Runs bc-play with --json, -v and --diff (so the secrets test sees everything a run can print);
 * every line of stdout is an event. `human` leaves out --json.
 */
function play(args: string[], human = false): Run {
  const started = Date.now();
  const r = spawnSync('node', [CLI, ...args, '--lab', '-v', '--diff', ...(human ? [] : ['--json'])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const events = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status ?? -1, output: r.stdout + r.stderr, events, seconds: (Date.now() - started) / 1000 };
}

function changedResults(run: Run): { task: string; host: string; changes: string[] }[] {
  return run.events.filter((e) => e.type === 'host-result' && e.status === 'changed') as never;
}

function totalChanged(run: Run): number {
  const end = run.events.find((e) => e.type === 'run-end') as { recap: Record<string, { changed: number }> } | undefined;
  assert.ok(end, `no run-end event:\n${run.output.slice(-3000)}`);
  return Object.values(end.recap).reduce((n, c) => n + c.changed, 0);
}

function onHost(host: string, command: string): { code: number; out: string } {
  const r = spawnSync('node', [CLI, 'lab', 'ssh', host, command], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: (r.stdout + r.stderr).trim() };
}

/** An HTTP answer from the edge's public address, with the Host header a browser would send. */
function get(host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: PUBLIC.edge1, port: 80, path, headers: { Host: host }, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** Whether a TCP port accepts a connection from this machine (the public side). */
function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Whether a TCP port accepts a connection from a lab host. */
function reachableFrom(from: string, address: string, port: number): boolean {
  return onHost(from, `timeout 3 bash -c 'exec 3<>/dev/tcp/${address}/${port}' 2>/dev/null && echo open || echo closed`).out.endsWith('open');
}

const runs: Run[] = [];
let firstConverge = 0;

const session = labSession('the fleet e2e suite');

test.before(async () => {
  await session.claim();
  execFileSync('node', [CLI, 'lab', 'up', '-i', 'inventory.yaml'], { stdio: 'inherit' });
});

test.after(() => session.release());

let predicted: string[] = [];
let predictedCount = 0;
/** Configuration files a package ships that the fleet then writes: --check cannot know they exist. */
const SHIPPED_BY_PACKAGES = ['/etc/apt/apt.conf.d/20auto-upgrades', '/etc/nginx/nginx.conf', '/etc/redis/redis.conf'];
/** The tasks --check names as not predictable on fresh hosts (README), as `host | task`. */
const CANNOT_PREDICT = [
  'edge1 | private key readable by root only',
  'infra1 | bc-pgbackrest settings',
  'infra1 | client authentication (pg_hba.conf)',
  "infra1 | detect the PostgreSQL major version (pgBackRest's pg1-path)",
  'infra1 | detect the PostgreSQL version',
  'infra1 | keep the cluster running',
  'infra1 | pgBackRest settings (encrypted repositories offsite, retention)',
  'infra1 | settings a reload applies',
  'infra1 | settings that need a restart',
];
let warned: string[] = [];
/** Directories a package ships that the fleet also declares: --check predicts "create", the run finds them. */
const DIRECTORIES_PACKAGES_SHIP = ['infra1 | /var/log/pgbackrest', 'infra1 | /var/spool/pgbackrest'];
/** Handlers only tasks --check could not predict notify (so --check cannot predict them either). */
const NOTIFIED_BY_UNPREDICTABLE = ['infra1 | reload postgresql', 'infra1 | restart postgresql'];
/** Every changed result as `host | task | its change summaries`, sorted: what --check must predict. */
const summaries = (run: Run): string[] => changedResults(run).map((r) => `${r.host} | ${r.task} | ${r.changes.join('; ')}`).sort();

test('--check on fresh hosts predicts the first converge, changes nothing and names what it cannot predict', () => {
  const check = play(['site', '--check']);
  runs.push(check);
  assert.is(check.code, 3, check.output.slice(-4000));
  predicted = summaries(check);
  predictedCount = changedResults(check).flatMap((r) => r.changes).length;
  console.error(`--check predicted ${predictedCount} changes (${totalChanged(check)} changed tasks)`);
  assert.is(onHost('edge1', 'command -v nginx').code, 1, 'nginx was not installed');
  const warnings = check.events.filter((e) => e.type === 'warning').map((e) => String(e.message));
  console.error(`--check warnings:\n${warnings.join('\n---\n')}`);
  warned = unpredictedTasks(check);
  assert.equal(warned, CANNOT_PREDICT, warnings.join('\n---\n'));
  const key = warnings.find((w) => w.startsWith('edge1: task "private key readable by root only"'))!;
  assert.match(key, /cannot be predicted: .*\n.*check mode did not run task "self-signed certificate for the tenant domain \(lab\)" \(roles\/nginx\/tasks.yaml:\d+:\d+\)/s);
});

test('site.yaml converges fresh lab hosts, as --check predicted', () => {
  const run = play(['site']);
  runs.push(run);
  firstConverge = run.seconds;
  const made = changedResults(run).flatMap((r) => r.changes).length;
  console.error(`first converge: ${run.seconds.toFixed(1)} s, ${made} changes (${totalChanged(run)} changed tasks)`);
  assert.is(run.code, 0, run.output.slice(-4000));
  // What a package installs is not known before it is installed: nginx's default site, and the
  // configuration files packages ship, which --check predicts as "create" and the run finds to "update".
  const unpredictable = summaries(run).filter((p) => p.startsWith('edge1 | remove the stock site | '));
  assert.is(unpredictable.length, 1, 'the one change --check cannot predict');
  const shipped = (line: string) => line.replace(/ \| update (\/etc\/\S+) /, ' | create $1 ');
  const warnedOf = (p: string) => warned.some((w) => p.startsWith(`${w} | `));
  const updatedShipped = summaries(run).filter((p) => !warnedOf(p) && p !== shipped(p)).map((p) => / \| update (\/etc\/\S+) /.exec(p)![1]).sort();
  console.error(`files packages ship, predicted "create", found "update":\n${updatedShipped.join('\n')}`);
  assert.equal([...new Set(updatedShipped)].sort(), SHIPPED_BY_PACKAGES, 'the package-shipped files --check predicts as created');
  // every other change was predicted, but those of the tasks --check said it could not predict
  const compared = summaries(run).filter((p) => !unpredictable.includes(p) && !warnedOf(p) && !NOTIFIED_BY_UNPREDICTABLE.some((h) => p.startsWith(`${h} | `)));
  const foundShipped = (p: string) => DIRECTORIES_PACKAGES_SHIP.some((d) => { const [host, dir] = d.split(' | '); return p.startsWith(`${host} | `) && p.includes(`| create directory ${dir} (`); });
  const predictedMade = predicted.map((p) => p.split('; ').length === 1 && foundShipped(p) ? '' : p).filter(Boolean);
  assert.equal(compared.map(shipped).sort(), predictedMade, 'the converge made exactly the changes --check predicted, summary for summary');
  // the README states both numbers; they are the ones measured here
  const claim = /`site --check` predicts (\d+) of the first converge's (\d+) changes/.exec(readFileSync('README.md', 'utf8'));
  assert.ok(claim, 'the README states how many changes --check predicts');
  assert.equal([predictedCount, made], [Number(claim[1]), Number(claim[2])], 'the README\'s "predicts N of M" is what this run measured');
});

test('a second run changes nothing, and --check right after predicts nothing', () => {
  const again = play(['site']);
  runs.push(again);
  console.error(`no-op rerun: ${again.seconds.toFixed(1)} s (first converge ${firstConverge.toFixed(1)} s)`);
  assert.is(again.code, 0, again.output.slice(-3000));
  assert.equal(changedResults(again), []);
  const check = play(['site', '--check']);
  runs.push(check);
  assert.is(check.code, 0, check.output.slice(-3000));
  assert.is(totalChanged(check), 0);
});

test('the firewall rules bc-play reads from ufw\'s files are the rules `ufw show added` prints, on every host', () => {
  for (const host of ['edge1', 'vertical1', 'infra1', 'offsite1']) {
    const read = parseUfw(onHost(host, ufwFact.command).out);
    const shown = onHost(host, 'ufw show added').out.split('\n').filter((l) => l.startsWith('ufw ')).map((l) => l.slice(4));
    assert.ok(shown.length >= 1, `${host}: ufw shows no rules`);
    assert.equal(read.rules, shown, host);
    assert.is(read.active, onHost(host, 'ufw status').out.startsWith('Status: active'), `${host}: active`);
  }
});

test('the edge routes demo.basecommerce.com.br to the app with X-Tenant-Slug: demo', async () => {
  // The app answers /api only for a known tenant named by X-Tenant-Slug (400 without it).
  const r = await get('demo.basecommerce.com.br', '/api/projects');
  assert.is(r.status, 200, r.body);
  assert.equal(JSON.parse(r.body), { projects: [] });
  const auth = await get('demo.basecommerce.com.br', '/auth/login');
  assert.is(auth.status, 501, 'the auth placeholder answers /auth/');
});

test('/tenant.json answers what the inventory says, per tenant', async () => {
  for (const t of inventory.all.vars.tenants) {
    const r = await get(`${t.slug}.basecommerce.com.br`, '/tenant.json');
    assert.is(r.status, 200);
    assert.equal(JSON.parse(r.body), t.tenant_json);
  }
});

test('unknown tenants and malformed hosts get 404 from the edge', async () => {
  for (const host of ['nobody.basecommerce.com.br', 'basecommerce.com.br', 'demo.example.com', 'a.b.basecommerce.com.br', PUBLIC.edge1]) {
    assert.is((await get(host, '/api/projects')).status, 404, host);
  }
});

test('requests beyond the rate limit get 429', async () => {
  // one after another, as fast as this machine answers, until the limit answers: no timing assumed
  // beyond "500 requests come faster than the limit lets through"
  const statuses: number[] = [];
  while (statuses.length < 500 && !statuses.includes(429)) statuses.push((await get('demo.basecommerce.com.br', '/tenant.json')).status);
  assert.is(statuses.at(-1), 429, `no 429 in ${statuses.length} requests`);
  assert.is(statuses[0], 200);
  assert.equal([...new Set(statuses)], [200, 429], `statuses: ${statuses.join(',')}`);
});

test('PostgreSQL and Redis answer from the VPC, not from the public side', async () => {
  for (const port of [5432, 6379]) {
    assert.ok(reachableFrom('vertical1', VPC.infra1, port), `${port} from the VPC`);
    assert.not.ok(await reachable(PUBLIC.infra1, port), `${port} from the public side`);
  }
});

test('the app and auth ports answer only from the edge', async () => {
  assert.ok(reachableFrom('edge1', VPC.vertical1, 8000), 'app from the edge');
  assert.not.ok(reachableFrom('infra1', VPC.vertical1, 8000), 'app from infra');
  assert.not.ok(await reachable(PUBLIC.vertical1, 8000), 'app from the public side');
  assert.not.ok(await reachable(PUBLIC.edge1, 8001), 'auth from the public side');
});

test('SSH refuses password logins and fail2ban watches sshd on every host', () => {
  for (const host of Object.keys(PUBLIC) as (keyof typeof PUBLIC)[]) {
    const ssh = spawnSync('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password,keyboard-interactive', `root@${PUBLIC[host]}`, 'true'], { encoding: 'utf8', timeout: 15000 });
    assert.is.not(ssh.status, 0);
    assert.match(ssh.stderr, /Permission denied \(publickey\)/, `${host}: ${ssh.stderr}`);
    assert.match(onHost(host, 'sshd -T | grep -E "^(passwordauthentication|kbdinteractiveauthentication) "').out, /passwordauthentication no\nkbdinteractiveauthentication no/);
    assert.is(onHost(host, 'fail2ban-client status sshd').code, 0, `${host}: sshd jail`);
  }
  assert.is(onHost('edge1', 'fail2ban-client status nginx-limit-req').code, 0, 'edge: rate-limit jail');
});

test('env files are 0600 and owned by their service', () => {
  for (const [host, services] of [['infra1', ['outbox-relay', 'engines-worker']], ['vertical1', ['construction']], ['edge1', ['auth']]] as const) {
    for (const s of services) assert.is(onHost(host, `stat -c '%a %U' /etc/bc/${s}.env`).out, `600 bc-${s}`);
  }
});

test('drift on nginx.conf: --check reports exactly that file and exits 3; apply restores it and reloads nginx once', () => {
  const pid = onHost('edge1', 'cat /run/nginx.pid').out;
  onHost('edge1', "echo '# edited by hand' >> /etc/nginx/nginx.conf");
  const check = play(['site', '--check']);
  runs.push(check);
  assert.is(check.code, 3, check.output.slice(-3000));
  const drift = changedResults(check);
  assert.equal(drift.map((d) => [d.host, d.task]), [['edge1', 'nginx.conf'], ['edge1', 'reload nginx']]);
  assert.match(drift[0].changes.join('\n'), '/etc/nginx/nginx.conf');
  const apply = play(['site']);
  runs.push(apply);
  assert.is(apply.code, 0, apply.output.slice(-3000));
  assert.equal(changedResults(apply).map((d) => [d.host, d.task]), [['edge1', 'nginx.conf'], ['edge1', 'reload nginx']]);
  assert.not.match(onHost('edge1', 'cat /etc/nginx/nginx.conf').out, 'edited by hand');
  assert.is(onHost('edge1', 'cat /run/nginx.pid').out, pid, 'reloaded, not restarted');
});

test('--limit infra touches nothing on edge or vertical', () => {
  onHost('infra1', "echo '# edited by hand' >> /etc/redis/redis.conf");
  const run = play(['site', '-l', 'infra']);
  runs.push(run);
  assert.is(run.code, 0, run.output.slice(-3000));
  const hosts = new Set(run.events.filter((e) => e.type === 'host-result').map((e) => e.host));
  assert.equal([...hosts], ['infra1']);
  assert.equal(changedResults(run).map((d) => d.task), ['redis.conf', 'restart redis']);
});

test('a release that fails its health check is rolled back and the previous one keeps serving', () => {
  const good = play(['test/fixtures/fleet/rollback.yaml', '-e', 'probe_src=test/fixtures/fleet/probe-good']);
  runs.push(good);
  assert.is(good.code, 0, good.output.slice(-3000));
  const before = onHost('vertical1', 'readlink /opt/bc/probe/current').out;
  const bad = play(['test/fixtures/fleet/rollback.yaml', '-e', 'probe_src=test/fixtures/fleet/probe-bad']);
  runs.push(bad);
  assert.is(bad.code, 2, bad.output.slice(-3000));
  assert.match(bad.output, 'rolled back to the previous release');
  assert.is(onHost('vertical1', 'readlink /opt/bc/probe/current').out, before);
  assert.is(onHost('vertical1', 'curl -s http://127.0.0.1:8090/healthz').out, '{"version":"good"}');
  assert.is(onHost('vertical1', 'test -e /opt/bc/probe/.deploy.lock && echo locked || echo free').out, 'free');
});

test('no secret value appears in any output (-v, --diff and --json, failing and rollback runs too) or in git', () => {
  // the human reporter too, with a diff of a file that holds a secret (redis.conf's password)
  onHost('infra1', "echo '# edited by hand' >> /etc/redis/redis.conf");
  const human = play(['site', '-l', 'infra'], true);
  runs.push(human);
  assert.is(human.code, 0, human.output.slice(-3000));
  assert.match(human.output, 'redis.conf');
  assert.ok(runs.some((r) => r.code === 2) && runs.some((r) => r.output.includes('rolled back')), 'a failing run and a rollback are among them');
  const store = '.bc-play/secrets.yaml';
  assert.ok(existsSync(store));
  const values = Object.values(parse(readFileSync(store, 'utf8')) as Record<string, unknown>).flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'object' && v ? Object.values(v).map(String) : []));
  assert.ok(values.length >= 2, 'the postgres and redis secrets exist');
  for (const value of values) {
    for (const run of runs) assert.not.ok(run.output.includes(value), 'a secret appeared in the output');
    assert.is(spawnSync('git', ['grep', '-q', '-F', value]).status, 1, 'a secret is in git');
  }
});

test.run();
