// The JSON Schemas published in schemas/ for editors, built from the schemas the engine validates with.
import { INVENTORY_SCHEMA } from '../inventory/schema.js';
import type { JsonSchema } from '../modules/module.js';
import { MODULES } from '../modules/registry.js';
import { playbookSchema, ROLE_SCHEMA_SCHEMA, taskListSchema, taskSchema } from '../playbook/schema.js';

/**
 * Why: editors (the YAML language server) complete and check the same structure the engine
 * accepts, because both come from one definition; a test keeps schemas/ in step with it.
 */
export function publishedSchemas(): Record<string, JsonSchema> {
  const task = taskSchema(MODULES.values());
  return {
    'inventory.json': INVENTORY_SCHEMA,
    'playbook.json': { ...playbookSchema(task), title: 'bc-play playbook' },
    'role-tasks.json': { $schema: 'http://json-schema.org/draft-07/schema#', title: 'bc-play role tasks or handlers', ...taskListSchema(task) },
    'role-defaults.json': { $schema: 'http://json-schema.org/draft-07/schema#', title: 'bc-play role defaults', type: ['object', 'null'] },
    'role-schema.json': { $schema: 'http://json-schema.org/draft-07/schema#', title: 'bc-play role parameter schema', ...ROLE_SCHEMA_SCHEMA },
  };
}

/** Why: one serialization, so the check in tests compares bytes with what the script wrote. */
export function schemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
