// Many SSH endpoints on this machine from a few sshds: they listen on 127.0.1.1 … 127.0.1.N (the
// whole 127/8 is loopback), and known_hosts trusts each address:port, so every endpoint is a
// separate host to bc-play and to Ansible while costing one process per 16 until a client connects.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.js';
import { killOnExit } from '../test/support/processes.js';
import { SSHD, sshdConfigText, sshdKeys, stopTree, untilListening } from '../test/support/sshd.js';

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
  return sshdConfigText(dir, endpoints.map((e) => `${e.address}:${e.port}`), [`MaxStartups ${maxStartups}`, 'MaxSessions 20']);
}

/** Why: scenarios 2 and 4 need N real SSH hosts without the lab; this is the cheapest way to have them. */
export async function startLoopbackFleet(count: number): Promise<LoopbackFleet> {
  const keys = await sshdKeys('bcplay-bench-sshd');
  const { dir, hostKey } = keys;
  const endpoints = endpointsFor(count, await freePort('127.0.1.1'));
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, endpoints.map((e) => `[${e.address}]:${e.port} ${hostKey}\n`).join(''));
  const daemons: Array<{ child: ChildProcess; log: string; group: Endpoint[] }> = [];
  for (let i = 0; i < endpoints.length; i += ENDPOINTS_PER_SSHD) {
    const group = endpoints.slice(i, i + ENDPOINTS_PER_SSHD);
    const config = join(dir, `sshd_config.${i}`);
    await writeFile(config, sshdConfig(dir, group, endpoints.length * 2 + 10));
    const log = join(dir, `sshd.${i}.log`);
    const child = spawn(SSHD, ['-D', '-E', log, '-f', config], { stdio: 'ignore' });
    killOnExit(child); // an interrupted benchmark (Ctrl-C: run.ts exits) still takes its sshds down
    daemons.push({ child, log, group });
  }
  const stop = async () => {
    await Promise.all(daemons.map((d) => stopTree(d.child, 'SIGTERM')));
    await keys.remove();
  };
  try {
    for (const d of daemons) await untilListening(d.child, [d.group[0], d.group[d.group.length - 1]], () => readFile(d.log, 'utf8').catch(() => ''));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoints,
    privateKey: keys.privateKey,
    knownHosts,
    sessions: () => daemons.reduce((n, d) => n + readFileSync(d.log, 'utf8').split('Starting session:').length - 1, 0),
    stop,
  };
}
