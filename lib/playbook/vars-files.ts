// vars_files: a play's variables kept in YAML files beside the playbook, as Ansible reads them.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadYamlFile } from '../yaml/load.js';
import type { Source, Vars } from './types.js';

/**
 * Why: Ansible's `vars_files: [vars.yaml]`, read when loading (relative to the playbook, a missing
 * file or one that is not a map an error at its entry); later files win, and all of them win over
 * the play's `vars:` (Ansible's precedence).
 */
export function varsFiles(files: unknown, source: Source): Vars {
  const out: Vars = {};
  ((files as string[] | undefined) ?? []).forEach((file, i) => {
    const at = source.yaml.locate([...source.path, 'vars_files', i]);
    const path = resolve(dirname(source.yaml.file), file);
    if (file.includes('{{')) throw new InputError('vars_files needs file names known when loading (no {{ }})', at);
    if (!existsSync(path)) throw new InputError(`vars_files: ${file} does not exist (looked in ${dirname(path)})`, at);
    const data = loadYamlFile(path).data;
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new InputError(`vars_files: ${file} must be a map of variables`, at);
    Object.assign(out, data ?? {});
  });
  return out;
}
