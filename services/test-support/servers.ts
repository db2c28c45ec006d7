// Real PostgreSQL and Redis from Debian's packages, started per test file on loopback in a temp
// dir and stopped by PID. PostgreSQL refuses root, so as root it runs as the `postgres` user.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort, waitFor } from '../../test/support/ports.js';
import { killOnExit } from '../../test/support/processes.js';

export interface Server {
  url: string;
  stop(): Promise<void>;
}

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort().reverse();
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/${name}`).find(existsSync);
  if (!found) throw new Error(`${name} not found under /usr/lib/postgresql: run services/ci-prereqs.sh`);
  return found;
}

function osUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

// Why: each suite owns a throwaway cluster (fsync off: the data dies with the test anyway).
export async function startPostgres(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-pg-'));
  const user = osUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = spawnSync(pgBin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { ...user, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=100'];
  const child = spawn(pgBin('postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], { ...user, stdio: 'ignore' });
  killOnExit(child);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor('postgres to accept connections', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.end();
    return true;
  });
  return {
    url,
    stop: async () => {
      await stopChild(child, 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer extends Server {
  /** SIGKILL, as a crash or an OOM kill would; wipeDisk also deletes its files (a lost disk). */
  crash(opts?: { wipeDisk?: boolean }): Promise<void>;
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>;
}

// Why: a Redis per suite (FLUSHALL in fault tests cannot touch anything else); memory-only, or
// with the fleet's persistence (append-only file, fsync every second) for the crash drills.
export async function startRedis(opts: { persistent?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bc-redis-'));
  const persistence = opts.persistent ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''] : ['--save', '', '--appendonly', 'no'];
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...persistence, '--daemonize', 'no'], { stdio: 'ignore' });
    killOnExit(child);
    await waitFor('redis to answer PING', async () => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.disconnect();
      }
    });
  };
  await start();
  return {
    url,
    crash: async ({ wipeDisk = false } = {}) => {
      await stopChild(child, 'SIGKILL');
      if (wipeDisk) for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
    },
    restart: start,
    stop: async () => {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
