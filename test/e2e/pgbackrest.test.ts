// pgBackRest in the lab (issue 13): the stanza on the offsite host's encrypted SFTP repositories,
// the daily and the pre-update backup, continuous WAL archiving with its measured delay (the RPO
// bound while the offsite host is up), `backup-status` healthy and failing when archiving is stuck,
// the scheduled restore test into a scratch cluster, and a damaged repository refused.
// Needs root (the lab); refuses to start while another session holds the lab, takes down its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labSession } from '../support/lab-session.js';
import { eventually, lab, must, onHost, play, PRE_UPDATE, taskStatus } from './lab-drive.js';

const log = (line: string) => console.error(`# ${line}`);
const REPOS = '/var/lib/bc-pgbackrest';
const sql = (query: string) => must('infra1', `runuser -u postgres -- psql -X -q -A -t -d basecommerce -c "${query}"`);
const status = () => onHost('infra1', '/usr/local/sbin/bc-pgbackrest status');
const statusJson = () => JSON.parse(status().out.split('\n').at(-1)!);
const infraAddress = () => must('offsite1', `grep -o 'from="[^"]*"' ${REPOS}/.ssh/authorized_keys | cut -d'"' -f2`).split(',');

const session = labSession('the pgBackRest e2e suite');

test.before(async () => {
  await session.claim();
  lab('up', '-i', 'inventory.yaml');
});

test.after(() => session.release());

test('site.yaml creates the pgBackRest stanza offsite, archives WAL and runs a second time with no change', () => {
  const first = play(['site']);
  log(`site.yaml on fresh hosts: ${first.seconds.toFixed(1)} s`);
  assert.is(first.code, 0, first.output.slice(-4000));
  assert.is(must('infra1', 'systemctl is-enabled bc-pgbackrest.timer'), 'enabled');
  assert.is(sql('SHOW archive_mode'), 'on');
  assert.is(sql('SHOW archive_timeout'), '1min');
  must('infra1', 'runuser -u postgres -- pgbackrest --stanza=main check');
  const again = play(['site']);
  assert.is(again.code, 0, again.output.slice(-4000));
  assert.not.match(again.output, /changed=[1-9]/, 'a second run changes nothing');
});

test('the pgBackRest key may only use SFTP on the offsite host: no shell, no command', () => {
  assert.match(must('offsite1', `cat ${REPOS}/.ssh/authorized_keys`), /^restrict,from="[0-9.,]+",command="internal-sftp" ssh-ed25519 /);
  const options = '-i /etc/pgbackrest/offsite.key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null';
  const target = 'bc-pgbackrest@$(grep -m1 sftp-host= /etc/pgbackrest/pgbackrest.conf | cut -d= -f2)';
  must('infra1', `echo ls | sftp -b - ${options} ${target}`);
  const shell = onHost('infra1', `ssh ${options} ${target} 'echo SHELL-RAN; id' < /dev/null`);
  assert.not.match(shell.out, 'SHELL-RAN');
  assert.not.match(shell.out, 'uid=');
});

test('a daily backup, then backup-status: newest backup, its age, archive lag, repositories ok', () => {
  const run = play(['backup-status']);
  assert.is(run.code, 2, 'no daily backup yet: status fails');
  assert.match(run.output, 'repo1: no daily backup yet');
  const started = Date.now();
  must('infra1', 'systemctl start bc-pgbackrest.service');
  log(`daily pgBackRest backup (bc-pgbackrest.service): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const ok = play(['backup-status']);
  assert.is(ok.code, 0, ok.output.slice(-3000));
  assert.match(ok.output, /repo1 \(daily\): ok; newest \d{8}-\d{6}F, 0\.0 h old/);
  assert.match(ok.output, /WAL archive: 0 segment\(s\) waiting/);
});

test('restore-test: the newest backup, taken while rows were written, restored into a scratch cluster matches its recorded row counts', () => {
  sql('CREATE TABLE IF NOT EXISTS restore_probe (id serial PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())');
  // Rows go on being written during and after the backup: the counts it records are those at its
  // restore point, not at the end of the run, and the restored cluster must match them exactly.
  must('infra1', `nohup bash -c 'end=$(( $(date +%s) + 25 )); while [ $(date +%s) -lt $end ]; do runuser -u postgres -- psql -X -q -d basecommerce -c "INSERT INTO restore_probe DEFAULT VALUES"; sleep 0.05; done' > /dev/null 2>&1 & echo $! > /root/writer.pid`);
  const backup = JSON.parse(must('infra1', '/usr/local/sbin/bc-pgbackrest backup daily').split('\n').at(-1)!);
  log(`daily backup with its restore point and ${backup.tables} tables counted: ${backup.seconds} s, writes held ${backup.writes_held_ms} ms while counting`);
  must('infra1', 'while kill -0 $(cat /root/writer.pid) 2> /dev/null; do sleep 1; done');
  const recorded = must('infra1', `runuser -u postgres -- pgbackrest --stanza=main --repo=1 --set=${backup.label} --output=json info`);
  const counted = Number(/public\.restore_probe:(\d+)/.exec(recorded)![1]);
  assert.ok(Number(sql('SELECT count(*) FROM restore_probe')) > counted, 'rows were written after the restore point');
  const run = play(['restore-test']);
  assert.is(run.code, 0, run.output.slice(-4000));
  const summary = new RegExp(`${backup.label} \\(repo1\\): ${backup.tables} tables, row counts match its restore point; verify (\\d+) s, restore and recovery (\\d+) s, (\\d+) s in all`).exec(run.output);
  assert.ok(summary, run.output.slice(-2000));
  log(`restore-test.yaml ${run.seconds.toFixed(1)} s: verify ${summary![1]} s, restore and recovery ${summary![2]} s, ${summary![3]} s in all (${counted} probe rows at the point)`);
  assert.is(must('infra1', 'ls /var/lib/postgresql'), must('infra1', 'ls /etc/postgresql'), 'the scratch cluster is gone');
  assert.is(onHost('infra1', 'pg_isready -q -h /var/lib/postgresql/bc-restore-test -p 5499').code, 2, 'nothing listens on its port');
  must('infra1', 'systemctl start bc-restore-test.service');
  assert.is(must('infra1', 'systemctl show -p Result --value bc-restore-test.service'), 'success');
  const status = play(['backup-status']);
  assert.is(status.code, 0, status.output.slice(-3000));
  assert.match(status.output, /restore test: passed \S+ \(\d{8}-\d{6}F\)/);
});

test('a damaged file in the offsite repository: verify and the restore test fail loudly, restore.yaml refuses before stopping anything', () => {
  const label = statusJson().repos[0].newest;
  // The largest file of the newest backup, 16 bytes in its middle overwritten (bit rot offsite).
  const file = must('offsite1', `find ${REPOS}/daily/backup/main/${label}/pg_data -type f -printf '%s %p\\n' | sort -n | tail -n 1 | cut -d' ' -f2`);
  must('offsite1', `cp -a ${file} /root/undamaged && printf 'DAMAGED-DAMAGED!' | dd of=${file} bs=1 seek=$(( $(stat -c %s ${file}) / 2 )) conv=notrunc status=none`);
  const verify = onHost('infra1', '/usr/local/sbin/bc-pgbackrest verify');
  log(`verify of the damaged repository: ${verify.out.split('\n').filter((l) => /ERROR|WARN|invalid|checksum/i.test(l)).slice(0, 3).join(' | ')}`);
  assert.is(verify.code, 1, verify.out);
  assert.match(verify.out, 'pgbackrest verify of repo1 FAILED');
  // pgBackRest's own restore of that backup, without bc-play's verify first: it fails too.
  const plain = onHost('infra1', `install -d -o postgres -m 0700 /tmp/plain && runuser -u postgres -- pgbackrest --stanza=main --repo=1 --set=${label} --pg1-path=/tmp/plain --archive-mode=off restore; rc=$?; rm -rf /tmp/plain; exit $rc`);
  log(`pgbackrest restore of the damaged backup: exit ${plain.code}: ${plain.out.split('\n').filter((l) => /ERROR/.test(l)).slice(0, 1).join('')}`);
  assert.is.not(plain.code, 0, plain.out);
  const test = play(['restore-test']);
  assert.is.not(test.code, 0);
  assert.match(test.output, 'RESTORE TEST FAILED');
  assert.is(onHost('infra1', 'systemctl start bc-restore-test.service').code, 1);
  assert.is(must('infra1', 'systemctl show -p Result --value bc-restore-test.service'), 'exit-code');
  const status = play(['backup-status']);
  assert.is.not(status.code, 0);
  assert.match(status.output, 'restore test: FAILED');
  assert.match(status.output, 'PROBLEM: the last restore test FAILED');
  const before = startedAt();
  const restore = play(['restore', '-e', 'confirm=yes', '-e', 'target_time=latest']);
  assert.is.not(restore.code, 0);
  assert.match(restore.output, 'verify of repo1 FAILED');
  assert.match(restore.output, 'restore refuses these repositories');
  assert.is(startedAt(), before, 'PostgreSQL, the workers and the app were never stopped');
  must('offsite1', `cp -a /root/undamaged ${file}`);
  const again = play(['restore-test']);
  assert.is(again.code, 0, again.output.slice(-3000));
  assert.is(play(['backup-status']).code, 0, 'the passing restore test clears the problem');
});

test('WAL reaches the offsite repository within archive_timeout: the RPO bound, measured', async () => {
  const delays = await commitToOffsite(2);
  log(`commit to WAL offsite: ${delays.map((d) => d.toFixed(1)).join(' s, ')} s (archive_timeout 60 s)`);
  for (const d of delays) assert.ok(d <= 75, `archived after ${d} s`);
});

// After crash recovery the checkpointer sleeps checkpoint_timeout (5 min) with no archive_timeout
// deadline; the role's ExecStartPost checkpoint wakes it (docs/recovery.md).
test('PostgreSQL killed and started again by systemd: a commit still reaches the offsite repository within archive_timeout', async () => {
  must('infra1', 'systemctl kill -s KILL postgresql@$(ls /etc/postgresql)-main');
  const killed = Date.now();
  await eventually('PostgreSQL accepting writes after the kill', async () => onHost('infra1', "runuser -u postgres -- psql -X -A -t -d postgres -c 'SELECT pg_is_in_recovery()'").out, (out) => out === 'f', 90);
  const back = (Date.now() - killed) / 1000;
  const delays = await commitToOffsite(1);
  log(`PostgreSQL killed: back in ${back.toFixed(1)} s (Restart=on-failure, crash recovery), then commit to WAL offsite ${delays[0].toFixed(1)} s (archive_timeout 60 s)`);
  assert.ok(delays[0] <= 75, `archived after ${delays[0]} s`);
});

test('PostgreSQL killed mid-writes, data directory lost, restore.yaml -e target_time=latest: RPO measured in rows', async () => {
  sql('CREATE TABLE IF NOT EXISTS rpo_writes (id int PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())');
  await archivedNow();
  // A committed row about every 130 ms for 100 s, by the clock (a count of rows finished in under
  // archive_timeout on a fast machine, so no segment was switched and every row was rightly lost;
  // 100 s leave the segment archive_timeout switches at 60 s 40 s to reach the offsite host on a
  // loaded machine), the last id that committed written down as it goes; then PostgreSQL dies and
  // its WAL with it.
  must('infra1', `end=$(( $(date +%s) + 100 )); i=0; while [ $(date +%s) -lt $end ]; do i=$((i+1)); runuser -u postgres -- psql -X -q -d basecommerce -c "INSERT INTO rpo_writes (id) VALUES ($i)" && echo $i > /root/rpo-last; sleep 0.1; done`);
  const committed = Number(must('infra1', 'cat /root/rpo-last'));
  const archiver = sql("SELECT pg_walfile_name(pg_current_wal_lsn()) || ' current; ' || coalesce(last_archived_wal, '-') || ' archived ' || coalesce(round(extract(epoch FROM now() - last_archived_time))::text, '-') || ' s ago; ' || failed_count || ' failed' FROM pg_stat_archiver");
  const lostAt = Number(must('infra1', 'date +%s.%N; systemctl kill -s KILL "postgresql@*-main.service"; systemctl stop "postgresql@*-main.service" postgresql; rm -rf /var/lib/postgresql/*/main/pg_wal/*').split('\n')[0]);
  const run = play(['restore', '-e', 'confirm=yes', '-e', 'target_time=latest']);
  assert.is(run.code, 0, run.output.slice(-4000));
  const restored = Number(sql('SELECT count(*) FROM rpo_writes'));
  const newest = Number(sql('SELECT coalesce(extract(epoch FROM max(at)), 0) FROM rpo_writes'));
  const rpo = lostAt - newest;
  log(`RPO with the data directory's WAL lost: ${committed - restored} of ${committed} committed rows lost, the last ${rpo.toFixed(1)} s of writes (archive_timeout 60 s); restore.yaml to latest ${run.seconds.toFixed(1)} s`);
  assert.ok(restored > 0 && rpo <= 75, `${restored} of ${committed} rows restored, the last ${rpo.toFixed(1)} s of writes lost; WAL at the kill: ${archiver}`);
  const status = play(['backup-status']);
  assert.is(status.code, 0, status.output.slice(-3000));
});

// Last: WAL archiving stops for the length of the run (about 3 minutes) and resumes after it.
test('the offsite repository is encrypted: a value written is not findable there', () => {
  const marker = `plaintext-marker-${Date.now()}`;
  sql(`CREATE TABLE IF NOT EXISTS secrets_probe (v text); INSERT INTO secrets_probe VALUES ('${marker}'); SELECT pg_switch_wal()`);
  must('infra1', '/usr/local/sbin/bc-pgbackrest backup daily');
  assert.is(onHost('offsite1', `grep -rl '${marker}' ${REPOS}`).code, 1, 'the marker is nowhere in the repositories');
  assert.match(must('infra1', `grep -c '${marker}' -r /var/lib/postgresql/*/main/base | grep -v ':0' | wc -l`), /^[1-9]/, 'the marker is in the cluster itself');
});

test('archiving stuck (offsite unreachable) fails backup-status; reachable again, it catches up with no gap', async () => {
  for (const address of infraAddress()) must('offsite1', `ufw insert 1 reject from ${address} to any port 22 proto tcp`);
  sql("INSERT INTO rpo_probe DEFAULT VALUES; SELECT pg_switch_wal()");
  await new Promise((r) => setTimeout(r, 20_000));
  const stuck = onHost('infra1', 'sed s/^MAX_ARCHIVE_LAG_SECONDS=.*/MAX_ARCHIVE_LAG_SECONDS=10/ /etc/bc-pgbackrest.conf > /tmp/strict.conf && BC_PGBACKREST_CONF=/tmp/strict.conf /usr/local/sbin/bc-pgbackrest status');
  assert.is(stuck.code, 1, stuck.out);
  assert.match(stuck.out, 'WAL archiving stuck');
  for (const address of infraAddress()) must('offsite1', `ufw delete reject from ${address} to any port 22 proto tcp`);
  const back = Date.now();
  await eventually('archiving catches up', async () => statusJson(), (s) => s.wal_waiting === 0, 120);
  log(`archive caught up ${((Date.now() - back) / 1000).toFixed(1)} s after the offsite host was reachable again`);
  must('infra1', 'runuser -u postgres -- pgbackrest --stanza=main check');
  const verify = onHost('infra1', 'runuser -u postgres -- pgbackrest --stanza=main --repo=1 verify');
  assert.is(verify.code, 0, verify.out);
});

test('site.yaml takes the pre-update backup with pgBackRest (repo2) too, predicted in --check', () => {
  const check = play(['site', '-e', 'postgres_work_mem=5MB', '--check']);
  assert.is(taskStatus(check, PRE_UPDATE), 'changed');
  const run = play(['site', '-e', 'postgres_work_mem=5MB']);
  assert.is(run.code, 0, run.output.slice(-4000));
  assert.is(taskStatus(run, PRE_UPDATE), 'changed');
  const repo2 = statusJson().repos.find((r: { repo: number }) => r.repo === 2);
  assert.match(repo2.newest ?? '', /F$/, JSON.stringify(repo2));
  assert.ok(repo2.age_seconds < 600);
});

/** Seconds from each of `count` commits, one after the other, to its WAL segment in the offsite repository. */
async function commitToOffsite(count: number): Promise<number[]> {
  sql('CREATE TABLE IF NOT EXISTS rpo_probe (id serial PRIMARY KEY, at timestamptz DEFAULT now())');
  const delays: number[] = [];
  for (let i = 0; i < count; i++) {
    const wal = sql('INSERT INTO rpo_probe DEFAULT VALUES RETURNING pg_walfile_name(pg_current_wal_insert_lsn())').split('\n')[0];
    const committed = Date.now();
    await eventually(
      `WAL ${wal} in the offsite repository`,
      async () => must('offsite1', `find ${REPOS}/daily/archive -name '${wal}-*' | wc -l`),
      (n) => n === '1',
      120,
    );
    delays.push((Date.now() - committed) / 1000);
  }
  return delays;
}

/** When PostgreSQL, the workers and the app last started (a restore that stops any of them changes it). */
function startedAt(): string {
  return must('infra1', 'systemctl show -p ActiveEnterTimestampMonotonic --value postgresql@$(ls /etc/postgresql)-main bc-outbox-relay bc-engines-worker') + must('vertical1', 'systemctl show -p ActiveEnterTimestampMonotonic --value bc-construction');
}

/** Waits until the WAL segment holding everything committed so far is in the offsite archive. */
async function archivedNow(): Promise<void> {
  const wal = sql('SELECT pg_walfile_name(pg_switch_wal())');
  await eventually(`WAL ${wal} archived`, async () => sql('SELECT last_archived_wal FROM pg_stat_archiver'), (w) => w >= wal, 120);
}

test('a restore to a time before the first backup or in the future is refused; PostgreSQL, the workers and the app keep serving', () => {
  const before = startedAt();
  const oldest = must('infra1', "runuser -u postgres -- pgbackrest --stanza=main --output=json info | grep -o '\"label\":\"[^\"]*\"' | cut -d'\"' -f4 | sort | head -n 1");
  const early = '2020-01-01T00:00:00+00';
  const onHostRun = onHost('infra1', `/usr/local/sbin/bc-pgbackrest restore --verified ${early}`);
  assert.is(onHostRun.code, 1, onHostRun.out);
  assert.match(onHostRun.out, `no backup ended before ${early}: the oldest, ${oldest}`);
  const run = play(['restore', '-e', 'confirm=yes', '-e', `target_time=${early}`]);
  assert.is.not(run.code, 0);
  assert.match(run.output, 'PostgreSQL was not stopped; nothing was changed');
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const ahead = play(['restore', '-e', 'confirm=yes', '-e', `target_time=${future}`]);
  assert.is.not(ahead.code, 0);
  assert.match(ahead.output, `${future} is in the future`);
  assert.not.match(run.output + ahead.output, 'TASK [stop the construction app]');
  assert.is(startedAt(), before, 'PostgreSQL, the workers and the app were never stopped');
  assert.is(sql('SELECT 1'), '1', 'PostgreSQL answers');
});

test('bad data at time T: restore.yaml -e target_time=T-1s brings back the rows before T, not those after', async () => {
  const dry = play(['restore', '-e', 'target_time=latest']);
  assert.is(dry.code, 2, 'without confirm=yes nothing happens');
  sql('CREATE TABLE IF NOT EXISTS pitr_probe (id int PRIMARY KEY, note text)');
  sql("INSERT INTO pitr_probe SELECT g, 'good' FROM generate_series(1, 100) g");
  await new Promise((r) => setTimeout(r, 2500));
  const t = sql("INSERT INTO pitr_probe SELECT g, 'bad' FROM generate_series(101, 150) g RETURNING replace(to_char(now() - interval '1 second', 'YYYY-MM-DD HH24:MI:SS.MSOF'), ' ', 'T')").split('\n')[0];
  await archivedNow();
  const run = play(['restore', '-e', 'confirm=yes', '-e', `target_time=${t}`]);
  log(`point-in-time restore to ${t}: restore.yaml ${run.seconds.toFixed(1)} s`);
  assert.is(run.code, 0, run.output.slice(-4000));
  assert.is(sql("SELECT count(*) FILTER (WHERE note = 'good') || ' ' || count(*) FILTER (WHERE note = 'bad') FROM pitr_probe"), '100 0');
  assert.is(onHost('infra1', 'systemctl is-active bc-outbox-relay bc-engines-worker').out, 'active\nactive');
});

// Right after the point-in-time restore (timeline 2): PostgreSQL's checkpointer sleeps
// checkpoint_timeout (5 min) after the end-of-recovery checkpoint, with no archive_timeout
// deadline, unless bc-pgbackrest wakes it with a checkpoint (docs/recovery.md).
test('after a point-in-time restore, a commit still reaches the offsite repository within archive_timeout', async () => {
  const delays = await commitToOffsite(2);
  log(`after the point-in-time restore, commit to WAL offsite: ${delays.map((d) => d.toFixed(1)).join(' s, ')} s (archive_timeout 60 s)`);
  for (const d of delays) assert.ok(d <= 75, `archived after ${d} s`);
});

test('offsite host unreachable: the pre-update backup fails the run before PostgreSQL or the app change', () => {
  // A route on infra1 rather than a firewall rule offsite: site.yaml rewrites every host's ufw rules.
  const offsite = must('infra1', 'grep -m1 sftp-host= /etc/pgbackrest/pgbackrest.conf | cut -d= -f2');
  must('infra1', `ip route add prohibit ${offsite}/32`);
  const run = play(['site', '-e', 'postgres_work_mem=6MB']);
  must('infra1', `ip route del prohibit ${offsite}/32`);
  log(`site.yaml with the offsite host unreachable failed after ${run.seconds.toFixed(1)} s`);
  assert.is(taskStatus(run, PRE_UPDATE), 'fatal', run.output.slice(-3000));
  assert.is.not(run.code, 0);
  assert.not.match(run.output, 'PLAY [infra - PostgreSQL and Redis]');
  assert.not.match(run.output, 'PLAY [vertical');
  assert.is(sql('SHOW work_mem'), '5MB', 'PostgreSQL was not changed');
});

test.run();
