import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { publishedSchemas, schemaText } from '../../../lib/schema/publish.js';

test('the schemas published for editors are the ones the engine validates with', () => {
  for (const [name, schema] of Object.entries(publishedSchemas())) {
    const committed = readFileSync(`schemas/${name}`, 'utf8');
    assert.ok(committed === schemaText(schema), `schemas/${name} is stale: run npm run schemas`);
  }
});

test('the playbook schema knows every module and its arguments', () => {
  const playbook = publishedSchemas()['playbook.json'] as { items: { else: { properties: { tasks: { items: { properties: Record<string, unknown> } } } } } };
  const props = playbook.items.else.properties.tasks.items.properties;
  for (const name of ['apt', 'template', 'service', 'when', 'notify']) assert.ok(name in props, name);
});

test.run();
