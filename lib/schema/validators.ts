// Compiled validators: compiling the ~60 schemas of a fleet run (tasks, module arguments, role
// parameters) took ~150 ms of every start. The engine's own schemas are compiled by `npm run
// build` into dist/validators/ (scripts/build-validators.mjs); a schema only known at run time
// (a role's parameters) is compiled once and kept in the user's cache (~/.cache/bc-play), both
// named by a hash of the schema and of the generator, and loaded with require.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { getOrCreate } from '../memo.js';
import type { JsonSchema } from '../modules/module.js';

const require = createRequire(import.meta.url);
const OPTIONS = { allErrors: false, strict: false, useDefaults: false, code: { source: true } } as const;
/** Changes whenever the generated code could: ajv's version or the options above. */
const GENERATION = `${(require('ajv/package.json') as { version: string }).version} ${JSON.stringify(OPTIONS)}`;
/** dist/validators/, beside dist/lib/ (this file is dist/lib/schema/validators.js). */
const BUILT_DIR = fileURLToPath(new URL('../../validators/', import.meta.url));
/** ajv's runtime helpers, which generated code requires; cached code names them by absolute path. */
const AJV_DIR = dirname(require.resolve('ajv/package.json'));

const byObject = new WeakMap<JsonSchema, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * Why: one validator per distinct schema for the life of the process: built ones from dist/,
 * others from the user's cache when an earlier run compiled them; ajv itself is loaded only
 * when a schema is new.
 */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  return getOrCreate(byObject, schema, () => {
    const text = JSON.stringify(schema);
    return getOrCreate(byText, text, () => {
      const dir = cacheDir();
      const cached = dir === undefined ? undefined : join(dir, validatorFileName(text, AJV_DIR));
      return load(join(BUILT_DIR, validatorFileName(text))) ?? (cached === undefined ? undefined : load(cached)) ?? compileAndStore(schema, cached);
    });
  });
}

/** Why: the build and the run must agree on a schema's file name; `ajvDir` is part of it for cached code. */
export function validatorFileName(schemaText: string, ajvDir = ''): string {
  return `${createHash('sha256').update(GENERATION).update(ajvDir).update(schemaText).digest('hex').slice(0, 32)}.cjs`;
}

/**
 * Why: a schema written by a user (a role's schema.yaml) is checked against JSON Schema's own
 * meta-schema while loading, so a typo (`type: strnig`) is an input error at its key, not a
 * compile failure in the middle of a run.
 */
export function metaSchemaErrors(schema: unknown): ErrorObject[] {
  ajv ??= new (require('ajv') as { Ajv: typeof Ajv }).Ajv(OPTIONS);
  return ajv.validateSchema(schema as JsonSchema) ? [] : [...(ajv.errors ?? [])];
}

/** Why: the build script writes dist/validators/ with the same generator the run falls back to. */
export function validatorCode(schema: JsonSchema): string {
  ajv ??= new (require('ajv') as { Ajv: typeof Ajv }).Ajv(OPTIONS);
  const standalone = (require('ajv/dist/standalone') as { default: (a: Ajv, v: ValidateFunction) => string }).default;
  return standalone(ajv, ajv.compile(schema));
}

function load(file: string): ValidateFunction | undefined {
  try {
    const loaded = require(file) as { default?: ValidateFunction };
    return typeof loaded.default === 'function' ? loaded.default : undefined;
  } catch {
    return undefined; // missing, or damaged: compiled again (and a cached file replaced)
  }
}

function compileAndStore(schema: JsonSchema, file: string | undefined): ValidateFunction {
  ajv ??= new (require('ajv') as { Ajv: typeof Ajv }).Ajv(OPTIONS);
  const validate = ajv.compile(schema);
  if (!file) return validate;
  try {
    const code = validatorCode(schema).replace(/require\("ajv\/(dist\/runtime\/[\w-]+)"\)/g, (_, path: string) => `require(${JSON.stringify(join(AJV_DIR, path))})`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only home still validates; it compiles again next time.
  }
  return validate;
}

let cache: string | null | undefined;

/** $XDG_CACHE_HOME/bc-play/validators, made 0700; none (compile in memory) when it is not the user's own. */
function cacheDir(): string | undefined {
  if (cache === undefined) {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bc-play', 'validators');
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const owned = statSync(dir);
      cache = owned.uid === process.getuid?.() && (owned.mode & 0o022) === 0 ? dir : null;
    } catch {
      cache = null;
    }
  }
  return cache ?? undefined;
}
