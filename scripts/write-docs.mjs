#!/usr/bin/env node
// Writes docs/modules.md from the modules' schemas (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { MODULES } from '../dist/lib/modules/registry.js';
import { moduleReference } from '../dist/lib/schema/module-reference.js';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/modules.md', moduleReference(MODULES.values()));
console.log('docs/modules.md');
