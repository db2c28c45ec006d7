#!/usr/bin/env node
// Compiles the engine's schemas into dist/validators/ (run by `npm run build`, after tsc): a run
// loads this generated code instead of loading ajv and compiling ~60 schemas at every start.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { engineSchemas } from '../dist/lib/schema/engine-schemas.js';
import { validatorCode, validatorFileName } from '../dist/lib/schema/validators.js';

const dir = new URL('../dist/validators/', import.meta.url);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const texts = new Set(engineSchemas().map((schema) => JSON.stringify(schema)));
for (const text of texts) writeFileSync(new URL(validatorFileName(text), dir), validatorCode(JSON.parse(text)));
console.log(`dist/validators/: ${texts.size} compiled validators`);
