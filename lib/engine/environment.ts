// environment: Ansible's task and play keyword, the variables every command of a task runs with.
import { render } from '../playbook/expressions.js';
import { keywordSite } from '../playbook/sites.js';
import type { Task, Vars } from '../playbook/types.js';
import { quote } from '../shell/quote.js';

/**
 * Why: a module's commands (command, shell, apt's apt-get...) run with the task's `environment`
 * as under Ansible: `export NAME=value; ` before each, values quoted, rendered per host and item.
 */
export function environmentPrefix(task: Task, vars: Vars): string {
  if (!task.environment) return '';
  const env = render(task.environment, vars, keywordSite(task, 'environment')) as Record<string, unknown>;
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${quote(String(value))}; `)
    .join('');
}
