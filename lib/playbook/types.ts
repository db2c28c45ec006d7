// Plays, tasks and roles after loading: normalized, validated, each knowing where it was written.
import type { JsonSchema } from '../modules/module.js';
import type { YamlFile, YamlPath } from '../yaml/load.js';
import type { Location } from '../errors.js';

export type Vars = Record<string, unknown>;

/** Why: the one `vars` of every task that has none, so per-task variable answers can be shared. */
export const NO_VARS: Vars = Object.freeze({});

/** Why: every loaded element can point back to its file:line:col. */
export interface Source {
  yaml: YamlFile;
  path: YamlPath;
}

/** Why: a role as found on disk, loaded once however often plays use it. */
export interface RoleDef {
  name: string;
  dir: string;
  defaults: Vars;
  /** vars.yaml: the role's own variables, over the play's vars and under a task's (Ansible's role vars). */
  vars: Vars;
  /** JSON Schema of the role's parameters (the `properties` are the role's variables). */
  schema?: JsonSchema;
  schemaSource?: Source;
  tasks: Task[];
  handlers: Task[];
}

/** Why: one use of a role in a play, with its own parameters (a role may be used twice). */
export interface RoleUse {
  role: RoleDef;
  params: Vars;
  tags: string[];
  when?: unknown;
  become?: boolean;
  source: Source;
  /** import_role / include_role: the entry's `vars` (under each task's own), checked as parameters. */
  vars?: Vars;
  /** import_role: its defaults are the play's too, as Ansible's (include_role keeps them to its tasks). */
  imported?: boolean;
  /** tasks_from / handlers_from: the role's file used instead of tasks.yaml / handlers.yaml. */
  tasksFile?: string;
  handlersFile?: string;
  /** defaults_from: the defaults of this use instead of defaults.yaml's. */
  defaults?: Vars;
  /** vars_from: the role vars of this use instead of vars.yaml's. */
  varsFrom?: Vars;
  /** The role use whose tasks import this one (a role importing itself is stopped). */
  importedBy?: RoleUse;
}

/** Why: Ansible's block/rescue/always, flattened: each task knows its blocks and its part in each. */
export interface BlockPart {
  /** The same object for every task of one block. */
  id: object;
  part: 'body' | 'rescue' | 'always';
  hasRescue: boolean;
}

/** Why: a task as the engine runs it: one module call plus the keywords around it. */
export interface Task {
  name: string;
  module: string;
  /** Arguments as written (may hold `{{ }}`); rendered per host and loop item. */
  args: unknown;
  when?: unknown;
  /** Set for tasks inside blocks: each block around the task (outermost first) and the task's part in it. */
  blocks?: BlockPart[];
  /** Conditions of the blocks and imports around this task, outermost first; `around` names which. */
  inheritedWhen?: Array<{ when: unknown; source: Source; around: string }>;
  register?: string;
  loop?: unknown;
  loopLabel?: string;
  /** loop_control.loop_var: the item's name instead of `item`. */
  loopVar?: string;
  /** loop_control.index_var: a variable holding the item's index. */
  indexVar?: string;
  /** loop_control.extended: `ansible_loop` describes the item's place in the loop. */
  loopExtended?: boolean;
  /** loop_control.pause: milliseconds between items. */
  loopPauseMs?: number;
  notify: string[];
  /** Own tags plus those inherited from the play and the role use. */
  tags: string[];
  become?: boolean;
  /** With become: the user the task's commands run as (root when unset), as Ansible's become_user. */
  becomeUser?: string;
  /** false: run for real even in check mode (read-only commands). */
  checkMode?: boolean;
  changedWhen?: unknown;
  failedWhen?: unknown;
  /** Retry until this holds over the result: `attempts` tries, `delayMs` apart. */
  until?: { condition: unknown; attempts: number; delayMs: number };
  ignoreErrors: boolean;
  /** A failure here stops the play on every host (the task's, its block's, or the play's any_errors_fatal). */
  anyErrorsFatal?: boolean;
  /** The host the module runs on instead (may hold `{{ }}`). */
  delegateTo?: string;
  /** delegate_facts: what set_fact sets goes to the delegated host, not the task's. */
  delegateFacts?: boolean;
  /** Run on the batch's first host only, sharing its result with the others. */
  runOnce?: boolean;
  /** Variables every command of the task runs with (the play's, then the task's own). */
  environment?: Record<string, unknown>;
  /** Hide the task's results, messages and diffs from all output. */
  noLog?: boolean;
  vars: Vars;
  source: Source;
  location: Location;
  /** Set for tasks and handlers that come from a role. */
  roleUse?: RoleUse;
  handler: boolean;
  /** Handlers only: another name notify may use. */
  listen?: string;
}

/** Why: a play maps hosts to roles and tasks, in sections with handler flushes between them. */
export interface Play {
  name: string;
  hosts: string;
  vars: Vars;
  roles: RoleUse[];
  /** Roles its tasks bring in with import_role / include_role: their handlers are the play's, their parameters checked. */
  roleImports: RoleUse[];
  preTasks: Task[];
  /** Role tasks (in role order) then the play's own tasks: one section. */
  tasks: Task[];
  postTasks: Task[];
  /** Role handlers in role order, then the play's own; run in this order. */
  handlers: Task[];
  serial?: number | string | Array<number | string>;
  maxFailPercentage?: number;
  tags: string[];
  become?: boolean;
  becomeUser?: string;
  /** The play's `environment`, under each task's own. */
  environment?: Record<string, unknown>;
  gatherFacts: boolean;
  /** A failure of any task stops the play on every host (Ansible's any_errors_fatal). */
  anyErrorsFatal?: boolean;
  /** The folder of the playbook the play is written in: its files/ and templates/ are there. */
  dir: string;
  source: Source;
  location: Location;
}

/** Why: the whole input of a run after loading, with the folder templates and files are read from. */
export interface Playbook {
  file: string;
  dir: string;
  plays: Play[];
}
