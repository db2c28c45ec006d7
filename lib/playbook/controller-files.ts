// Files a task reads on the controller (a copy's or a template's `src`): where they are looked up,
// and the check that they exist, made before any host is contacted.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import { displayPath } from '../yaml/load.js';
import { keyLocation } from './sites.js';
import type { Task } from './types.js';

/** The kind of controller file each module's `src` names (the modules that read one). */
const SOURCE_KIND: Record<string, 'files' | 'templates'> = { copy: 'files', template: 'templates' };

/** Why: a role's files are in its own folder, a play's next to the playbook; absolute paths stay. */
export function controllerPath(task: Task, playbookDir: string, path: string, kind: 'files' | 'templates'): string {
  if (isAbsolute(path)) return path;
  return join(task.roleUse ? task.roleUse.role.dir : playbookDir, kind, path);
}

/**
 * Why: a missing source found after connecting leaves half the fleet changed; this finds it up
 * front, at the `src` value. Returns the path of the task's source (undefined: the module reads none).
 */
export function requireSource(task: Task, playbookDir: string, src: unknown): string | undefined {
  const kind = SOURCE_KIND[task.module];
  if (!kind || typeof src !== 'string') return undefined;
  const path = controllerPath(task, playbookDir, src, kind);
  const what = kind === 'files' ? 'file' : 'template';
  const problem = fileProblem(path);
  if (problem) {
    throw new InputError(
      `${what} "${src}" ${problem}: ${displayPath(path)}`,
      keyLocation(task, task.module, 'src'),
      `a play's ${kind} are read from ${kind}/ next to the playbook, a role's from roles/NAME/${kind}/`,
    );
  }
  return path;
}

function fileProblem(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? undefined : 'is not a file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`;
  }
}
