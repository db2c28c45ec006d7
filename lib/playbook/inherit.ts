// What a block, an import or a role import gives the tasks it holds: its condition, its
// variables, its become and the other keywords a task may leave to what stands around it.
import type { Source, Task, Vars } from './types.js';

/** The keywords an entry around tasks sets for them, as written. */
export interface Around {
  /** How a message names the entry: "block", "import_tasks", "import_role". */
  what: string;
  source: Source;
  when?: unknown;
  vars?: Vars;
  become?: boolean;
  becomeUser?: string;
  environment?: Record<string, unknown>;
  noLog?: boolean;
  checkMode?: boolean;
  anyErrorsFatal?: boolean;
}

/** Why: a block's and a role import's keywords are read alike, from the entry as written. */
export function aroundOf(raw: Record<string, unknown>, what: string, source: Source): Around {
  return {
    what,
    source,
    when: raw.when,
    vars: raw.vars as Vars | undefined,
    become: raw.become as boolean | undefined,
    becomeUser: raw.become_user as string | undefined,
    environment: raw.environment as Record<string, unknown> | undefined,
    noLog: raw.no_log as boolean | undefined,
    checkMode: raw.check_mode as boolean | undefined,
    anyErrorsFatal: raw.any_errors_fatal as boolean | undefined,
  };
}

/**
 * Why: Ansible's inheritance, in one place: the entry's `when` holds before the task's own (each
 * reported at its place), its `vars` lie under the task's, and the other keywords apply where
 * the task sets none (an environment merges, the task's names winning).
 */
export function inherit(tasks: Task[], around: Around): Task[] {
  const condition = around.when === undefined ? undefined : { when: around.when, source: around.source, around: around.what };
  return tasks.map((t) => ({
    ...t,
    ...(condition ? { inheritedWhen: [condition, ...(t.inheritedWhen ?? [])] } : {}),
    ...(around.vars ? { vars: { ...around.vars, ...t.vars } } : {}),
    ...(around.become !== undefined && t.become === undefined ? { become: around.become } : {}),
    ...(around.becomeUser !== undefined && t.becomeUser === undefined ? { becomeUser: around.becomeUser } : {}),
    ...(around.environment ? { environment: { ...around.environment, ...t.environment } } : {}),
    ...(around.noLog !== undefined && t.noLog === undefined ? { noLog: around.noLog } : {}),
    ...(around.checkMode !== undefined && t.checkMode === undefined ? { checkMode: around.checkMode } : {}),
    ...(around.anyErrorsFatal !== undefined && t.anyErrorsFatal === undefined ? { anyErrorsFatal: around.anyErrorsFatal } : {}),
  }));
}
