// The engine says what happens only through these typed events; one reporter prints them.
import type { FileDiff } from '../modules/module.js';

export type HostStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';

/** Per-host counters of the PLAY RECAP. */
export interface RecapCounts {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  /** Failures inside a `block` that its `rescue` handled. */
  rescued: number;
  /** Failures of tasks with `ignore_errors: true`: reported, but the run does not fail. */
  ignored: number;
}

/**
 * Why: output is a pure function of these events, so human and JSON-lines reporters show the
 * same facts, and tests can assert on events instead of parsing text. Every string in an event
 * has been redacted of secret values before a reporter sees it.
 */
export type EngineEvent =
  | { type: 'run-start'; playbook: string; inventory: string; check: boolean; hosts: string[] }
  | { type: 'play-start'; name: string; hosts: string[] }
  | { type: 'task-start'; name: string; module: string; handler: boolean; location: string }
  | {
      type: 'host-result';
      task: string;
      host: string;
      status: HostStatus;
      /** Loop item label when the task loops. */
      item?: string;
      /** What changed (or would change in check mode), one line each. */
      changes: string[];
      /** Why nothing changed, or why the task failed or was skipped. */
      message?: string;
      /** What the task asks to show at every verbosity (debug's msg). */
      shown?: string;
      /** Check mode: what the task would do that check mode did not (a wait, a read-only command); shown without -v. */
      notChecked?: string;
      diffs: FileDiff[];
      /** -v detail: commands run and facts read. */
      commands: string[];
      factsRead: string[];
      durationMs: number;
    }
  | { type: 'task-progress'; task: string; hosts: string[]; elapsedMs: number }
  | { type: 'warning'; message: string }
  | { type: 'play-end'; name: string }
  | {
      type: 'run-end';
      recap: Record<string, RecapCounts>;
      durationMs: number;
      check: boolean;
      exitCode: number;
    };

/** Why: the engine depends on this one-method sink, never on a concrete reporter. */
export interface EventSink {
  emit(event: EngineEvent): void;
}
