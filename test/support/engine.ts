// Runs the engine in-process against fixture files, collecting its events instead of printing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openConnection } from '../../lib/connection/open.js';
import type { Connection, ConnectionTarget } from '../../lib/connection/connection.js';
import type { EngineEvent, RecapCounts } from '../../lib/engine/events.js';
import { executeRun, prepareRun, type RunInput } from '../../lib/engine/run.js';
import type { RunSettings } from '../../lib/engine/state.js';
import { exitCodeFor } from '../../lib/cli/exit-codes.js';

/** A temp folder of fixture files; `path` gives absolute paths inside it. */
export interface Workspace {
  dir: string;
  path(rel: string): string;
  write(files: Record<string, string>): void;
  remove(): void;
}

/** Why: each test writes its inventory, playbook and roles as text and cleans up after itself. */
export function workspace(files: Record<string, string> = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'bc-play-test-'));
  const ws: Workspace = {
    dir,
    path: (rel) => join(dir, rel),
    write: (more) => {
      for (const [rel, text] of Object.entries(more)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  ws.write(files);
  return ws;
}

/** What a run produced, for assertions. */
export interface RunReport {
  events: EngineEvent[];
  recap: Record<string, RecapCounts>;
  exitCode: number;
  /** Change summaries per host, in order ("host: summary"). */
  changes: string[];
  results: Array<Extract<EngineEvent, { type: 'host-result' }>>;
}

export interface RunRequest {
  playbook: string;
  inventory: string;
  settings?: Partial<RunSettings>;
  limit?: string;
  open?: (target: ConnectionTarget) => Connection;
  acceptNewHostKeys?: boolean;
  /** Sees each event as it is emitted, for a test that acts on one (instead of sleeping). */
  onEvent?: (event: EngineEvent) => void;
}

/** Why: the same prepare + execute path as the CLI, with events kept for the test to read. */
export async function runEngine(request: RunRequest): Promise<RunReport> {
  const events: EngineEvent[] = [];
  const input: RunInput = {
    playbookPath: request.playbook,
    inventoryPath: request.inventory,
    limit: request.limit,
    settings: {
      check: false,
      diff: false,
      tags: [],
      skipTags: [],
      extraVars: {},
      forks: 10,
      hostOverrides: new Map(),
      secret: (name) => `secret-value-of-${name}`,
      ...request.settings,
    },
    connectionDefaults: { acceptNewHostKeys: request.acceptNewHostKeys },
    openConnection: request.open ?? openConnection,
    sink: { emit: (e) => (events.push(e), request.onEvent?.(e)) },
  };
  const recap = await executeRun(input, prepareRun(input));
  const results = events.filter((e): e is Extract<EngineEvent, { type: 'host-result' }> => e.type === 'host-result');
  return {
    events,
    recap,
    exitCode: exitCodeFor({ recap, check: input.settings.check }),
    results,
    changes: results.filter((r) => r.status === 'changed').flatMap((r) => r.changes.map((c) => `${r.host}: ${c}`)),
  };
}

/** Why: a prepare-only call for tests of errors found before any host is contacted. */
export function prepareOnly(request: RunRequest): unknown {
  try {
    prepareRun({
      playbookPath: request.playbook,
      inventoryPath: request.inventory,
      limit: request.limit,
      settings: { check: false, diff: false, tags: [], skipTags: [], extraVars: {}, forks: 1, hostOverrides: new Map(), secret: () => 's', ...request.settings },
      connectionDefaults: {},
    });
    return undefined;
  } catch (error) {
    return error;
  }
}
