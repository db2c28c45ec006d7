// `-e` values, the highest variable layer, in the three forms Ansible users type.
import { InputError, UsageError } from '../errors.js';
import { validateAt } from '../schema/validate.js';
import { loadYamlFile, parseYaml, type YamlFile } from '../yaml/load.js';
import { VARIABLE_NAME_PATTERN, VARS_SCHEMA } from './schema.js';
import type { Vars } from './types.js';

const FORMS = 'expected key=value pairs, a {...} mapping (YAML or JSON) or @file.yaml';

/**
 * Why: `-e` may be given several times; each value is `k=v k2="two words"` (unquoted values
 * typed as YAML types them: numbers and booleans), an inline `{...}` mapping, or `@file.yaml`.
 * Later values replace earlier ones key by key.
 */
export function parseExtraVars(values: readonly string[]): Vars {
  return Object.assign({}, ...values.map(asOption)) as Vars;
}

/** A malformed -e is a bad command-line option (exit 5), whatever part of it is wrong. */
function asOption(value: string): Vars {
  try {
    return parseOne(value);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message, error.location, error.hint);
    throw error;
  }
}

function parseOne(value: string): Vars {
  const text = value.trim();
  if (text.startsWith('@')) return mapping(loadYamlFile(text.slice(1)), 'extra vars file');
  if (text.startsWith('{')) return mapping(parseYaml(text, '--extra-vars'), 'extra vars');
  return parsePairs(text, value);
}

function mapping(yaml: YamlFile, what: string): Vars {
  validateAt(VARS_SCHEMA, yaml.data, { yaml, path: [], what });
  return yaml.data as Vars;
}

/** key=value, the value made of unquoted characters and '...' or "..." runs (which may hold spaces). */
const PAIR = /([^\s=]+)=((?:"[^"]*"|'[^']*'|[^\s"'])*)(?:\s+|$)/y;

function parsePairs(text: string, original: string): Vars {
  const vars: Vars = {};
  PAIR.lastIndex = 0;
  while (PAIR.lastIndex < text.length) {
    const start = PAIR.lastIndex;
    const match = PAIR.exec(text);
    if (!match) {
      const word = text.slice(start).split(/\s/)[0];
      throw new InputError(`-e "${original}": "${word}" is not key=value; ${FORMS}`);
    }
    const [, key, raw] = match;
    if (!new RegExp(VARIABLE_NAME_PATTERN).test(key)) {
      throw new InputError(`-e "${original}": "${key}" is not a variable name (letters, digits and _, not starting with a digit)`);
    }
    vars[key] = /["']/.test(raw) ? raw.replace(/"([^"]*)"|'([^']*)'/g, '$1$2') : typed(raw);
  }
  return vars;
}

function typed(raw: string): unknown {
  try {
    const value = parseYaml(raw, '--extra-vars').data;
    return typeof value === 'number' || typeof value === 'boolean' ? value : raw;
  } catch {
    return raw;
  }
}
