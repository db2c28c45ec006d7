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
}

/** Why: Ansible's block/rescue/always, flattened: each task knows its block and its part. */
export interface BlockPart {
  /** The same object for every task of one block. */
  id: object;
  part: 'body' | 'rescue' | 'always';
  hasRescue: boolean;
  hasAlways: boolean;
  /** The block's last task: after it, a failure the rescue did not handle fails the host. */
  last: boolean;
}

/** Why: a task as the engine runs it: one module call plus the keywords around it. */
export interface Task {
  name: string;
  module: string;
  /** Arguments as written (may hold `{{ }}`); rendered per host and loop item. */
  args: unknown;
  when?: unknown;
  /** Set for tasks inside a `block`: which part, and whether it is the block's last task. */
  block?: BlockPart;
  /** Conditions of the import_tasks / include_tasks that brought this task in, outermost first. */
  inheritedWhen?: Array<{ when: unknown; source: Source }>;
  register?: string;
  loop?: unknown;
  loopLabel?: string;
  notify: string[];
  /** Own tags plus those inherited from the play and the role use. */
  tags: string[];
  become?: boolean;
  /** false: run for real even in check mode (read-only commands). */
  checkMode?: boolean;
  changedWhen?: unknown;
  failedWhen?: unknown;
  /** Retry until this holds over the result: `attempts` tries, `delayMs` apart. */
  until?: { condition: unknown; attempts: number; delayMs: number };
  ignoreErrors: boolean;
  /** The host the module runs on instead (may hold `{{ }}`). */
  delegateTo?: string;
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
  /** The play's `environment`, under each task's own. */
  environment?: Record<string, unknown>;
  gatherFacts: boolean;
  source: Source;
  location: Location;
}

/** Why: the whole input of a run after loading, with the folder templates and files are read from. */
export interface Playbook {
  file: string;
  dir: string;
  plays: Play[];
}
