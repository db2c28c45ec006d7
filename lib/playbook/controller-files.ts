// Files a task reads on the controller (a copy's or a template's `src`): where they are looked up,
// and the check that they exist, made before any host is contacted.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import { displayPath } from '../yaml/load.js';
import { keyLocation } from './sites.js';
import type { Task } from './types.js';

/** Why: a role's files are in its own folder (baseDir), a play's next to the playbook; absolute paths stay. */
export function controllerPath(baseDir: string, path: string, kind: 'files' | 'templates'): string {
  return isAbsolute(path) ? path : join(baseDir, kind, path);
}

/**
 * Why: a missing source found after connecting leaves half the fleet changed; this finds it up
 * front, at the `src` value. Returns the path of the task's source (undefined: the module reads none).
 */
export function requireSource(task: Task, baseDir: string, src: string, kind: 'files' | 'templates'): string {
  const path = controllerPath(baseDir, src, kind);
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
