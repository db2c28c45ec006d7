// A whole run: load and check everything, connect once per host, run the plays, report the recap.
import type { Connection, ConnectionTarget } from '../connection/connection.js';
import { getOrCreate } from '../memo.js';
import { loadInventory } from '../inventory/load.js';
import { withImplicitLocalhost } from '../inventory/implicit-localhost.js';
import { matchHosts } from '../inventory/patterns.js';
import { connectionTargetFor, inventoryLocator, type ConnectionDefaults } from '../inventory/connection-target.js';
import type { Inventory } from '../inventory/types.js';
import { loadPlaybook } from '../playbook/load.js';
import type { Playbook } from '../playbook/types.js';
import type { EventSink, RecapCounts } from './events.js';
import { FactStore } from './fact-store.js';
import { precheck } from './precheck.js';
import { prepareArtifacts, type ArtifactRequest } from '../artifacts/artifacts.js';
import { runPlay, selectedSections } from './run-play.js';
import { emptyRecap, varContext, type HostRun, type RunSettings, type RunState } from './state.js';
import { connectionVars } from './task-vars.js';

/** What a run needs besides the settings: where its input is and how to reach hosts. */
export interface RunInput {
  playbookPath: string;
  inventoryPath: string;
  limit?: string;
  settings: RunSettings;
  connectionDefaults: ConnectionDefaults;
  /** Opens a connection for a target; tests pass a fake, the CLI passes openConnection. */
  openConnection(target: ConnectionTarget): Connection;
  sink: EventSink;
}

/** A loaded, checked run, ready to start: what --list-hosts and --syntax-check stop at. */
export interface PreparedRun {
  inventory: Inventory;
  playbook: Playbook;
  /** Hosts of each play, in play order, after --limit. */
  playHosts: string[][];
  /** What the tasks ask to build on the controller, found by precheck; built before the first host is touched. */
  artifacts: ArtifactRequest[];
}

/**
 * Why: everything that can be wrong with the input is found here, before any host is contacted:
 * YAML, schemas, modules, roles, handlers, patterns, variables and role parameters.
 */
export function prepareRun(input: Omit<RunInput, 'sink' | 'openConnection'>): PreparedRun {
  const playbook = loadPlaybook(input.playbookPath);
  const delegates = playbook.plays.flatMap((p) => [...p.preTasks, ...p.tasks, ...p.postTasks, ...p.handlers]).map((t) => t.delegateTo ?? '');
  const inventory = withImplicitLocalhost(loadInventory(input.inventoryPath), [...playbook.plays.map((p) => p.hosts), input.limit ?? '', ...delegates]);
  const limit = input.limit ? new Set(matchHosts(inventory, input.limit)) : undefined;
  const playHosts = playbook.plays.map((play) =>
    matchHosts(inventory, play.hosts, play.source.yaml.locate([...play.source.path, 'hosts'])).filter((h) => !limit || limit.has(h)),
  );
  const vars = varContext(input.settings, inventory, playbook);
  const artifacts = playbook.plays.flatMap((play, i) => precheck(vars, play, playHosts[i]));
  for (const host of new Set(playHosts.flat())) {
    connectionTargetFor(host, connectionVars(vars, host), input.connectionDefaults, inventoryLocator(inventory, host));
  }
  return { inventory, playbook, playHosts, artifacts };
}

/** Why: runs a prepared run to its recap; every host keeps one connection for the whole run. */
export async function executeRun(input: RunInput, prepared: PreparedRun): Promise<Record<string, RecapCounts>> {
  const state = runState(input, prepared, input.openConnection);
  state.artifacts = await prepareArtifacts(prepared.artifacts);
  const allHosts = [...new Set(prepared.playHosts.flat())];
  state.emit({ type: 'run-start', playbook: prepared.playbook.file, inventory: input.inventoryPath, check: input.settings.check, hosts: allHosts });
  try {
    for (const [i, play] of prepared.playbook.plays.entries()) {
      if ((await runPlay(state, play, prepared.playHosts[i])) === 'aborted') break;
    }
  } finally {
    await Promise.all([...state.hosts.values()].map((h) => h.connection?.close().catch(() => undefined)));
  }
  return Object.fromEntries(allHosts.map((h) => [h, state.hosts.get(h)!.recap]));
}

function runState(input: RunInput, prepared: PreparedRun, open: RunInput['openConnection']): RunState {
  const { inventory, playbook, playHosts } = prepared;
  const hosts = new Map<string, HostRun>();
  for (const name of inventory.hosts.keys()) {
    hosts.set(name, { name, facts: new FactStore(input.settings.check), registered: {}, notified: new Set(), state: 'active', recap: emptyRecap(), blocks: new Map() });
  }
  const opening = new Map<string, Promise<Connection>>();
  const state: RunState = {
    ...varContext(input.settings, inventory, playbook),
    hosts,
    artifacts: new Map(),
    schedule: playbook.plays.map((play, i) => ({
      play,
      hosts: new Set(playHosts[i]),
      tasks: selectedSections(play, input.settings).flat().filter((t) => t.module !== 'meta'),
    })),
    emit: (event) => input.sink?.emit(event),
    connect: (host) =>
      getOrCreate(opening, host.name, async () => {
        const target = connectionTargetFor(host.name, connectionVars(state, host.name), input.connectionDefaults);
        const conn = open(target);
        await conn.connect();
        host.connection = conn;
        return conn;
      }),
    disconnect: async (host) => {
      opening.delete(host.name);
      const conn = host.connection;
      host.connection = undefined;
      await conn?.close().catch(() => undefined);
    },
  };
  return state;
}
