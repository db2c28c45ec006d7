// Compiled validators, kept on disk: compiling the ~60 schemas of a fleet run (tasks, module
// arguments, role parameters) took ~150 ms of every start; loading their generated code takes a few.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { getOrCreate } from '../memo.js';
import type { JsonSchema } from '../modules/module.js';

const require = createRequire(import.meta.url);
const OPTIONS = { allErrors: false, strict: false, useDefaults: false, code: { source: true } } as const;
/** Changes whenever the generated code could: ajv's version or the options above. */
const GENERATION = `${(require('ajv/package.json') as { version: string }).version} ${JSON.stringify(OPTIONS)}`;
const CACHE_DIR = resolve('.bc-play/cache/validators');

const byObject = new WeakMap<JsonSchema, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * Why: one validator per distinct schema for the life of the process, from the disk cache when
 * an earlier run compiled it; ajv itself is loaded only when a schema is new.
 */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  return getOrCreate(byObject, schema, () => {
    const text = JSON.stringify(schema);
    return getOrCreate(byText, text, () => {
      const file = join(CACHE_DIR, `${createHash('sha256').update(GENERATION).update(text).digest('hex').slice(0, 32)}.cjs`);
      return load(file) ?? compileAndStore(schema, file);
    });
  });
}

function load(file: string): ValidateFunction | undefined {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const module = { exports: {} as { default?: ValidateFunction } };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    return typeof module.exports.default === 'function' ? module.exports.default : undefined;
  } catch {
    return undefined; // a damaged file is compiled again and replaced
  }
}

function compileAndStore(schema: JsonSchema, file: string): ValidateFunction {
  ajv ??= new (require('ajv') as { Ajv: typeof Ajv }).Ajv(OPTIONS);
  const validate = ajv.compile(schema);
  try {
    const standalone = (require('ajv/dist/standalone') as { default: (a: Ajv, v: ValidateFunction) => string }).default;
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, standalone(ajv, validate), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A read-only project still validates; it compiles again next time.
  }
  return validate;
}
