// One way to turn schema errors into located, readable InputErrors.
import type { ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import type { YamlFile, YamlPath } from '../yaml/load.js';
import type { JsonSchema } from '../modules/module.js';
import { metaSchemaErrors, validatorFor } from './validators.js';

/** Where the data being validated sits inside a YAML file. */
export interface SchemaSite {
  yaml: YamlFile;
  path: YamlPath;
  /** What is being checked, for the message: "inventory", "arguments of apt", "parameters of role nginx". */
  what: string;
  /** How the message names a place inside the data (`play "web"` instead of `"0"`); undefined: the key path. */
  name?(path: (string | number)[]): string | undefined;
  /** What to write instead of an unknown key (an Ansible keyword bc-play does not take). */
  unknownKeyHint?(key: string): string | undefined;
}

/**
 * Why: every schema check (inventory, playbook, module arguments, role parameters) reports the
 * same way: the offending key's file:line:col, the snippet, and what was expected.
 */
export function validateAt(schema: JsonSchema, data: unknown, site: SchemaSite): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const error = pickError(validate.errors ?? []);
  const { path, key, message, unknownKey } = describe(error, site.name);
  const location = site.yaml.locate([...site.path, ...path], { key });
  const hint = unknownKey !== undefined ? site.unknownKeyHint?.(unknownKey) : valueHint(error, valueAt(data, path));
  throw new InputError(`${site.what}: ${message}`, location, hint);
}

/** Why: a JSON Schema a user wrote is itself checked (against the meta-schema) with the same located errors. */
export function validateSchemaDocumentAt(document: unknown, site: SchemaSite): void {
  const errors = metaSchemaErrors(document);
  if (!errors.length) return;
  const error = pickError(errors);
  const { path, key, message } = describe(error, site.name);
  throw new InputError(`${site.what}: ${message}`, site.yaml.locate([...site.path, ...path], { key }));
}

const YAML11_BOOLEANS: Record<string, boolean> = { yes: true, no: false, on: true, off: false, true: true, false: false };

/** Why: values that are right in Ansible (YAML 1.1 booleans, `name=nginx` arguments) and wrong here say how to write them. */
function valueHint(error: ErrorObject, value: unknown): string | undefined {
  if (typeof value !== 'string' || error.keyword !== 'type') return undefined;
  const types = [(error.params as { type: string | string[] }).type].flat();
  const bool = YAML11_BOOLEANS[value.toLowerCase()];
  if (types.includes('boolean') && bool !== undefined) return `"${value}" is a string in YAML 1.2, which bc-play reads: write ${bool}`;
  const pairs = [...value.matchAll(/([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)/g)];
  if (types.includes('object') && pairs.length && /^[A-Za-z_]\w*=/.test(value)) {
    return `Ansible's key=value form is not read: write a map, { ${pairs.map(([, k, v]) => `${k}: ${v}`).join(', ')} }`;
  }
  return undefined;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[k] : undefined), data);
}

function pickError(errors: ErrorObject[]): ErrorObject {
  // The deepest error is the most precise; anyOf/oneOf wrappers say little.
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

function describe(error: ErrorObject, name: SchemaSite['name']): { path: (string | number)[]; key: boolean; message: string; unknownKey?: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = (path.length ? name?.(path) : undefined) ?? (path.length ? `"${path.join('.')}"` : 'the top level');
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: [...path, String(p.additionalProperty)],
        key: true,
        message: `unknown key "${p.additionalProperty}"${path.length ? ` in ${where}` : ''}`,
        unknownKey: String(p.additionalProperty),
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
