// Every schema the engine itself validates with, for the build to compile ahead of time.
import { INVENTORY_SCHEMA, VARS_SCHEMA } from '../inventory/schema.js';
import type { JsonSchema } from '../modules/module.js';
import { MODULES } from '../modules/registry.js';
import { BLOCK_SCHEMA, DEFAULTS_SCHEMA, ROLE_IMPORT_SCHEMA, playbookSchema, ROLE_SCHEMA_SCHEMA, singleModuleTaskSchema, taskListSchema } from '../playbook/schema.js';

/**
 * Why: `npm run build` compiles these into dist/validators/ so a run loads generated code; each
 * is built the way its user builds it (validators are found by the schema's text, not its
 * object). Only role parameter schemas, which come from the roles, are compiled at run time.
 */
export function engineSchemas(): JsonSchema[] {
  const modules = [...MODULES.values()];
  return [
    INVENTORY_SCHEMA,
    VARS_SCHEMA,
    playbookSchema({ type: 'object' }),
    taskListSchema({ type: 'object' }),
    DEFAULTS_SCHEMA,
    BLOCK_SCHEMA,
    ROLE_IMPORT_SCHEMA,
    ROLE_SCHEMA_SCHEMA,
    singleModuleTaskSchema(undefined),
    ...modules.map((m) => singleModuleTaskSchema(m)),
    ...modules.map((m) => m.schema),
  ];
}
