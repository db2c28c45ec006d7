#!/usr/bin/env node
// Writes schemas/*.json from the engine's own schemas (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { publishedSchemas, schemaText } from '../dist/lib/schema/publish.js';

mkdirSync('schemas', { recursive: true });
for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(`schemas/${name}`, schemaText(schema));
  console.log(`schemas/${name}`);
}
