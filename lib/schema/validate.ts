// One way to turn schema errors into located, readable InputErrors.
import type { ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import type { YamlFile, YamlPath } from '../yaml/load.js';
import type { JsonSchema } from '../modules/module.js';
import { validatorFor } from './validators.js';

/** Where the data being validated sits inside a YAML file. */
export interface SchemaSite {
  yaml: YamlFile;
  path: YamlPath;
  /** What is being checked, for the message: "inventory", "arguments of apt", "parameters of role nginx". */
  what: string;
}

/**
 * Why: every schema check (inventory, playbook, module arguments, role parameters) reports the
 * same way: the offending key's file:line:col, the snippet, and what was expected.
 */
export function validateAt(schema: JsonSchema, data: unknown, site: SchemaSite): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const error = pickError(validate.errors ?? []);
  const { path, key, message } = describe(error);
  const location = site.yaml.locate([...site.path, ...path], { key });
  throw new InputError(`${site.what}: ${message}`, location);
}

function pickError(errors: ErrorObject[]): ErrorObject {
  // The deepest error is the most precise; anyOf/oneOf wrappers say little.
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

function describe(error: ErrorObject): { path: (string | number)[]; key: boolean; message: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = path.length ? `"${path.join('.')}"` : 'the top level';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: [...path, String(p.additionalProperty)],
        key: true,
        message: `unknown key "${p.additionalProperty}"${path.length ? ` in ${where}` : ''}`,
      };
    case 'required':
      return { path, key: true, message: `missing required key "${p.missingProperty}"${path.length ? ` in ${where}` : ''}` };
    case 'enum':
      return { path, key: false, message: `${where} must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { path, key: false, message: `${where} must be ${[p.type].flat().map((t) => article(String(t))).join(' or ')}` };
    case 'pattern':
      if (error.propertyName === undefined) break;
      return {
        path: [...path, error.propertyName],
        key: true,
        message: `${where} has an invalid name "${error.propertyName}": it must match pattern "${p.pattern}"`,
      };
  }
  return { path, key: false, message: `${where} ${error.message ?? 'is invalid'}` };
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Why: before any host is contacted, values may still hold `{{ expressions }}` whose type is
 * known only later; this derives a schema that also accepts such strings anywhere, so the
 * structure is checked early and the rendered values again, strictly, per host.
 */
export function allowingExpressions(schema: JsonSchema): JsonSchema {
  const expression = { type: 'string', pattern: '\\{\\{' };
  const walk = (s: unknown): unknown => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const src = s as Record<string, unknown>;
    const out: Record<string, unknown> = { ...src };
    if (src.properties && typeof src.properties === 'object') {
      out.properties = Object.fromEntries(Object.entries(src.properties).map(([k, v]) => [k, walk(v)]));
    }
    if (src.items) out.items = walk(src.items);
    if (src.additionalProperties && typeof src.additionalProperties === 'object') {
      out.additionalProperties = walk(src.additionalProperties);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(src[key])) out[key] = (src[key] as unknown[]).map(walk);
    }
    return { anyOf: [out, expression] };
  };
  return walk(schema) as JsonSchema;
}
