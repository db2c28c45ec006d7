// The lab's operations: up (idempotent), status, restart, destroy, down. Each reads the state
// file, changes this machine step by step and records every step before taking it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BcError, InputError } from '../errors.js';
import { mergeVars, groupVarsFor } from '../inventory/vars.js';
import type { Inventory } from '../inventory/types.js';
import { formatSubnet, planAddresses, routeSubnets, type HostInput } from './addresses.js';
import { mustRun, tryRun } from './exec.js';
import { knownHostsLine } from './host-files.js';
import { ensureImage, imageKey, imageRecipe, pruneImages, type Suite } from './image.js';
import { hostPublicKey, isAlive, startHost, stopHost, waitForSsh } from './machine.js';
import { hostMirrors, resolvConfNameservers } from './mirrors.js';
import { resolveMirrors, setupNetwork, teardownNetwork } from './network.js';
import { hostDir, labPaths, type LabPaths } from './paths.js';
import { ensurePrerequisites } from './prereqs.js';
import { sshArgs } from './ssh.js';
import { cgroupProcesses, containerInit } from './processes.js';
import { readState, writeState, type HostState, type LabState } from './state.js';

/** Why: the connection variables that replace the inventory's when a run targets the lab. */
export interface LabHost {
  address: string;
  private_address: string;
  ssh_port: number;
  ssh_user: 'root';
  ssh_private_key: string;
  ssh_known_hosts: string;
}
export type LabHosts = Map<string, LabHost>;

export interface LabOptions {
  /** Debian release for a new lab (default trixie); a running lab keeps its own. */
  suite?: Suite;
  /** Progress lines (the CLI sends them to stderr). */
  log?: (line: string) => void;
  paths?: LabPaths;
}

/** One host as `status` reports it. */
export interface HostStatus {
  name: string;
  /** Its container runs (with or without its nspawn). */
  running: boolean;
  /** Its nspawn's PID, while that runs. */
  pid?: number;
  /** The container's init (PID on this machine) when it runs without its nspawn (killed). */
  orphanInit?: number;
  publicAddress: string;
  vpcAddress: string;
}

const PUBLIC_BRIDGE = 'bcplay-pub';
const VPC_BRIDGE = 'bcplay-vpc';

function hostInputs(inventory: Inventory): HostInput[] {
  return [...inventory.hosts.values()].map((h) => ({
    name: h.name,
    vars: mergeVars({ group: groupVarsFor(inventory, h.name), host: h.vars }),
    location: h.location,
  }));
}

/**
 * Why: `bc-play site.yaml --lab` and `lab up` share this: it starts whatever of the inventory's
 * hosts is not running (building the image and networks on first use) and leaves running ones
 * alone, so calling it twice keeps the same hosts (same PIDs).
 */
export async function ensureLabUp(inventory: Inventory, options: LabOptions = {}): Promise<LabHosts> {
  const log = options.log ?? (() => {});
  const paths = options.paths ?? labPaths();
  await ensurePrerequisites(log);
  const wanted = hostInputs(inventory);
  if (wanted.length === 0) throw new InputError(`the inventory ${inventory.file} has no hosts for the lab`);
  let state = readState(paths.stateFile);
  const save = () => writeState(paths.stateFile, state!);
  if (state && options.suite && state.suite !== options.suite) {
    throw new BcError(`the lab is up with Debian ${state.suite}, not ${options.suite}`, undefined, 'run `bc-play lab down` first');
  }
  if (!state) state = await newState(paths, wanted, options.suite ?? 'trixie', log);
  else addHosts(state, wanted);
  save();
  if (!existsSync(`${paths.clientKey}.pub`)) await mustRun('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bc-play-lab', '-f', paths.clientKey]);
  await setupNetwork(state, save);

  const started = Date.now();
  const toStart = wanted.map((w) => state!.hosts[w.name]).filter((h) => !isAlive(h));
  for (const host of toStart) {
    if (host.pid || host.mountedAt || host.cgroups.length) await stopHost(host, save); // leftovers of a crashed host
    await startHost(paths, state, host, save);
  }
  writeKnownHosts(paths, state);
  await Promise.all(toStart.map((h) => waitForSsh(paths, h)));
  if (toStart.length) log(`lab: started ${toStart.map((h) => h.name).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return labHosts(paths, state, wanted.map((w) => w.name));
}

async function newState(paths: LabPaths, wanted: HostInput[], suite: Suite, log: (line: string) => void): Promise<LabState> {
  const mirrors = hostMirrors();
  const recipe = imageRecipe(suite, mirrors);
  const image = await ensureImage(paths.cacheDir, recipe, log);
  pruneImages(paths.cacheDir, imageKey(recipe));
  const plan = planAddresses(wanted, routeSubnets(await mustRun('ip', ['-4', 'route', 'show', 'table', 'all'])));
  const resolvers = existsSync('/etc/resolv.conf') ? resolvConfNameservers(readFileSync('/etc/resolv.conf', 'utf8')) : [];
  if (resolvers.length === 0) log('lab: this machine\'s resolver is local (127.x); lab hosts get no DNS beyond the pinned mirror names');
  const state: LabState = {
    version: 1,
    suite,
    image,
    publicBridge: PUBLIC_BRIDGE,
    vpcBridge: VPC_BRIDGE,
    publicSubnet: formatSubnet(plan.publicSubnet),
    vpcSubnet: formatSubnet(plan.vpcSubnet),
    gateway: plan.gateway,
    mirrorPins: await resolveMirrors(mirrors),
    resolvers,
    bridges: [],
    rules: [],
    hosts: {},
  };
  plan.hosts.forEach((h, index) => {
    state.hosts[h.name] = { name: h.name, index, publicAddress: h.publicAddress, vpcAddress: h.vpcAddress, cgroups: [] };
  });
  log(`lab: Debian ${suite}; public ${state.publicSubnet} (gateway ${state.gateway}), VPC ${state.vpcSubnet}`);
  return state;
}

/** Hosts new to a running lab get addresses in its subnets; the recorded ones keep theirs. */
function addHosts(state: LabState, wanted: HostInput[]): void {
  const fresh = wanted.filter((w) => !state.hosts[w.name]);
  if (fresh.length === 0) return;
  const recorded: HostInput[] = Object.values(state.hosts).map((h) => ({ name: h.name, vars: { lab_address: h.publicAddress, private_address: h.vpcAddress } }));
  const plan = planAddresses([...recorded, ...fresh], []);
  if (formatSubnet(plan.publicSubnet) !== state.publicSubnet || formatSubnet(plan.vpcSubnet) !== state.vpcSubnet) {
    throw new BcError(`new hosts ${fresh.map((f) => f.name).join(', ')} do not fit the running lab's subnets (${state.publicSubnet}, ${state.vpcSubnet})`, undefined, 'run `bc-play lab down` first');
  }
  let index = Math.max(-1, ...Object.values(state.hosts).map((h) => h.index)) + 1;
  for (const h of plan.hosts.slice(recorded.length)) {
    state.hosts[h.name] = { name: h.name, index: index++, publicAddress: h.publicAddress, vpcAddress: h.vpcAddress, cgroups: [] };
  }
}

function labHosts(paths: LabPaths, state: LabState, names: string[]): LabHosts {
  return new Map(
    names.map((name) => {
      const h = state.hosts[name];
      return [name, { address: h.publicAddress, private_address: h.vpcAddress, ssh_port: 22, ssh_user: 'root', ssh_private_key: paths.clientKey, ssh_known_hosts: paths.knownHosts }];
    }),
  );
}

/** Why: strict host-key checking needs every host's current key, rewritten when one changes. */
function writeKnownHosts(paths: LabPaths, state: LabState): void {
  const lines = Object.values(state.hosts).flatMap((h) => {
    const key = hostPublicKey(paths, h.name);
    return key ? [knownHostsLine(h.publicAddress, key)] : [];
  });
  writeFileSync(paths.knownHosts, lines.map((l) => `${l}\n`).join(''), { mode: 0o644 });
}

/**
 * Why: `status` and the tests read the recorded hosts and whether each still runs: its nspawn, or,
 * when that was killed, the container left in the host's cgroups (never reported stopped).
 */
export function labStatus(paths: LabPaths = labPaths()): { state?: LabState; hosts: HostStatus[] } {
  const state = readState(paths.stateFile);
  if (!state) return { hosts: [] };
  const hosts = Object.values(state.hosts).map((h): HostStatus => {
    const base = { name: h.name, publicAddress: h.publicAddress, vpcAddress: h.vpcAddress };
    if (isAlive(h)) return { ...base, running: true, pid: h.pid };
    const left = cgroupProcesses(h.cgroups);
    return { ...base, running: left.length > 0, orphanInit: containerInit(left) };
  });
  return { state, hosts };
}

function requireHost(paths: LabPaths, name: string): { state: LabState; host: HostState; save: () => void } {
  const state = readState(paths.stateFile);
  if (!state) throw new BcError('no lab is up', undefined, 'run `bc-play lab up` first');
  const host = state.hosts[name];
  if (!host) throw new BcError(`no lab host named ${name}`, undefined, `lab hosts: ${Object.keys(state.hosts).join(', ')}`);
  return { state, host, save: () => writeState(paths.stateFile, state) };
}

/** Why: a reboot drill: the host powers off and boots again on the same disk. */
export async function restartHost(name: string, options: LabOptions = {}): Promise<void> {
  const paths = options.paths ?? labPaths();
  await ensurePrerequisites(options.log ?? (() => {}));
  const { state, host, save } = requireHost(paths, name);
  await stopHost(host, save);
  await setupNetwork(state, save);
  await startHost(paths, state, host, save);
  writeKnownHosts(paths, state);
  await waitForSsh(paths, host);
}

/** Why: a disaster-recovery drill: the host stops and its disk (overlay upper dir) is wiped; `up` brings it back fresh. */
export async function destroyHost(name: string, options: LabOptions = {}): Promise<void> {
  const paths = options.paths ?? labPaths();
  const { state, host, save } = requireHost(paths, name);
  await stopHost(host, save);
  assertNothingMountedUnder(hostDir(paths, name));
  rmSync(hostDir(paths, name), { recursive: true, force: true });
  writeKnownHosts(paths, state);
}

/**
 * Why: `down` leaves the machine as it found it: every host stopped (process, cgroups, mount),
 * every recorded rule and bridge removed, ip_forward restored, the state dir gone; only the
 * cached base image stays.
 */
export async function labDown(options: LabOptions = {}): Promise<void> {
  const paths = options.paths ?? labPaths();
  const state = readState(paths.stateFile);
  if (state) {
    const save = () => writeState(paths.stateFile, state);
    await Promise.all(Object.values(state.hosts).map((host) => stopHost(host, save)));
    await teardownNetwork(state, save);
  }
  assertNothingMountedUnder(paths.stateDir);
  rmSync(paths.stateDir, { recursive: true, force: true });
}

/** Never rm -r through a mounted overlay: it would write whiteouts, or worse. */
function assertNothingMountedUnder(dir: string): void {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '');
  const inside = mounts.filter((m) => m === dir || m.startsWith(`${dir}/`));
  if (inside.length) throw new BcError(`still mounted under ${dir}: ${inside.join(', ')}`, undefined, 'unmount them, then run `bc-play lab down` again');
}

/** Why: `lab ssh` and the tests run a command on a host as a user would, strict host keys included. */
export async function labSsh(name: string, command: string[], paths: LabPaths = labPaths()): Promise<{ stdout: string; stderr: string; code: number }> {
  const { host } = requireHost(paths, name);
  return tryRun('ssh', sshArgs(paths, host.publicAddress, command));
}
