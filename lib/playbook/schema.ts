// JSON Schemas of playbooks, tasks and role files: validated with ajv and published for editors.
import type { JsonSchema, ModuleDefinition } from '../modules/module.js';
import { allowingExpressions } from '../schema/validate.js';

const ENVIRONMENT: JsonSchema = {
  type: 'object',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
  description: 'Environment variables for every command the task runs (command, shell, and the commands of any module), as Ansible; on a play, for all its tasks.',
};

/** Why: the keywords a task may have besides its one module; also tells modules apart from typos. */
export const TASK_KEYWORDS: Record<string, JsonSchema> = {
  name: { type: 'string', description: 'What the task does, as shown in the output.' },
  when: { description: 'Condition (a JavaScript expression over the variables, or a list of them, all true).', anyOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: ['string', 'boolean'] } }] },
  register: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Keep the result in this variable for later tasks (changed, failed, rc, stdout, stderr, results).' },
  loop: { description: 'Run the task once per item; the item is the variable `item`.', anyOf: [{ type: 'array' }, { type: 'string', pattern: '\\{\\{' }] },
  loop_control: {
    type: 'object',
    additionalProperties: false,
    properties: {
      label: { type: 'string', description: 'How an item is shown (an expression over `item`).' },
      loop_var: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'The name the item goes by instead of `item` (a loop inside an included loop), as Ansible.' },
      index_var: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'A variable holding the item\'s index (from 0), as Ansible.' },
      extended: { type: 'boolean', description: 'Set `ansible_loop` (index, index0, revindex, revindex0, first, last, length, allitems, previtem, nextitem), as Ansible.' },
      pause: { type: 'number', minimum: 0, description: 'Seconds to wait between items, as Ansible.' },
    },
  },
  notify: { description: 'Handler name(s) to run at the end of the section when this task changed something.', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  tags: { description: 'Tags for --tags / --skip-tags.', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  become: { type: 'boolean', description: 'Run as root through sudo when the connection user is not root.' },
  become_user: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]*\\$?$', description: 'With become: run the task\'s commands as this user (sudo -n -u, or runuser from a root login), as Ansible; its facts are read as that user.' },
  check_mode: { type: 'boolean', description: 'false: run for real even in --check (read-only commands).' },
  changed_when: { description: 'Expression deciding whether a command changed something (result in scope).', anyOf: [{ type: 'string' }, { type: 'boolean' }] },
  failed_when: { description: 'Expression deciding whether a command failed (result in scope).', anyOf: [{ type: 'string' }, { type: 'boolean' }] },
  until: { description: 'Retry the task until this expression over its result (`result`, or the register name) holds, as Ansible (not in check mode, where the task is predicted once).', anyOf: [{ type: 'string' }, { type: 'boolean' }] },
  retries: { type: 'integer', minimum: 0, description: 'With until: retries after the first try (Ansible: default 3 tries in all).' },
  delay: { type: 'number', minimum: 0, description: 'With until: seconds between tries (default 5, as Ansible).' },
  delegate_to: { type: 'string', minLength: 1, description: 'Run the module on this inventory host (or localhost) over its own connection, with the variables of the task\'s host, as Ansible.' },
  delegate_facts: { type: 'boolean', description: 'With delegate_to: the variables set_fact sets go to the delegated host (its later tasks and hostvars see them), not to the task\'s host; a registered result stays with the task\'s host, as Ansible.' },
  run_once: { type: 'boolean', description: 'Run on the first host of the batch only; its registered result and set_fact variables are given to every host of the batch, as Ansible.' },
  ignore_errors: { type: 'boolean', description: 'A failure is reported but the host stays in the play.' },
  any_errors_fatal: { type: 'boolean', description: 'A failure of this task on any host (not rescued, not ignored) stops the play on every host, as Ansible.' },
  vars: { type: 'object', description: 'Variables for this task only (play layer).' },
  environment: ENVIRONMENT,
  no_log: { type: 'boolean', description: 'Hide the task\'s results, messages and diffs from the output (as Ansible); secret() values are redacted everywhere anyway.' },
  listen: { type: 'string', description: 'Handlers only: another name this handler answers to.' },
};

/** Modules that also take a single string (the command line) instead of an argument map. */
export const FREE_FORM_MODULES = new Set(['command', 'shell']);

/** Why: one schema per task, built from the module registry, so editors complete module arguments. */
export function taskSchema(modules: Iterable<ModuleDefinition<never>>): JsonSchema {
  const moduleProps: Record<string, JsonSchema> = { meta: META, import_tasks: INCLUDE, include_tasks: INCLUDE, import_role: ROLE_REF, include_role: ROLE_REF, ...blockProps() };
  for (const m of modules) moduleProps[m.name] = moduleProperty(m);
  return { type: 'object', additionalProperties: false, properties: { ...TASK_KEYWORDS, ...moduleProps } };
}

/**
 * Why: validating a task needs only its own module's schema; compiling one small schema per
 * module used (instead of the schema of every module) keeps a run's start-up short.
 */
export function singleModuleTaskSchema(module: ModuleDefinition<never> | undefined): JsonSchema {
  const props = module ? { [module.name]: moduleProperty(module) } : { meta: META };
  return { type: 'object', additionalProperties: false, properties: { ...TASK_KEYWORDS, ...props } };
}

/** block/rescue/always hold task lists; the editor schema names them without recursing. */
function blockProps(): Record<string, JsonSchema> {
  const tasks = (what: string): JsonSchema => ({ type: 'array', items: { type: 'object' }, description: what });
  return {
    block: tasks('Tasks run in order; a failure skips the rest and runs rescue (as Ansible).'),
    rescue: tasks('Tasks run on the hosts that failed in the block; when they succeed the host counts as rescued.'),
    always: tasks('Tasks run after the block (and rescue) whatever happened.'),
  };
}

/** Why: a block's own keywords; its task lists are normalized one by one, each with its own schema. */
export const BLOCK_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['block'],
  properties: {
    ...blockProps(),
    ...pick(['name', 'when', 'tags', 'vars', 'become', 'become_user', 'environment', 'no_log', 'check_mode', 'any_errors_fatal']),
  },
};

const ROLE_REF: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The role, found as for `roles:`.' },
    tasks_from: { type: 'string', minLength: 1, description: 'A task file of the role (roles/NAME/FILE.yaml) instead of tasks.yaml.' },
    handlers_from: { type: 'string', minLength: 1, description: 'A handler file of the role instead of handlers.yaml.' },
    defaults_from: { type: 'string', minLength: 1, description: 'A defaults file of the role instead of defaults.yaml.' },
    vars_from: { type: 'string', minLength: 1, description: 'A vars file of the role (roles/NAME/FILE.yaml) instead of vars.yaml: the role vars of this use, as Ansible.' },
  },
  description: 'A role whose tasks go here, with this entry\'s when, tags, vars and become (include_role is resolved when loading, like import_role).',
};

/** Why: an import_role / include_role entry: the role, and the keywords its tasks take from it. */
export const ROLE_IMPORT_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    import_role: ROLE_REF,
    include_role: ROLE_REF,
    ...pick(['name', 'when', 'tags', 'vars', 'become', 'become_user', 'environment', 'no_log', 'check_mode', 'any_errors_fatal']),
  },
};

function pick(keys: string[]): Record<string, JsonSchema> {
  return Object.fromEntries(keys.map((k) => [k, TASK_KEYWORDS[k]]));
}

const INCLUDE: JsonSchema = { type: 'string', description: 'A task file (relative to the role or playbook) whose tasks go here, with this entry\'s when, tags and vars; include_tasks is resolved when loading, like import_tasks.' };

const META: JsonSchema = { enum: ['flush_handlers'], description: 'flush_handlers: run notified handlers now.' };

function moduleProperty(m: ModuleDefinition<never>): JsonSchema {
  const args = allowingExpressions(m.schema);
  return FREE_FORM_MODULES.has(m.name) ? { description: m.description, anyOf: [{ type: 'string' }, args] } : { description: m.description, ...args };
}

const tagsSchema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** Why: the playbook file's structure; task lists refer to the task schema. */
export function playbookSchema(task: JsonSchema): JsonSchema {
  const tasks = { type: 'array', items: task };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'bc-play playbook',
    type: 'array',
    items: {
      if: { type: 'object', required: ['import_playbook'] },
      then: IMPORT_PLAYBOOK,
      else: play(tasks),
    },
  };
}

/** Why: `- import_playbook: other.yaml` stands where a play may, with its when, tags and vars. */
const IMPORT_PLAYBOOK: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    import_playbook: { type: 'string', minLength: 1, description: 'A playbook (relative to this one) whose plays run here, as Ansible: its vars over each play\'s, its tags added, its when on every task.' },
    name: { type: 'string' },
    when: TASK_KEYWORDS.when,
    tags: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    vars: { type: 'object' },
  },
};

function play(tasks: JsonSchema): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['hosts'],
    properties: {
      name: { type: 'string', description: 'Shown as PLAY [name].' },
      hosts: { type: 'string', description: 'Host pattern: all, names, groups, globs, a,b unions, &intersection, !exclusion.' },
      vars: { type: 'object', description: 'Play variables (play layer).' },
      roles: {
        type: 'array',
        description: 'Roles from roles/NAME/, as a name or {role: NAME, ...parameters}.',
        items: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              required: ['role'],
              properties: { role: { type: 'string' }, tags: tagsSchema, when: TASK_KEYWORDS.when, become: { type: 'boolean' } },
            },
          ],
        },
      },
      pre_tasks: tasks,
      tasks,
      post_tasks: tasks,
      handlers: tasks,
      serial: { description: 'Rolling batches: a number, a percentage ("30%") or a list of them.', anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\d+%$' }, { type: 'array', items: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\d+%$' }] } }] },
      max_fail_percentage: { type: 'number', minimum: 0, maximum: 100, description: 'Stop the play when more than this percentage of a batch failed.' },
      tags: tagsSchema,
      become: { type: 'boolean' },
      become_user: TASK_KEYWORDS.become_user,
      any_errors_fatal: { type: 'boolean', description: 'A failure of any task on any host (not rescued, not ignored) stops the play on every host, as Ansible.' },
      environment: ENVIRONMENT,
      vars_files: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'YAML files of variables (relative to the playbook), over the play\'s vars, as Ansible.' },
      gather_facts: { type: 'boolean', description: 'Read host facts at play start (default true, in the round trip that reads the tasks\' facts ahead). false: no Gathering Facts step, `facts` is empty unless an earlier play read them.' },
    },
  };
}

/** Why: a task file of a role (tasks.yaml, handlers.yaml) is a plain list of tasks. */
export function taskListSchema(task: JsonSchema): JsonSchema {
  return { type: 'array', items: task };
}

/** Why: role defaults are a map of variables, nothing else. */
export const DEFAULTS_SCHEMA: JsonSchema = { type: ['object', 'null'] };

/** Why: a role's schema.yaml is itself a JSON Schema of an object of parameters. */
export const ROLE_SCHEMA_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['properties'],
  properties: { type: { const: 'object' }, properties: { type: 'object' }, required: { type: 'array', items: { type: 'string' } } },
};
