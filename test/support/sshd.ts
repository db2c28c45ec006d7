// A real OpenSSH sshd on 127.0.0.1 for tests: fresh host and client keys in a temp dir, users
// root, bcplay-test (passwordless sudo) and bcplay-nosudo, and a known_hosts file that trusts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { signalTree } from './processes.js';
import type { ConnectionTarget } from '../../lib/connection/connection.js';

export type FixtureUser = 'root' | 'bcplay-test' | 'bcplay-nosudo';

export interface SshdFixture {
  port: number;
  /** known_hosts file holding this sshd's host key as `[127.0.0.1]:port`. */
  knownHosts: string;
  privateKey: string;
  /** The host key as `type base64`, the way known_hosts stores it. */
  hostKey: string;
  /** Temp dir of this sshd; removed by stop(). Tests may put their own files here. */
  dir: string;
  target(user: FixtureUser, overrides?: Partial<ConnectionTarget>): ConnectionTarget;
  /** What sshd wrote to stderr so far (-e), for a failing test's message. */
  log(): string;
  /** SIGKILL sshd and every session it forked, as a host that dies would. */
  kill(): Promise<void>;
  /** Stops sshd and its sessions and removes the temp dir. */
  stop(): Promise<void>;
}

const SUDO_USER = 'bcplay-test';
const PLAIN_USER = 'bcplay-nosudo';
const SSHD = '/usr/sbin/sshd';

/** Why: SSH is tested against the real thing, not a mock; every suite that needs a host starts one here. */
export async function startSshd(): Promise<SshdFixture> {
  if (process.getuid?.() !== 0) throw new Error('startSshd needs root: it starts sshd and creates test users');
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation dir
  await ensureUser(SUDO_USER);
  await ensureUser(PLAIN_USER);
  await ensureSudoers(SUDO_USER);

  const dir = await mkdtemp(join(tmpdir(), 'bcplay-sshd-'));
  await chmod(dir, 0o755); // sshd reads authorized_keys as the logging-in user
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bcplay-test-host', '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bcplay-test-client', '-f', join(dir, 'client_key')]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), { mode: 0o644 });
  const port = await freePort();
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${port} ${hostKey}\n`);
  const config = join(dir, 'sshd_config');
  await writeFile(config, sshdConfig(dir, port));

  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const pid = child.pid!;
  const killOnExit = () => signalTree(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  try {
    await listening(child, port, () => stderr);
  } catch (error) {
    signalTree(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    knownHosts,
    privateKey: join(dir, 'client_key'),
    hostKey,
    dir,
    target: (user, overrides = {}) => ({
      host: 'sshd-fixture',
      kind: 'ssh',
      address: '127.0.0.1',
      port,
      user,
      privateKey: join(dir, 'client_key'),
      knownHosts,
      ...overrides,
    }),
    log: () => stderr,
    kill: async () => {
      signalTree(pid, 'SIGKILL');
      await exited(child);
    },
    stop: async () => {
      signalTree(pid, 'SIGTERM');
      await exited(child);
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function sshdConfig(dir: string, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    'PidFile none',
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no', // the temp dir lives under world-writable /tmp
    'UsePAM no',
    // Debian's bash reads ~/.bashrc for an ssh command unless SHLVL says it is nested; this
    // keeps the machine's interactive setup (pyenv, here) out of every test session.
    'SetEnv SHLVL=1',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers root ${SUDO_USER} ${PLAIN_USER}`,
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE', // logs each session and subsystem request, which tests count
    '',
  ].join('\n');
}

async function ensureUser(name: string): Promise<void> {
  const exists = await execa('id', ['-u', name], { reject: false });
  if (exists.exitCode !== 0) await execa('useradd', ['-m', '-s', '/bin/sh', name], { reject: false });
  // without PAM, sshd refuses accounts whose password field starts with "!" (locked)
  await execa('usermod', ['-p', '*', name]);
}

async function ensureSudoers(name: string): Promise<void> {
  const path = `/etc/sudoers.d/${name}`;
  const wanted = `${name} ALL=(ALL) NOPASSWD: ALL\n`;
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current === wanted) return;
  const staged = `${path}.bcplay-tmp`;
  await writeFile(staged, wanted, { mode: 0o440 });
  await execa('visudo', ['-c', '-q', '-f', staged]);
  await rename(staged, path);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function listening(child: ChildProcess, port: number, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not listen on port ${port} within 5 s:\n${log()}`)), 5_000);
    const check = () => {
      if (log().includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code} before listening:\n${log()}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

