// What the engine keeps about a run and about each host while the run goes on.
import type { Artifact } from '../artifacts/artifacts.js';
import type { Connection } from '../connection/connection.js';
import type { HostFacts } from '../facts/host.js';
import type { Inventory, Vars } from '../inventory/types.js';
import type { Play, Playbook, Task } from '../playbook/types.js';
import type { EngineEvent, RecapCounts } from './events.js';
import type { FactStore } from './fact-store.js';

/** Why: the choices of one run, as the CLI (or a test) makes them. */
export interface RunSettings {
  check: boolean;
  diff: boolean;
  tags: string[];
  skipTags: string[];
  extraVars: Vars;
  forks: number;
  /** Per-host variables that replace the inventory's (the lab's addresses and keys). */
  hostOverrides: Map<string, Vars>;
  /** Looks up (or creates) a secret by name; its value is redacted from all output. */
  secret: (name: string) => string;
  /** How often a task still running says on which hosts (default 10 s). */
  progressEveryMs?: number;
  /**
   * false: every task reads its facts right before it plans, nothing is read ahead. Not a user
   * flag: the oracle the read-ahead corpus compares the fast path with (default true).
   */
  readAhead?: boolean;
}

/**
 * Where a host stands in a block it failed in (engine/blocks.ts): `rescuing` (the body failed,
 * the rescue runs), `failed` (the body failed without rescue, or the rescue failed: only always
 * runs, then the failure goes to the block around), `always-failed` (nothing more of the block).
 */
export type BlockState = 'rescuing' | 'failed' | 'always-failed';

/** Why: one host's state for the whole run: its one connection, its facts, what it notified. */
export interface HostRun {
  name: string;
  connection?: Connection;
  hostFacts?: HostFacts;
  facts: FactStore;
  registered: Vars;
  notified: Set<string>;
  state: 'active' | 'failed' | 'unreachable';
  recap: RecapCounts;
  /** The blocks this host failed in (by BlockPart.id), and where that leaves it (engine/blocks.ts). */
  blocks: Map<object, BlockState>;
  /**
   * Check mode: the last task whose change could not be fully predicted (a command not run, a
   * package not installed), as `"name" (file:line:col)`; later tasks that cannot plan name it.
   */
  unpredicted?: string;
  /**
   * Check mode: the last task with a change that was only predicted, not made; a check_mode: false
   * command that fails after it may lack what that change provides, and is skipped with a warning.
   */
  predicted?: string;
}

/**
 * Why: what variables are computed from, before any host is contacted (precheck) and during the
 * run alike, with the answers already computed: state of one run, not of the process.
 */
export interface VarContext {
  settings: RunSettings;
  inventory: Inventory;
  playbook: Playbook;
  varCache: VarCache;
}

/** userVars answers by (role use or play) → task vars → host; one hostvars view per play. */
export interface VarCache {
  userVars: WeakMap<object, WeakMap<Vars, Map<string, Vars>>>;
  hostvars: WeakMap<Play, Vars>;
}

/** Why: a fresh VarContext for a run (or its preparation). */
export function varContext(settings: RunSettings, inventory: Inventory, playbook: Playbook): VarContext {
  return { settings, inventory, playbook, varCache: { userVars: new WeakMap(), hostvars: new WeakMap() } };
}

/** Why: what every part of the engine needs to reach, passed as one object. */
export interface RunState extends VarContext {
  hosts: Map<string, HostRun>;
  emit(event: EngineEvent): void;
  /** Opens (once) and returns the host's connection; throws UnreachableError. */
  connect(host: HostRun): Promise<Connection>;
  /** Closes the host's connection (or forgets a failed attempt), so the next connect() opens a new one. */
  disconnect(host: HostRun): Promise<void>;
  /** The plays in order, each with its hosts and selected tasks: what fact reads look ahead into. */
  schedule: ScheduledPlay[];
  /** What was built or collected on the controller before any host was touched, by artifactKey. */
  artifacts: ReadonlyMap<string, Artifact>;
}

/** Why: a play as this run will execute it (after --limit, --tags), known before it starts. */
export interface ScheduledPlay {
  play: Play;
  hosts: ReadonlySet<string>;
  /** Pre-tasks, tasks and post-tasks selected by the tags, in order, without meta tasks. */
  tasks: Task[];
}

/** Why: recap counters start at zero for every host the run targets. */
export function emptyRecap(): RecapCounts {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}
