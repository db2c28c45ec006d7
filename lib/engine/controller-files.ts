// Files on the controller that tasks read or write by path (fetch's copies), apart from the role
// and playbook sources that lib/playbook/controller-files.ts finds.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why: a plan compares with what the controller holds; relative paths start at the playbook's (or role's) folder, as Ansible's. */
export function controllerPath(baseDir: string, path: string): { path: string; content?: Buffer; directory?: boolean } {
  const absolute = resolve(baseDir, path);
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (!stat) return { path: absolute };
  if (stat.isDirectory()) return { path: absolute, directory: true };
  return { path: absolute, content: readFileSync(absolute) };
}

/** Why: the executor, not the module, writes on the controller, and only in a real run. */
export function writeControllerFile(path: string, content: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
