// Shared by the system module tests: plan a module from a table of fact values, check arguments.
import { directoryArtifact } from '../../../lib/artifacts/artifacts.js';
import { parseYaml } from '../../../lib/yaml/load.js';
import { validateAt } from '../../../lib/schema/validate.js';
import { declaredFacts } from './support/plan-fixture.js';
import type { HostFacts } from '../../../lib/facts/host.js';
import type { ModuleDefinition, Plan, PlanContext } from '../../../lib/modules/module.js';

const hostFacts: HostFacts = {
  hostname: 'web1',
  os: { id: 'debian', version_id: '12', codename: 'bookworm', pretty_name: 'Debian GNU/Linux 12 (bookworm)' },
  arch: 'x86_64',
  kernel: '6.1.0',
  memory_mb: 2048,
  cpus: 2,
  addresses: ['10.0.0.2'],
  user: 'root',
  is_root: true,
  has_systemd: true,
};

/** A context for modules that need nothing from it beyond the host facts. */
export const ctx: PlanContext = {
  host: 'web1',
  hostFacts,
  diff: false,
  vars: {},
  readControllerFile: () => {
    throw new Error('system modules read no controller files');
  },
  controllerPath: () => {
    throw new Error('system modules read no controller files');
  },
  renderTemplate: () => {
    throw new Error('system modules render no templates');
  },
  artifact: (request) => {
    if ('dir' in request) return directoryArtifact(request.dir);
    throw new Error('system module tests prepare no builds');
  },
};

/** Why: system module tables plan from fact values by key, through the same declared-facts check as checkPlan. */
export function planWith<A>(module: ModuleDefinition<A>, args: A, values: Record<string, unknown>): Plan {
  return module.plan(args, declaredFacts(module.facts(args, ctx), values), ctx);
}

/** The argument error the user would see for this YAML, or null when the arguments are valid. */
export function argsError(module: ModuleDefinition<never>, yaml: string): string | null {
  const file = parseYaml(yaml, 'play.yaml');
  try {
    validateAt(module.schema, file.data, { yaml: file, path: [], what: `arguments of ${module.name}` });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The commands of a plan, in order (what -v shows and what a real run executes). */
export function commands(plan: Plan): (string | undefined)[] {
  return plan.changes.map((c) => c.command);
}
