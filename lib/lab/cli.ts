// `bc-play lab up|status|ssh|restart|destroy|down`: parses the lab's arguments, calls lib/lab and
// turns errors into messages and exit codes (never stack traces for the user's mistakes).
import { spawnSync } from 'node:child_process';
import { parseCommandLine, type OptionSpec } from '../cli/command-line.js';
import { exitCodeFor } from '../cli/exit-codes.js';
import { formatError, UsageError } from '../errors.js';
import { loadInventory } from '../inventory/load.js';
import { SUITES, type Suite } from './image.js';
import { destroyHost, ensureLabUp, labDown, labStatus, restartHost, type HostStatus } from './lab.js';
import { labPaths } from './paths.js';
import { sshArgs } from './ssh.js';

/** Where the lab writes: `out` for results, `err` for progress and errors. */
export interface LabIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const LAB_USAGE = `usage: bc-play lab <command>
  up [-i inventory.yaml] [--suite trixie|bookworm]   start one lab host per inventory host
  status                                             list lab hosts, addresses and PIDs
  ssh HOST [CMD...]                                  ssh into a lab host (strict host keys)
  restart HOST                                       reboot a lab host on the same disk
  destroy HOST                                       stop a host and wipe its disk
  down                                               stop everything, undo every change`;

/** `lab up` reads its options through the same parser as a playbook run. */
const LAB_UP_OPTIONS: readonly OptionSpec[] = [
  { long: 'inventory', short: 'i', value: 'FILE', help: 'inventory whose hosts the lab stands in for (default: inventory.yaml)' },
  { long: 'suite', value: 'SUITE', help: `Debian suite of the lab hosts: ${SUITES.join(' or ')} (default: trixie)` },
];

function parseUp(args: string[]): { inventory: string; suite: Suite } {
  const line = parseCommandLine(args, LAB_UP_OPTIONS, LAB_USAGE);
  if (line.positionals.length) throw new UsageError(`lab up takes no arguments, got ${line.positionals.join(' ')}`, undefined, LAB_USAGE);
  const suite = line.single('suite') ?? 'trixie';
  if (!(SUITES as readonly string[]).includes(suite)) throw new UsageError(`unknown suite "${suite}"`, undefined, `suites: ${SUITES.join(', ')}`);
  return { inventory: line.single('inventory') ?? 'inventory.yaml', suite: suite as Suite };
}

function oneHost(command: string, args: string[]): string {
  const { positionals } = parseCommandLine(args, [], LAB_USAGE);
  if (positionals.length !== 1) throw new UsageError(`lab ${command} takes one host name`, undefined, LAB_USAGE);
  return positionals[0];
}

/** Why: the engine's main.ts hands `bc-play lab ...` here; the return value is the exit code. */
export async function runLabCommand(argv: string[], io: LabIO): Promise<number> {
  const [command, ...args] = argv;
  const log = io.err;
  try {
    switch (command) {
      case 'up': {
        const up = parseUp(args);
        const hosts = await ensureLabUp(loadInventory(up.inventory), { suite: up.suite, log });
        for (const [name, h] of hosts) io.out(`${name}\t${h.address}\t${h.private_address}\tssh root@${h.address}`);
        return 0;
      }
      case 'status':
        return status(io);
      case 'ssh': {
        if (args.length < 1) throw new UsageError('lab ssh needs a host name', undefined, LAB_USAGE);
        const host = labStatus().hosts.find((h) => h.name === args[0]);
        if (!host) throw new UsageError(`no lab host named ${args[0]}`, undefined, 'see `bc-play lab status`');
        const r = spawnSync('ssh', sshArgs(labPaths(), host.publicAddress, args.slice(1)), { stdio: 'inherit' });
        return r.status ?? 255;
      }
      case 'restart':
        await restartHost(oneHost('restart', args), { log });
        return 0;
      case 'destroy':
        await destroyHost(oneHost('destroy', args), { log });
        return 0;
      case 'down':
        await labDown({ log });
        log('lab: down');
        return 0;
      default:
        throw new UsageError(command ? `unknown lab command "${command}"` : 'lab needs a command', undefined, LAB_USAGE);
    }
  } catch (error) {
    io.err(formatError(error));
    return exitCodeFor({ error });
  }
}

function status(io: LabIO): number {
  const { state, hosts } = labStatus();
  if (!state) {
    io.out('no lab is up');
    return 0;
  }
  io.out(`Debian ${state.suite}; public ${state.publicSubnet} on ${state.publicBridge}, VPC ${state.vpcSubnet} on ${state.vpcBridge}`);
  for (const h of hosts) io.out(`${h.name}\t${hostState(h)}\t${h.publicAddress}\t${h.vpcAddress}`);
  return 0;
}

/** Why: a container whose nspawn was killed still runs; saying "stopped" would hide it. */
export function hostState(h: HostStatus): string {
  if (h.pid) return `running (pid ${h.pid})`;
  if (!h.running) return 'stopped';
  const init = h.orphanInit ? `container init pid ${h.orphanInit}` : 'its processes are exiting';
  return `running without its nspawn (${init}; \`bc-play lab restart ${h.name}\` or \`lab down\` stops it)`;
}
