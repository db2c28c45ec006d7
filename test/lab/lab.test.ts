// The lab on this machine, for real: up, networks, firewall, idempotency, destroy, restart and a
// down that leaves the machine exactly as it was. Needs root; sends traffic only to lab hosts.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInventory } from '../../lib/inventory/load.js';
import { destroyHost, ensureLabUp, labDown, labSsh, labStatus, restartHost } from '../../lib/lab/index.js';
import { labPaths } from '../../lib/lab/paths.js';
import { processState } from '../../lib/lab/processes.js';
import { labSession } from '../support/lab-session.js';

const INVENTORY = 'test/fixtures/lab/inventory.yaml';
/** TEST-NET-2: no lab host, mirror or resolver; the lab's REJECT rule must answer for it. */
const OUTSIDE = '198.51.100.1';
const paths = labPaths();
const log = (line: string) => console.error(line);

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

/** Everything on this machine that a lab could leave behind. */
function snapshot() {
  const cgroups = ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified'].flatMap((r) => (existsSync(r) ? readdirSync(r).filter((e) => e.startsWith('bc-play-lab')) : []));
  // zombies too: `down` returns once its hosts' processes are out of the table
  const nspawn = sh('ps', ['-eo', 'stat=,comm=']).split('\n').filter((l) => /systemd-nspawn/.test(l));
  return {
    nspawn,
    mounts: readFileSync('/proc/mounts', 'utf8').split('\n').filter((l) => l.includes('bc-play')),
    links: sh('ip', ['-o', 'link', 'show']).split('\n').map((l) => l.split(':')[1]?.trim().split('@')[0]).filter(Boolean).sort(),
    filter: sh('iptables', ['-w', '-S']),
    nat: sh('iptables', ['-w', '-t', 'nat', '-S']),
    ipForward: readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8'),
    cgroups,
    stateDir: existsSync(paths.stateDir),
    propagate: existsSync('/run/systemd/nspawn/propagate') ? readdirSync('/run/systemd/nspawn/propagate') : [],
  };
}

async function run(host: string, command: string): Promise<string> {
  const r = await labSsh(host, [command], paths);
  assert.is(r.code, 0, `${host}: ${command} exited ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}

function rejectCount(): number {
  const out = sh('iptables', ['-w', '-L', 'FORWARD', '-v', '-x', '-n']);
  return out.split('\n').filter((l) => /REJECT/.test(l) && /bcplay-pub/.test(l)).reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0]), 0);
}

const before = snapshot();
const inventory = loadInventory(INVENTORY);
const names = [...inventory.hosts.keys()];

const session = labSession('the lab suite', log);

test.before(() => session.claim());

test.after(() => session.release());

test('brings every inventory host up with systemd running and sshd behind strict host keys', async () => {
  const started = Date.now();
  const hosts = await ensureLabUp(inventory, { log });
  log(`lab test: up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal([...hosts.keys()], names);
  for (const name of names) {
    const state = (await labSsh(name, ['systemctl', 'is-system-running', '--wait'], paths)).stdout.trim();
    const failed = state === 'running' ? '' : await run(name, 'systemctl --failed --no-legend');
    assert.is(state, 'running', `${name} is ${state}; failed units: ${failed}`);
  }
  const h = hosts.get('edge1')!;
  assert.equal(h, { address: '10.213.0.11', private_address: '10.214.0.11', ssh_port: 22, ssh_user: 'root', ssh_private_key: paths.clientKey, ssh_known_hosts: paths.knownHosts });
});

test('refuses a host whose key is not the one recorded in the lab known_hosts', async () => {
  const r = execFileSync('sh', ['-c', `ssh -i ${paths.clientKey} -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@10.213.0.11 true 2>&1; echo "exit $?"`], { encoding: 'utf8' });
  assert.match(r, /Host key verification failed/);
  assert.match(r, /exit 255/);
});

test('gives each host its public and VPC address and lets hosts reach each other over the VPC', async () => {
  const expected: Record<string, [string, string]> = { edge1: ['10.213.0.11', '10.214.0.11'], app1: ['10.213.0.12', '10.214.0.12'], db1: ['10.213.0.13', '10.214.0.13'] };
  for (const name of names) {
    const addrs = await run(name, 'ip -4 -o addr show');
    assert.match(addrs, new RegExp(`eth0\\s+inet ${expected[name][0].replace(/\./g, '\\.')}/24`));
    assert.match(addrs, new RegExp(`eth1\\s+inet ${expected[name][1].replace(/\./g, '\\.')}/24`));
    assert.is(await run(name, 'hostname'), name);
  }
  assert.is(await run('edge1', "timeout 5 bash -c '</dev/tcp/10.214.0.13/22' && echo open"), 'open');
  assert.is(await run('db1', "timeout 5 bash -c '</dev/tcp/10.214.0.11/22' && echo open"), 'open');
});

test('rejects at once, on this machine, a lab host connecting to any address but the lab, the mirror and DNS', async () => {
  const rule = ['-w', '-C', 'FORWARD', '-i', 'bcplay-pub', '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset', '-m', 'comment', '--comment', 'bc-play lab'];
  sh('iptables', rule); // throws unless the reject rule is in place, so nothing below can leave the machine
  const rejected = rejectCount();
  const r = await labSsh('edge1', [`timeout 60 bash -c '</dev/tcp/${OUTSIDE}/80'; echo "exit $?"`], paths);
  // refused (exit 1), not dropped: a dropped connection would wait out the timeout (exit 124)
  assert.match(r.stderr + r.stdout, /Connection refused/);
  assert.match(r.stdout, /exit 1/);
  assert.ok(rejectCount() > rejected, 'the lab REJECT rule counted the attempt');
});

test('up twice keeps the same hosts running with the same PIDs', async () => {
  const pids = labStatus(paths).hosts.map((h) => [h.name, h.pid]);
  await ensureLabUp(inventory, { log });
  assert.equal(labStatus(paths).hosts.map((h) => [h.name, h.pid]), pids);
  assert.ok(labStatus(paths).hosts.every((h) => h.running));
});

test('restart reboots a host on the same disk', async () => {
  await run('app1', 'echo kept > /root/marker');
  const boot = await run('app1', 'cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat | cut -d" " -f22');
  const pid = labStatus(paths).hosts.find((h) => h.name === 'app1')!.pid;
  await restartHost('app1', { log });
  assert.is.not(labStatus(paths).hosts.find((h) => h.name === 'app1')!.pid, pid);
  assert.is.not(await run('app1', 'cat /proc/sys/kernel/random/boot_id; cat /proc/1/stat | cut -d" " -f22'), boot);
  assert.is(await run('app1', 'cat /root/marker'), 'kept');
});

test('destroy then up gives a fresh host: its disk is wiped, it boots anew with a new host key', async () => {
  await run('db1', 'echo old > /root/marker');
  const key = await run('db1', 'cat /etc/ssh/ssh_host_ed25519_key.pub');
  await destroyHost('db1', { log });
  assert.not.ok(labStatus(paths).hosts.find((h) => h.name === 'db1')!.running);
  const others = labStatus(paths).hosts.filter((h) => h.name !== 'db1').map((h) => h.pid);
  await ensureLabUp(inventory, { log });
  assert.is(await run('db1', 'test -e /root/marker && echo present || echo gone'), 'gone');
  assert.is.not(await run('db1', 'cat /etc/ssh/ssh_host_ed25519_key.pub'), key);
  assert.equal(labStatus(paths).hosts.filter((h) => h.name !== 'db1').map((h) => h.pid), others);
});

test('a host whose nspawn was SIGKILLed is reported running while its container runs, and up halts and restarts it', async () => {
  const before = labStatus(paths).hosts.find((h) => h.name === 'edge1')!;
  process.kill(before.pid!, 'SIGKILL');
  while (processState(before.pid!) === 'running') await new Promise((r) => setTimeout(r, 50));
  const orphaned = labStatus(paths).hosts.find((h) => h.name === 'edge1')!;
  assert.equal([orphaned.running, orphaned.pid], [true, undefined], 'not "stopped": its container still runs');
  assert.ok(orphaned.orphanInit, 'the container\'s init is named');
  assert.is(await run('edge1', 'hostname'), 'edge1', 'and still answers ssh');
  await ensureLabUp(inventory, { log });
  const back = labStatus(paths).hosts.find((h) => h.name === 'edge1')!;
  assert.ok(back.pid && back.pid !== before.pid, 'a new nspawn');
  assert.is(processState(orphaned.orphanInit!), 'gone', 'the old container was halted first');
  assert.is(await run('edge1', 'systemctl is-system-running --wait'), 'running');
});

test('down leaves no process, mount, bridge, cgroup, firewall rule or state behind and restores ip_forward', async () => {
  assert.is(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(), '1');
  const started = Date.now();
  await labDown({ log });
  log(`lab test: down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(snapshot(), before);
  assert.ok(readdirSync(paths.cacheDir).some((e) => e.startsWith('trixie-')), 'the base image stays cached');
});

test('up right after down starts every host (nothing of the last lab is in the way), and down again leaves nothing', async () => {
  await ensureLabUp(inventory, { log });
  assert.ok(labStatus(paths).hosts.every((h) => h.running && h.pid));
  const started = Date.now();
  await labDown({ log });
  log(`lab test: down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(snapshot(), before);
});

test.run();
