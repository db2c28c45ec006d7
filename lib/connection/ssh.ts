// The SSH transport, and the only file that imports node-ssh: one connection per host for the
// whole run, commands multiplexed as channels over it (files travel
// as a command's stdin: see the executor's uploads).
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { constants, homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeSSH } from 'node-ssh';
import type { Client, ClientChannel, ServerHostKeyAlgorithm } from 'ssh2';
import { sh } from '../shell/quote.js';
import type { UnreachableError } from '../errors.js';
import type { Connection, ConnectionTarget, RunOptions, RunResult } from './connection.js';
import { becomeCommand, explainBecomeFailure } from './become.js';
import { checkHostKey, knownHostsLine, knownKeyTypes, offeredKey, parseKnownHosts, type KnownHostEntry } from './known-hosts.js';
import { Deadline, remoteTimeoutCommand, TIMED_OUT } from './deadline.js';
import { Limiter } from './limit.js';
import * as messages from './messages.js';

/** sshd's MaxSessions defaults to 10 per connection; two stay spare. */
const MAX_CHANNELS = 8;
const CHANNEL_OPEN_RETRIES = 6;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** If the host's own timeout does not end a command, the channel is abandoned this long after. */
const TIMEOUT_GRACE_MS = 5_000;
/** A host that stops answering (no FIN, no RST) is declared lost after about 3 × 5 s. */
const KEEPALIVE = { keepaliveInterval: 5_000, keepaliveCountMax: 3 };
const HOST_KEY_ALGORITHMS: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

interface RawResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number;
}

type Done<T> = (error: Error | null | undefined, value?: T) => void;

/** Why: the engine talks to remote hosts only through this class, so SSH details stay in one file. */
export class SshConnection implements Connection {
  readonly host: string;
  readonly loginIsRoot: boolean;
  private readonly ssh = new NodeSSH();
  private readonly channels = new Limiter(MAX_CHANNELS);
  /** Rejecters of operations in flight, called when the connection drops. */
  private readonly inFlight = new Set<(error: UnreachableError) => void>();
  private connecting?: Promise<void>;
  private lost?: UnreachableError;
  private hostKeyRefusal?: UnreachableError;

  constructor(private readonly target: ConnectionTarget) {
    this.host = target.host;
    this.loginIsRoot = target.user === 'root';
  }

  /** Opens the connection once; later calls (and run) share the same attempt. */
  connect(): Promise<void> {
    this.connecting ??= this.establish();
    return this.connecting;
  }

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    await this.connect();
    const timed = options.timeoutMs === undefined ? command : remoteTimeoutCommand(command, options.timeoutMs);
    const become = becomeCommand(timed, options.become, this.loginIsRoot);
    const useSudo = become?.sudo === true;
    const remote = become ? become.command : sh`sh -c ${timed}`;
    const raw = await this.channels.run(() => this.exec(remote, options.stdin, options.timeoutMs));
    const result = { stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), code: raw.code };
    return useSudo ? explainBecomeFailure(result, this.target.user, this.host) : result;
  }

  async close(): Promise<void> {
    this.markLost('closed by bc-play');
    this.ssh.dispose();
  }

  private async establish(): Promise<void> {
    const { target } = this;
    const privateKey = await this.readPrivateKey();
    const knownHosts = target.knownHosts ?? join(homedir(), '.ssh', 'known_hosts');
    const entries = await loadKnownHosts(knownHosts).catch((error: Error) => {
      throw messages.knownHostsFailed(target, knownHosts, 'read', error);
    });
    const algorithms = hostKeyAlgorithms(knownKeyTypes(entries, target.address, target.port));
    try {
      await this.ssh.connect({
        host: target.address,
        port: target.port,
        username: target.user,
        privateKey,
        readyTimeout: target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        ...KEEPALIVE,
        ...(algorithms.length ? { algorithms: { serverHostKey: algorithms } } : {}),
        hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => this.verifyHostKey(blob, entries, knownHosts, verify),
      });
    } catch (error) {
      this.ssh.dispose();
      throw this.hostKeyRefusal ?? messages.connectFailure(target, error as Error);
    }
    const client = this.ssh.connection as Client;
    client.setNoDelay(true); // small requests and replies; Nagle + delayed ACK would add 40 ms to each
    client.on('end', () => this.markLost('the host closed it'));
    client.on('close', () => this.markLost('the connection closed'));
    client.on('error', (error) => this.markLost(error.message));
  }

  private async readPrivateKey(): Promise<string | undefined> {
    if (this.target.privateKey === undefined) return undefined;
    try {
      return await readFile(this.target.privateKey, 'utf8');
    } catch (error) {
      throw messages.privateKeyUnreadable(this.target, error as Error);
    }
  }

  private verifyHostKey(blob: Buffer, entries: KnownHostEntry[], knownHosts: string, verify: (ok: boolean) => void): void {
    const { target } = this;
    const offered = offeredKey(blob);
    const verdict = checkHostKey(entries, target.address, target.port, offered);
    if (verdict.status === 'known') return verify(true);
    if (verdict.status === 'changed') this.hostKeyRefusal = messages.changedHostKey(target, offered, verdict.entries);
    else if (verdict.status === 'revoked') this.hostKeyRefusal = messages.revokedHostKey(target, offered, verdict.entry);
    else if (!target.acceptNewHostKeys) this.hostKeyRefusal = messages.unknownHostKey(target, offered, knownHosts);
    else {
      recordHostKey(knownHosts, knownHostsLine(target.address, target.port, offered)).then(
        () => verify(true),
        (error: Error) => {
          this.hostKeyRefusal = messages.knownHostsFailed(target, knownHosts, 'write', error);
          verify(false);
        },
      );
      return;
    }
    verify(false);
  }

  /**
   * One command on its own channel; bytes are collected and decoded only at the end.
   * With timeoutMs the command is expected to carry its own remote timeout (see run); the local
   * deadline only abandons a channel the host failed to end.
   */
  private exec(command: string, stdin?: string | Buffer, timeoutMs?: number): Promise<RawResult> {
    const started = Date.now();
    return this.whileConnected<RawResult>((done) => this.openChannel(command, 0, done, (channel) => this.collect(channel, stdin, timeoutMs, started, done)));
  }

  /**
   * sshd frees a closed session's slot a moment after the close, so a refused open is retried.
   * The channel is handed over synchronously: exit status and close may arrive in the same read.
   */
  private openChannel(command: string, attempt: number, fail: Done<never>, opened: (channel: ClientChannel) => void): void {
    (this.ssh.connection as Client).exec(command, (error, channel) => {
      if (!error) return opened(channel);
      if (this.lost || attempt >= CHANNEL_OPEN_RETRIES) return fail(this.lost ?? messages.channelRefused(this.target, error));
      setTimeout(() => this.openChannel(command, attempt + 1, fail, opened), 10 * 2 ** attempt);
    });
  }

  private collect(channel: ClientChannel, stdin: string | Buffer | undefined, timeoutMs: number | undefined, started: number, done: Done<RawResult>): void {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let code: number | undefined;
    const finish = (timedOut: boolean) => {
      if (timedOut) stderr.push(Buffer.from(deadline.note()));
      done(null, { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), code: timedOut ? TIMED_OUT : (code ?? 255) });
    };
    const deadline = new Deadline(
      timeoutMs,
      () => {
        channel.signal('KILL');
        channel.close();
        finish(true);
      },
      TIMEOUT_GRACE_MS,
    );
    channel.on('data', (chunk: Buffer) => stdout.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    channel.on('exit', (exitCode: number | null, signal?: string) => {
      code = exitCode ?? 128 + signalNumber(signal);
    });
    channel.on('close', () => {
      deadline.clear();
      // the client's 'end' fires before its channels close, so a lost connection is known here
      if (this.lost) return done(this.lost);
      if (deadline.expired) return;
      const late = timeoutMs !== undefined && Date.now() - started >= timeoutMs;
      finish(late && (code === TIMED_OUT || code === 137));
    });
    channel.end(stdin ?? '');
  }

  /** Starts an operation that settles normally, or rejects with UnreachableError if the connection drops first. */
  private whileConnected<T>(start: (done: Done<T>) => void): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise<T>((resolve, reject) => {
      const onLost = (error: UnreachableError) => reject(error);
      this.inFlight.add(onLost);
      start((error, value) => {
        this.inFlight.delete(onLost);
        if (error) reject(error);
        else resolve(value as T);
      });
    });
  }

  private markLost(reason: string): void {
    if (this.lost) return;
    this.lost = messages.connectionLost(this.target, reason);
    for (const reject of this.inFlight) reject(this.lost);
    this.inFlight.clear();
  }
}

function hostKeyAlgorithms(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  return knownTypes.flatMap((type) => HOST_KEY_ALGORITHMS[type] ?? []);
}

async function loadKnownHosts(path: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function recordHostKey(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendFile(path, line, { mode: 0o644 });
}

/** ssh2 reports exit signals as `SIGKILL`; a shell would report that as 128 + 9. */
function signalNumber(signal: string | undefined): number {
  return (constants.signals as Record<string, number>)[signal ?? ''] ?? 0;
}
