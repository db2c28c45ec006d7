import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { INVENTORY_SCHEMA } from '../../../lib/inventory/schema.js';

/** Every property schema, with its path, for the editors' completion texts. */
function propertySchemas(schema: unknown, path: string): Array<[string, Record<string, unknown>]> {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const nested: Array<[string, unknown]> = [
    ...Object.entries((s.properties as Record<string, unknown>) ?? {}).map(([k, v]): [string, unknown] => [`${path}.${k}`, v]),
    ...Object.entries((s.definitions as Record<string, unknown>) ?? {}).map(([k, v]): [string, unknown] => [`${path}#${k}`, v]),
    ...(typeof s.additionalProperties === 'object' ? [[`${path}.*`, s.additionalProperties] as [string, unknown]] : []),
  ];
  return [[path, s], ...nested.flatMap(([p, v]) => propertySchemas(v, p))];
}

test('describes every property of the inventory schema for editors', () => {
  const schemas = propertySchemas(INVENTORY_SCHEMA, 'inventory');
  const undocumented = schemas.filter(([, s]) => !s.$ref && typeof s.description !== 'string').map(([p]) => p);
  assert.equal(undocumented, []);
  assert.ok(schemas.length >= 8, `walked only ${schemas.length} schemas`);
});

test('is plain JSON, so it can be published as a file', () => {
  assert.equal(JSON.parse(JSON.stringify(INVENTORY_SCHEMA)), INVENTORY_SCHEMA);
});

test.run();
