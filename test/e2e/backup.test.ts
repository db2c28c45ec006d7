// Backups and disaster recovery in the lab, the drills of issue 6: backup, restore, retention,
// a lost offsite host, a corrupt dump, the pre-update backup, and the loss of the infra host and
// of the (stateless) edge host with their recovery times measured against the topology's.
// Needs root (the lab); refuses to start while a lab is up and always takes it down at the end.
import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labSession } from '../support/lab-session.js';
import { eventually, lab, must, onHost, play, PRE_UPDATE, taskStatus } from './lab-drive.js';

const EDGE = '10.213.0.11';
const DEMO = 'demo.basecommerce.com.br';
const RTO_SECONDS = { infra: 3600, stateless: 900 };
const log = (line: string) => console.error(`# ${line}`);

/** An HTTP exchange with the edge's public address, as a browser for the demo tenant would. */
function http(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Host: DEMO, ...(data ? { 'Content-Type': 'application/json' } : {}) };
    const req = request({ host: EDGE, port: 80, path, method, headers, timeout: 5000, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON (an nginx error page): kept as text for the assertion message
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(data);
  });
}

async function createProject(name: string): Promise<void> {
  const r = await http('POST', '/api/projects', { name, status: 'active', budgetCents: 1000 });
  assert.is(r.status, 201, JSON.stringify(r.json));
}

async function projectNames(): Promise<string[]> {
  const r = await http('GET', '/api/projects');
  assert.is(r.status, 200, JSON.stringify(r.json));
  return (r.json.projects as { name: string }[]).map((p) => p.name).sort();
}

async function figures(): Promise<{ projects: number; budgetCents: number; eventsApplied: number }> {
  const r = await http('GET', '/api/figures');
  if (r.status !== 200) throw new Error(`figures answered ${r.status}`);
  return r.json.figures;
}

const settled = async () => {
  const want = (await projectNames()).length;
  return eventually('the engines worker applies every event', figures, (f) => f.projects === want);
};

/** Backup names in a folder, oldest first (by the time in the name, whatever the kind). */
const backups = (host: string, dir: string) =>
  must(host, `ls -1 ${dir} | grep -E '^(daily|pre-update)-' || true`)
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => a.slice(-16).localeCompare(b.slice(-16)));
const LOCAL = '/var/backups/bc';
const OFFSITE = '/var/lib/bc-offsite/backups';
const active = (host: string, unit: string) => onHost(host, `systemctl is-active ${unit}`).out;
const timestamp = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

const session = labSession('the backup e2e suite');

test.before(async () => {
  await session.claim();
  lab('up', '-i', 'inventory.yaml');
});

test.after(() => session.release());

test('site.yaml converges the fleet with the offsite store and the backup timers', () => {
  const run = play(['site']);
  log(`site.yaml on fresh hosts: ${run.seconds.toFixed(1)} s`);
  assert.is(run.code, 0, run.output.slice(-4000));
  for (const timer of ['bc-backup.timer', 'bc-restore-test.timer']) {
    assert.is(must('infra1', `systemctl is-enabled ${timer}`), 'enabled');
    assert.is(active('infra1', timer), 'active');
  }
  assert.match(must('infra1', 'systemctl cat bc-backup.timer'), 'Persistent=true');
  assert.is(taskStatus(run, PRE_UPDATE), 'skipping', 'no database yet: nothing to back up');
});

test('the backup key may only store backups offsite: no shell, no other command', () => {
  const key = '-i /root/.ssh/bc-offsite -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=/root/.ssh/bc-offsite.known_hosts';
  const target = must('infra1', 'grep OFFSITE_TARGET= /etc/bc-backup.conf | cut -d= -f2');
  assert.match(onHost('infra1', `ssh ${key} ${target} 'cat /etc/passwd'`).out, 'allowed commands: put NAME, list, get NAME');
  assert.match(onHost('infra1', `ssh ${key} ${target} 'put ../../etc/x' < /dev/null`).out, 'is not a backup name');
  assert.is(onHost('infra1', `ssh ${key} ${target} list`).code, 0);
  assert.match(must('offsite1', 'cat /var/lib/bc-offsite/.ssh/authorized_keys'), /^restrict,from="[0-9.]+",command="\/usr\/local\/sbin\/bc-offsite-receive" ssh-ed25519 /);
});

test('data written through the app, backup, more data, restore: the first data is back, the later gone', async () => {
  await createProject('before the backup');
  await settled();
  const run = play(['backup']);
  assert.is(run.code, 0, run.output.slice(-4000));
  log(`backup.yaml: ${run.seconds.toFixed(1)} s`);
  assert.match(run.output, /daily-\d{8}T\d{6}Z\/basecommerce\.dump: [\d.]+ KiB, dumped in [\d.]+ s, \d+ tables/);
  assert.match(run.output, /globals\.sql: [\d.]+ KiB/);
  assert.match(run.output, /offsite: ok: .*1 sent/);
  const name = backups('infra1', LOCAL).at(-1)!;
  assert.ok(backups('offsite1', OFFSITE).includes(name), 'copied offsite');
  await createProject('after the backup');

  const unconfirmed = play(['restore']);
  assert.is.not(unconfirmed.code, 0);
  assert.match(unconfirmed.output, '-e confirm=yes');
  assert.equal(await projectNames(), ['after the backup', 'before the backup'], 'nothing changed without confirmation');

  const restore = play(['restore', '-e', 'backup=latest', '-e', 'confirm=yes']);
  log(`restore.yaml: ${restore.seconds.toFixed(1)} s`);
  assert.is(restore.code, 0, restore.output.slice(-4000));
  assert.equal(await projectNames(), ['before the backup']);
  for (const unit of ['bc-outbox-relay', 'bc-engines-worker']) assert.is(active('infra1', unit), 'active', unit);
  assert.is(active('vertical1', 'bc-construction'), 'active');
  await createProject('after the restore');
  await settled();
});

test('the daily dump by its timer: bc-backup.service succeeds', () => {
  must('infra1', 'systemctl start bc-backup.service');
  assert.is(must('infra1', 'systemctl show -p Result --value bc-backup.service'), 'success');
});

test('a corrupt or truncated dump is detected and never restored', () => {
  const good = backups('infra1', LOCAL).at(-1)!;
  for (const [name, damage] of [
    // Cut short after its checksums were taken (a partial copy, bit rot): the checksums catch it.
    [`daily-${timestamp(0.5)}`, 'truncate -s -16 basecommerce.dump'],
    // Cut short and checksummed afterwards: the table of contents still reads, the data does not.
    [`daily-${timestamp(0.6)}`, 'truncate -s -16 basecommerce.dump && sha256sum -- basecommerce.counts basecommerce.dump basecommerce.owner globals.sql > SHA256SUMS'],
  ]) {
    must('infra1', `cp -a ${LOCAL}/${good} ${LOCAL}/${name} && cd ${LOCAL}/${name} && ${damage}`);
    assert.is(onHost('infra1', `pg_restore --list ${LOCAL}/${name}/basecommerce.dump > /dev/null`).code, 0, 'the table of contents alone passes');
    const verify = onHost('infra1', `bc-backup verify ${name}`);
    assert.is(verify.code, 1);
    assert.match(verify.out, `backup ${name} is NOT good`);
    const restore = play(['restore', '-e', `backup=${name}`, '-e', 'confirm=yes']);
    assert.is.not(restore.code, 0);
    assert.match(restore.output, 'refusing to restore it');
    must('infra1', `rm -rf ${LOCAL}/${name}`);
  }
  assert.is(active('infra1', 'bc-engines-worker'), 'active', 'a refused restore restarts the workers');
  assert.is(active('vertical1', 'bc-construction'), 'active');
});

test('retention: backups past 7 days (daily) and 30 days (pre-update) are pruned here and offsite', () => {
  const newest = backups('infra1', LOCAL).at(-1)!;
  const old = [`daily-${timestamp(8)}`, `pre-update-${timestamp(31)}`];
  const kept = [`daily-${timestamp(6)}`, `pre-update-${timestamp(29)}`];
  for (const name of [...old, ...kept]) {
    must('infra1', `cp -a ${LOCAL}/${newest} ${LOCAL}/${name}`);
    must('offsite1', `cp -a ${OFFSITE}/${newest} ${OFFSITE}/${name} && chown -R bc-offsite: ${OFFSITE}/${name}`);
  }
  const run = play(['backup']);
  assert.is(run.code, 0, run.output.slice(-4000));
  for (const host of ['infra1', 'offsite1']) {
    const left = backups(host, host === 'infra1' ? LOCAL : OFFSITE);
    for (const name of old) assert.not.ok(left.includes(name), `${host}: ${name} pruned`);
    for (const name of [...kept, newest]) assert.ok(left.includes(name), `${host}: ${name} kept`);
  }
  assert.match(run.output, `pruned: ${old[0]} ${old[1]}`);
});

test('a lost offsite host does not stop the local backup, is reported, and catches up', () => {
  const infra = must('infra1', 'hostname -I').split(/\s+/);
  for (const address of infra) must('offsite1', `ufw insert 1 reject from ${address} to any port 22 proto tcp`);
  const run = play(['backup']);
  for (const address of infra) must('offsite1', `ufw delete reject from ${address} to any port 22 proto tcp`);
  assert.is.not(run.code, 0);
  assert.match(run.output, 'offsite: FAILED');
  assert.match(run.output, 'its offsite copy FAILED');
  const name = backups('infra1', LOCAL).at(-1)!;
  assert.not.ok(backups('offsite1', OFFSITE).includes(name));
  must('infra1', `bc-backup verify ${name}`);
  const next = play(['backup']);
  assert.is(next.code, 0, next.output.slice(-3000));
  assert.match(next.output, /offsite: ok: .*2 sent/);
  assert.ok(backups('offsite1', OFFSITE).includes(name), 'the missed backup caught up');
});

test('site.yaml takes a pre-update backup before it changes PostgreSQL, and predicts it in --check', () => {
  const before = backups('infra1', LOCAL).filter((n) => n.startsWith('pre-update-')).length;
  const check = play(['site', '-l', 'infra', '-e', 'postgres_work_mem=5MB', '--check']);
  assert.is(check.code, 3, check.output.slice(-3000));
  assert.is(taskStatus(check, PRE_UPDATE), 'changed');
  const run = play(['site', '-l', 'infra', '-e', 'postgres_work_mem=5MB']);
  assert.is(run.code, 0, run.output.slice(-3000));
  assert.is(taskStatus(run, PRE_UPDATE), 'changed');
  const after = backups('infra1', LOCAL).filter((n) => n.startsWith('pre-update-'));
  assert.is(after.length, before + 1);
  assert.ok(backups('offsite1', OFFSITE).includes(after.at(-1)!), 'the pre-update backup is offsite too');
  // A release of a service with migrations pending (current points elsewhere): predicted too.
  must('infra1', 'cd /opt/bc/outbox-relay && mv -T current current.real && ln -s releases/000000000000 current');
  const release = play(['site', '-l', 'infra', '--check']);
  must('infra1', 'cd /opt/bc/outbox-relay && mv -T current.real current');
  assert.is(taskStatus(release, PRE_UPDATE), 'changed', release.output.slice(-3000));
  const back = play(['site', '-l', 'infra']);
  assert.is(back.code, 0, back.output.slice(-3000));
  const again = play(['site', '-l', 'infra']);
  assert.is(taskStatus(again, PRE_UPDATE), 'skipping', 'nothing changes: no backup');
});

test('infra host lost: rebuilt, restored from the offsite copy, events replayed, serving within the 1 hour RTO', async () => {
  await settled();
  const backup = play(['backup']);
  assert.is(backup.code, 0, backup.output.slice(-3000));
  const names = await projectNames();
  const wanted = await figures();
  const started = Date.now();
  lab('destroy', 'infra1');
  lab('up', '-i', 'inventory.yaml');
  const site = play(['site', '-l', 'infra']);
  assert.is(site.code, 0, site.output.slice(-4000));
  const siteSeconds = site.seconds;
  assert.equal(backups('infra1', LOCAL), [], 'the new infra host has no backup of its own');
  const restore = play(['restore', '-e', 'confirm=yes']);
  assert.is(restore.code, 0, restore.output.slice(-4000));
  assert.equal(backups('infra1', LOCAL), [backups('offsite1', OFFSITE).at(-1)], 'the latest offsite backup was fetched');
  await eventually('the app serves the restored data', projectNames, (n) => JSON.stringify(n) === JSON.stringify(names), 120);
  const rto = (Date.now() - started) / 1000;
  log(`RTO infra host lost: ${rto.toFixed(0)} s (site.yaml ${siteSeconds.toFixed(0)} s, restore.yaml ${restore.seconds.toFixed(0)} s); topology: ${RTO_SECONDS.infra} s`);
  assert.ok(rto < RTO_SECONDS.infra);
  const got = await figures();
  assert.equal([got.projects, got.budgetCents, got.eventsApplied], [wanted.projects, wanted.budgetCents, wanted.eventsApplied], 'the engine figures match');
  await createProject('after the rebuild');
  await eventually('events flow again after the replay', figures, (f) => f.projects === wanted.projects + 1);
});

test('edge host lost: rebuilt by site.yaml --limit edge, serving within the 15 minute RTO', async () => {
  const started = Date.now();
  lab('destroy', 'edge1');
  lab('up', '-i', 'inventory.yaml');
  const site = play(['site', '-l', 'edge']);
  assert.is(site.code, 0, site.output.slice(-4000));
  await eventually('the edge serves the app', projectNames, (n) => n.includes('after the rebuild'), 60);
  const rto = (Date.now() - started) / 1000;
  log(`RTO edge host lost: ${rto.toFixed(0)} s (site.yaml ${site.seconds.toFixed(0)} s); topology: ${RTO_SECONDS.stateless} s`);
  assert.ok(rto < RTO_SECONDS.stateless);
});

test.run();
