// At play start, one round trip per host reads the host facts and every fact the play's tasks
// will need, so a run with nothing to change costs about one round trip per host.
import { MODULES } from '../modules/registry.js';
import { hostFacts } from '../facts/host.js';
import type { FactSpec } from '../facts/fact.js';
import type { HostFacts } from '../facts/host.js';
import type { ModuleDefinition } from '../modules/module.js';
import { condition, render } from '../playbook/expressions.js';
import type { Play, Task } from '../playbook/types.js';
import { readFacts } from './fact-batch.js';
import { effectiveBecome, planContext, taskSite } from './run-task.js';
import type { HostRun, RunState } from './state.js';
import { taskVars } from './task-vars.js';

/**
 * Why: facts that can be known from the variables alone are read together with the host
 * facts; tasks whose arguments depend on facts or registered results read theirs when they run.
 */
export async function gatherAndPrefetch(run: RunState, play: Play, host: HostRun, tasks: Task[]): Promise<string[]> {
  const conn = await run.connect(host);
  const become = play.become ?? false;
  const specs: FactSpec<unknown>[] = host.hostFacts ? [] : [hostFacts];
  for (const task of tasks) {
    if (effectiveBecome(play, task) !== become) continue;
    specs.push(...staticFactsOf(run, play, task, host));
  }
  const reading = await readFacts(conn, host.facts.missing(specs), become);
  for (const spec of specs) {
    if (spec === hostFacts) host.hostFacts = reading.values.get(hostFacts.key) as HostRun['hostFacts'];
    else if (reading.values.has(spec.key)) host.facts.remember(spec, reading.values.get(spec.key));
  }
  return reading.keys;
}

function staticFactsOf(run: RunState, play: Play, task: Task, host: HostRun): FactSpec<unknown>[] {
  const module = MODULES.get(task.module) as ModuleDefinition<unknown> | undefined;
  if (!module) return [];
  try {
    // Host facts are known from the second play on; before that, tasks that use them wait.
    const vars = { ...taskVars(run, play, task, host), facts: host.hostFacts ?? NOT_YET };
    const when = [task.roleUse?.when, task.when].filter((w) => w !== undefined);
    if (when.length && !condition(when.flat(), vars, taskSite(task))) return [];
    const loop = task.loop === undefined ? [undefined] : render(task.loop, vars, taskSite(task));
    if (!Array.isArray(loop)) return [];
    return loop.flatMap((item) => {
      const itemVars = task.loop === undefined ? vars : { ...vars, item };
      const args = render(task.args, itemVars, taskSite(task));
      return module.facts(args, { ...planContext(run, task, host, itemVars), hostFacts: NOT_YET as HostFacts });
    });
  } catch {
    // Arguments that need run-time values (facts, registered results) are read when the task runs.
    return [];
  }
}

const NOT_YET: unknown = new Proxy({}, {
  get: () => {
    throw new Error('facts are not known before the first round trip');
  },
});
