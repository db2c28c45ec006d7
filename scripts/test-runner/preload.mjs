// Loaded with `node --import` by scripts/test-all.mjs in each test file's process: every
// `import ... from 'uvu'` of that file gets ./uvu.mjs, which records each test's outcome.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
