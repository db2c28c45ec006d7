// A real OpenSSH sshd on 127.0.0.1 for tests: fresh host and client keys in a temp dir, users
// root, bcplay-test (passwordless sudo) and bcplay-nosudo, and a known_hosts file that trusts it.
// The pieces (keys, config, waiting for it to listen) are also the loopback fleet's (bench/loopback.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { freePort, waitFor } from './ports.js';
import { killOnExit, onExit, signalTree } from './processes.js';
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
/** Why: one path, so a machine without openssh-server fails in one recognisable place. */
export const SSHD = '/usr/sbin/sshd';

/** A temp dir holding a fresh host key, a client key and the authorized_keys that admits it. */
export interface SshdKeys {
  dir: string;
  /** The host key as `type base64`, the way known_hosts stores it. */
  hostKey: string;
  privateKey: string;
  /** Removes the dir (it holds the client key); also done when the process exits first. */
  remove(): Promise<void>;
}

/** Why: every test sshd (the fixture, the loopback fleet) starts from fresh keys nobody else trusts. */
export async function sshdKeys(prefix: string): Promise<SshdKeys> {
  if (process.getuid?.() !== 0) throw new Error(`${prefix} needs root: it starts sshd and logs in as root`);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation dir
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const cancel = onExit(() => rmSync(dir, { recursive: true, force: true }));
  await chmod(dir, 0o755); // sshd reads authorized_keys as the logging-in user
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${prefix}-host`, '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${prefix}-client`, '-f', join(dir, 'client_key')]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')), { mode: 0o644 });
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  return {
    dir,
    hostKey,
    privateKey: join(dir, 'client_key'),
    remove: async () => {
      cancel();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Why: one sshd_config for every test sshd: key login only, no PAM, and the session lines logged
 * (tests and benchmarks count them); `listen` are ListenAddress values, `extra` more lines.
 */
export function sshdConfigText(dir: string, listen: string[], extra: string[] = []): string {
  return [
    ...listen.map((address) => `ListenAddress ${address}`),
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
    ...extra,
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE', // logs each session and subsystem request, which tests count
    '',
  ].join('\n');
}

/** Why: a test sshd is used only once it accepts connections on every address it was given. */
export async function untilListening(child: ChildProcess, endpoints: Array<{ address: string; port: number }>, log: () => Promise<string> | string): Promise<void> {
  try {
    for (const { address, port } of endpoints) {
      await waitFor(`sshd to listen on ${address}:${port}`, async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sshd exited with ${child.exitCode ?? child.signalCode} before listening`);
        return accepts(address, port);
      }, 5_000);
    }
  } catch (error) {
    throw new Error(`${(error as Error).message}:\n${await log()}`);
  }
}

function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Why: stops sshd and the session processes it forked, by PID, and waits until sshd is gone. */
export function stopTree(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  signalTree(child.pid!, signal);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Why: SSH is tested against the real thing, not a mock; every suite that needs a host starts one here. */
export async function startSshd(): Promise<SshdFixture> {
  await ensureUser(SUDO_USER);
  await ensureUser(PLAIN_USER);
  await ensureSudoers(SUDO_USER);
  const keys = await sshdKeys('bcplay-sshd');
  const { dir, hostKey, privateKey } = keys;
  const port = await freePort();
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${port} ${hostKey}\n`);
  const config = join(dir, 'sshd_config');
  await writeFile(config, sshdConfigText(dir, [`127.0.0.1:${port}`], [`AllowUsers root ${SUDO_USER} ${PLAIN_USER}`]));

  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  killOnExit(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    await untilListening(child, [{ address: '127.0.0.1', port }], () => stderr);
  } catch (error) {
    await stopTree(child, 'SIGKILL');
    await keys.remove();
    throw error;
  }

  return {
    port,
    knownHosts,
    privateKey,
    hostKey,
    dir,
    target: (user, overrides = {}) => ({
      host: 'sshd-fixture',
      kind: 'ssh',
      address: '127.0.0.1',
      port,
      user,
      privateKey,
      knownHosts,
      ...overrides,
    }),
    log: () => stderr,
    kill: () => stopTree(child, 'SIGKILL'),
    stop: async () => {
      await stopTree(child, 'SIGTERM');
      await keys.remove();
    },
  };
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
