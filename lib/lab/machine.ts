// One lab host's life on this machine: overlay root, own cgroups, a detached systemd-nspawn with
// two veths (eth0 on the public bridge, eth1 on the VPC bridge), and a clean stop.
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { BcError, tail } from '../errors.js';
import { sh } from '../shell/quote.js';
import { mustRun, tryRun } from './exec.js';
import { hostFiles } from './host-files.js';
import { hostDir, type LabPaths } from './paths.js';
import { cgroupProcesses, containerInit, processState, waitGone } from './processes.js';
import type { HostState, LabState } from './state.js';

const CGROUP_ROOTS = ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified'];
const BOOT_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
/** SIGRTMIN+3 (glibc's SIGRTMIN is 34): systemd halts; nspawn sends it to the container on SIGTERM. */
const HALT_SIGNAL = 37;

/** Why: host-side names of a host's two veths; short (15-char limit) and unique per lab. */
export function vethNames(host: HostState): { pub: string; vpc: string } {
  return { pub: `bcp${host.index}`, vpc: `bcv${host.index}` };
}

/** Why: the file nspawn's console (the boot log) goes to; its tail explains a failed boot. */
export function consoleLog(paths: LabPaths, name: string): string {
  return join(hostDir(paths, name), 'console.log');
}

/**
 * Why: a recorded PID counts only while that process lives (a zombie has already exited) and is
 * still this host's launcher (the `sh -c` that execs nspawn, then nspawn): both carry --machine=NAME.
 */
export function isAlive(host: Pick<HostState, 'pid' | 'name'>): boolean {
  if (!host.pid || processState(host.pid) !== 'running') return false;
  try {
    return readFileSync(`/proc/${host.pid}/cmdline`, 'utf8').includes(`--machine=${host.name}`);
  } catch {
    return false;
  }
}

async function isMounted(dir: string): Promise<boolean> {
  return (await tryRun('mountpoint', ['-q', dir])).code === 0;
}

/** Why: mounts the host's overlay (its own upper dir over the shared image) and writes its files. */
async function prepareRoot(paths: LabPaths, state: LabState, host: HostState, save: () => void): Promise<string> {
  const dir = hostDir(paths, host.name);
  const root = join(dir, 'root');
  for (const d of ['upper', 'work', 'root']) mkdirSync(join(dir, d), { recursive: true });
  host.mountedAt = root;
  save();
  if (!(await isMounted(root))) {
    await mustRun('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${state.image},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`, root]);
  }
  const files = hostFiles({
    host,
    publicPrefix: Number(state.publicSubnet.split('/')[1]),
    vpcPrefix: Number(state.vpcSubnet.split('/')[1]),
    gateway: state.gateway,
    resolvers: state.resolvers,
    mirrorPins: state.mirrorPins,
    clientPublicKey: readFileSync(`${paths.clientKey}.pub`, 'utf8'),
  });
  for (const f of files) {
    const target = join(root, f.path);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) unlinkSync(target); // the image's resolv.conf may be a symlink
    writeFileSync(target, f.content, { mode: f.mode });
    chmodSync(target, f.mode);
  }
  chmodSync(join(root, 'root/.ssh'), 0o700);
  const key = join(root, 'etc/ssh/ssh_host_ed25519_key');
  mkdirSync(dirname(key), { recursive: true });
  if (!existsSync(key)) await mustRun('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `root@${host.name}`, '-f', key]);
  return root;
}

/** Why: the host's public ed25519 key, for the lab's known_hosts. */
export function hostPublicKey(paths: LabPaths, name: string): string | undefined {
  const file = join(hostDir(paths, name), 'upper/etc/ssh/ssh_host_ed25519_key.pub');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Why: each container needs its own cgroup before nspawn starts (else they share /payload and
 * their services collide), `--keep-unit --register=no` because this machine has no systemd as
 * PID 1, and a detached start with its PID recorded so any later command can stop it.
 */
export async function startHost(paths: LabPaths, state: LabState, host: HostState, save: () => void): Promise<void> {
  const root = await prepareRoot(paths, state, host, save);
  const cgroupName = `bc-play-lab-${host.name}`;
  host.cgroups = CGROUP_ROOTS.filter((r) => existsSync(r)).map((r) => join(r, cgroupName));
  save();
  for (const c of host.cgroups) mkdirSync(c, { recursive: true });
  const veth = vethNames(host);
  const nspawn = [
    'systemd-nspawn', '--boot', `--directory=${root}`, `--machine=${host.name}`, '--register=no', '--keep-unit',
    '--console=read-only', '--resolv-conf=off', '--link-journal=no', '--timezone=off',
    `--network-veth-extra=${veth.pub}:eth0`, `--network-veth-extra=${veth.vpc}:eth1`,
  ];
  const joins = host.cgroups.map((c) => sh`echo $$ > ${join(c, 'cgroup.procs')} && `).join('');
  const log = openSync(consoleLog(paths, host.name), 'w');
  const child = spawn('sh', ['-c', `${joins}exec ${sh`${nspawn}`}`], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  host.pid = child.pid;
  host.startedAt = new Date().toISOString();
  save();
  await attachVeths(paths, state, host);
}

async function attachVeths(paths: LabPaths, state: LabState, host: HostState): Promise<void> {
  const veth = vethNames(host);
  for (const [link, bridge] of [[veth.pub, state.publicBridge], [veth.vpc, state.vpcBridge]]) {
    const deadline = Date.now() + 15_000;
    while ((await tryRun('ip', ['link', 'show', 'dev', link])).code !== 0) {
      if (!isAlive(host)) throw bootFailure(paths, host, 'systemd-nspawn exited');
      if (Date.now() > deadline) throw bootFailure(paths, host, `its network interface ${link} never appeared`);
      await sleep(50);
    }
    await mustRun('ip', ['link', 'set', link, 'master', bridge, 'up']);
  }
}

function bootFailure(paths: LabPaths, host: HostState, why: string): BcError {
  let log = '';
  try {
    log = tail(readFileSync(consoleLog(paths, host.name), 'utf8').replace(/\x1b\[[0-9;]*m/g, ''), 20);
  } catch {
    log = '(no boot log)';
  }
  const hint = `full log: ${consoleLog(paths, host.name)}; \`bc-play lab down\` removes what was started`;
  return new BcError(`lab host ${host.name} failed to boot: ${why}\n${log.split('\n').map((l) => `  | ${l}`).join('\n')}`, undefined, hint);
}

function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: address, port, timeout: 1000 });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.once('timeout', () => done(false));
  });
}

/** Why: "up" means sshd answers on the public address; a dead nspawn is reported with its log. */
export async function waitForSsh(paths: LabPaths, host: HostState): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (!(await portOpen(host.publicAddress, 22))) {
    if (!isAlive(host)) throw bootFailure(paths, host, 'systemd-nspawn exited');
    if (Date.now() > deadline) throw bootFailure(paths, host, `sshd did not answer on ${host.publicAddress}:22 within ${BOOT_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/**
 * Why: SIGTERM makes nspawn power the container off cleanly (~2 s); a container whose nspawn was
 * killed is halted through its init. Then the host's cgroups (any process left in them is killed),
 * the propagate dir nspawn leaves behind (this machine's /run is no tmpfs), the mount and its veths
 * go too, and it returns when nspawn and the container's init are out of the process table, so a
 * `lab up` right after starts on a clean machine.
 */
export async function stopHost(host: HostState, save: () => void): Promise<void> {
  const pid = host.pid;
  const init = containerInit(cgroupProcesses(host.cgroups));
  if (pid && isAlive(host)) {
    process.kill(pid, 'SIGTERM');
    await until(() => !isAlive(host), STOP_TIMEOUT_MS);
    if (isAlive(host)) process.kill(pid, 'SIGKILL');
    while (isAlive(host)) await sleep(50);
  } else if (init) {
    process.kill(init, HALT_SIGNAL);
    await until(() => cgroupProcesses(host.cgroups).length === 0, STOP_TIMEOUT_MS);
  }
  host.pid = undefined;
  host.startedAt = undefined;
  save();
  for (const c of host.cgroups) await removeCgroup(c);
  host.cgroups = [];
  rmSync(`/run/systemd/nspawn/propagate/${host.name}`, { recursive: true, force: true });
  if (host.mountedAt) {
    if (await isMounted(host.mountedAt)) await mustRun('umount', [host.mountedAt]);
    host.mountedAt = undefined;
  }
  save();
  await removeVeths(host);
  await Promise.all([pid, init].filter((p): p is number => p !== undefined).map((p) => waitGone(p, 10_000)));
}

/** The kernel removes a stopped container's veths with its network namespace, a little later. */
async function removeVeths(host: HostState): Promise<void> {
  for (const link of Object.values(vethNames(host))) {
    const present = async () => (await tryRun('ip', ['link', 'show', 'dev', link])).code === 0;
    await until(async () => !(await present()), 5_000);
    if (await present()) await mustRun('ip', ['link', 'delete', 'dev', link]);
  }
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await sleep(50);
}

/**
 * cgroup directories can only be removed leaves first, each with rmdir (never rm -r); a process
 * still inside one belongs to this lab host by construction and is killed first.
 */
async function removeCgroup(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const walk = (d: string): string[] => {
    const subdirs = readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(d, e.name));
    return [...subdirs.flatMap(walk), d];
  };
  for (const d of walk(dir)) {
    for (let attempt = 0; ; attempt++) {
      try {
        rmdirSync(d);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EBUSY' || attempt >= 100) throw e;
        for (const pid of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // already gone
          }
        }
        await sleep(50);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
