// Modules are pure planners: from their arguments and the facts they read they return the
// changes they would make. The executor runs them, or in check mode only reports them.
import type { FactSpec, TouchCause } from '../facts/fact.js';
import type { HostObject } from '../facts/objects.js';
import type { Artifact, ArtifactRequest } from '../artifacts/artifacts.js';
import type { HostFacts } from '../facts/host.js';

/** A JSON Schema object as ajv takes it (draft-07 subset); also published for editors. */
export type JsonSchema = Record<string, unknown>;

/**
 * How a change alters the facts. `fact`/`value`: the fact is now this (exactly); every other fact
 * about the same objects is replaced too. `touch`: an object changed in a way no value here
 * describes. `unpredictable`: the change does more than anyone can name (a package's install
 * scripts). A real run reads replaced facts again; check mode predicts them (see FactStore).
 */
export type FactEffect =
  | { fact: FactSpec<unknown>; value: unknown }
  | { touch: HostObject; cause?: TouchCause }
  | { unpredictable: true };

/** A text diff the reporter shows under a change with --diff (secrets are redacted there). */
export interface FileDiff {
  path: string;
  before: string;
  after: string;
}

/**
 * Why: one change is one thing the user would see happen ("install nginx", "write /etc/x"):
 * a command (with optional stdin, for uploads) plus what it does to the facts.
 */
export interface Change {
  /** Short, present-tense description shown in output and -v ("install nginx 1.22.1"). */
  summary: string;
  /** Shell command to run on the host; quoted with sh``. Absent for changes that only touch facts. */
  command?: string;
  stdin?: string | Buffer;
  /** Predicted facts after the change; applied in check mode and after a real run alike. */
  effects?: FactEffect[];
  diff?: FileDiff;
  /** Timeout for the command in milliseconds (default: none). */
  timeoutMs?: number;
  /**
   * A command that verifies instead of changing (wait_for): it runs in a real run without
   * counting as a change, and in check mode is reported as "would wait" without running.
   */
  probe?: boolean;
  /** A file written on the controller (fetch), in a real run only; created with its missing folders. */
  controllerWrite?: { path: string; content: Buffer };
  /**
   * What the command's output says, merged into the registered result (uri's status and json,
   * get_url's status_code); it may throw a BcError to fail the task. Check mode did not run the
   * command: a later task that reads the result is skipped as not predictable.
   */
  result?(output: CommandOutput): Record<string, unknown>;
}

/** A command's exit code and output, as the host gave them (line ends kept). */
export interface CommandOutput {
  rc: number;
  stdout: string;
  stderr: string;
}

/** How long to try to reach a host, and how often (Ansible's wait_for_connection's delay, sleep, timeout). */
export interface ConnectionWait {
  delayMs: number;
  sleepMs: number;
  timeoutMs: number;
}

/** What a module decided for one host (and one loop item). */
export interface Plan {
  /** Empty when the host already is as wanted. */
  changes: Change[];
  /** Why nothing needs doing, or a note on what will be done ("nginx already 1.22.1"). */
  reason?: string;
  /** The task does not apply (unarchive's creates exists): reported skipped, as Ansible does, with reason as its message. */
  skipped?: boolean;
  /** Extra values merged into the registered result (e.g. stat results of a `stat`-like module). */
  data?: Record<string, unknown>;
  /** Variables the host keeps for its later tasks (set_fact), known in check mode too. */
  setVars?: Record<string, unknown>;
  /** Text shown for the host at every verbosity (debug), as Ansible's `ok: [host] => {...}`. */
  show?: string;
  /**
   * Modules whose changes always count as "run this command" (command, shell) mark the plan as
   * a command run so the executor applies creates/removes, changed_when and failed_when.
   */
  commandRun?: boolean;
  /**
   * What the plan knows will go wrong but cannot prevent (apt without package lists): shown as
   * warnings naming the host and the task, in check mode and in a real run alike.
   */
  warnings?: string[];
}

/** What a module may know about the host and the run while planning. */
export interface PlanContext {
  host: string;
  hostFacts: HostFacts;
  /** Whether --diff was asked for: modules that compare files then read the old content too. */
  diff: boolean;
  /** The variables of the host for this task (all layers merged, plus loop item and registers). */
  vars: Record<string, unknown>;
  /** Reads a file on the controller, under the role's files/ or templates/, or that folder next to the playbook. */
  readControllerFile(path: string, kind: 'files' | 'templates'): Buffer;
  /**
   * A file on the controller by its path, relative ones from the playbook's (or role's) folder:
   * its absolute path, and its bytes when it exists (fetch compares its copy with the host's file).
   */
  controllerPath(path: string): { path: string; content?: Buffer; directory?: boolean };
  /** Renders an ejs template of the role or playbook with the task's variables. */
  renderTemplate(path: string): string;
  /** An artifact the module asked for in artifacts(), prepared before the run. */
  artifact(request: ArtifactRequest): Artifact;
}

/** Reads facts the module asked for in facts(); they were fetched before plan() runs. */
export interface FactView {
  get<T>(spec: FactSpec<T>): T;
}

/**
 * Why: the whole contract of a module. `facts` names what to read (batched with every other
 * task's facts), `plan` is pure and is where all the module's logic lives, table-testable.
 */
export interface ModuleDefinition<A = Record<string, unknown>> {
  name: string;
  /** One sentence for --help, docs and the JSON Schemas. */
  description: string;
  /** ajv schema of the arguments, checked before any host is contacted. */
  schema: JsonSchema;
  /** The facts plan() will need for these arguments. */
  facts(args: A, ctx: PlanContext): FactSpec<unknown>[];
  /**
   * Files on the controller plan() will read (a copy's src, a template): checked, and templates
   * rendered, before any host is touched.
   */
  controllerInputs?(args: A): Array<{ path: string; kind: 'files' | 'templates' }>;
  /**
   * What must be built or collected on the controller before planning (a release to upload):
   * the run prepares it once, before any host is touched, and plan() gets it from ctx.artifact.
   */
  artifacts?(args: A): ArtifactRequest[];
  plan(args: A, facts: FactView, ctx: PlanContext): Plan;
  /**
   * wait_for_connection: before planning, the engine opens the host's connection again until a
   * command runs there, or the wait times out, instead of counting the host unreachable at once.
   */
  connectionWait?(args: A): ConnectionWait;
  /**
   * Whether these arguments run a program that may write anything (command, shell) whatever the
   * host holds (no `creates`/`removes` to skip it): once it ran, every fact is read again
   * (FactStore.reread), so nothing is read ahead past it.
   */
  runsProgramSurely?(args: A): boolean;
}
