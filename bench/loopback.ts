// Many SSH endpoints on this machine from a few sshds: they listen on 127.0.1.1 … 127.0.1.N (the
// whole 127/8 is loopback), and known_hosts trusts each address:port, so every endpoint is a
// separate host to bc-play and to Ansible while costing one process per 16 until a client connects.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { signalTree } from '../test/support/processes.js';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One endpoint of the fleet: its host name in both inventories and where it listens. */
export interface Endpoint {
  name: string;
  address: string;
  port: number;
}

export interface LoopbackFleet {
  endpoints: Endpoint[];
  privateKey: string;
  knownHosts: string;
  /** Number of SSH sessions (one per command or subsystem) sshd has started so far. */
  sessions(): number;
  stop(): Promise<void>;
}

/** Why: endpoint addresses are fixed, so both inventories and known_hosts agree on them. */
export function endpointsFor(count: number, port: number): Endpoint[] {
  if (count < 1 || count > 254) throw new Error(`the loopback fleet holds 1 to 254 hosts, not ${count}`);
  return Array.from({ length: count }, (_, i) => ({ name: `h${String(i + 1).padStart(3, '0')}`, address: `127.0.1.${i + 1}`, port }));
}

/** sshd listens on at most 16 sockets (MAX_LISTEN_SOCKS): larger fleets get one sshd per 16 endpoints. */
const ENDPOINTS_PER_SSHD = 16;

/** Why: sshd's own defaults refuse a burst of 100 simultaneous handshakes (MaxStartups 10:30:100). */
export function sshdConfig(dir: string, endpoints: Endpoint[], maxStartups: number): string {
  return [
    ...endpoints.map((e) => `ListenAddress ${e.address}:${e.port}`),
    `HostKey ${join(dir, 'host_key')}`,
    'PidFile none',
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'SetEnv SHLVL=1', // root's ~/.bashrc (pyenv) stays out of every session
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `MaxStartups ${maxStartups}`,
    'MaxSessions 20',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE', // one "Starting session" line per command: the round-trip count
    '',
  ].join('\n');
}

/** Why: scenarios 2 and 4 need N real SSH hosts without the lab; this is the cheapest way to have them. */
export async function startLoopbackFleet(count: number): Promise<LoopbackFleet> {
  if (process.getuid?.() !== 0) throw new Error('the loopback fleet needs root: it starts sshd and logs in as root');
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'bcplay-bench-sshd-'));
  await chmod(dir, 0o755);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), { mode: 0o644 });
  const endpoints = endpointsFor(count, await freePort());
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, endpoints.map((e) => `[${e.address}]:${e.port} ${hostKey}\n`).join(''));
  const daemons: Array<{ child: ChildProcess; log: string; first: Endpoint; last: Endpoint }> = [];
  for (let i = 0; i < endpoints.length; i += ENDPOINTS_PER_SSHD) {
    const group = endpoints.slice(i, i + ENDPOINTS_PER_SSHD);
    const config = join(dir, `sshd_config.${i}`);
    await writeFile(config, sshdConfig(dir, group, endpoints.length * 2 + 10));
    const log = join(dir, `sshd.${i}.log`);
    daemons.push({ child: spawn('/usr/sbin/sshd', ['-D', '-E', log, '-f', config], { stdio: 'ignore' }), log, first: group[0], last: group[group.length - 1] });
  }
  // an interrupted benchmark (Ctrl-C: run.ts exits) still takes its sshds down
  const killOnExit = () => {
    daemons.forEach((d) => signalTree(d.child.pid!, 'SIGKILL'));
    rmSync(dir, { recursive: true, force: true }); // holds the client key
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await Promise.all(daemons.map((d) => stopTree(d.child)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const d of daemons) {
      await listening(d.first, d.child, d.log);
      await listening(d.last, d.child, d.log);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoints,
    privateKey: join(dir, 'client_key'),
    knownHosts,
    sessions: () => daemons.reduce((n, d) => n + readFileSync(d.log, 'utf8').split('Starting session:').length - 1, 0),
    stop,
  };
}

function keygen(path: string): void {
  const run = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bcplay-bench', '-f', path]);
  if (run.status !== 0) throw new Error(`ssh-keygen failed: ${run.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.1.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function listening(endpoint: Endpoint, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await accepts(endpoint)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const text = await readFile(log, 'utf8').catch(() => '');
  throw new Error(`sshd does not listen on ${endpoint.address}:${endpoint.port}:\n${text}`);
}

function accepts(endpoint: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(endpoint.port, endpoint.address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops sshd and the session processes it forked, by PID. */
async function stopTree(child: ChildProcess): Promise<void> {
  signalTree(child.pid!, 'SIGTERM');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}
