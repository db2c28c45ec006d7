// Shared by the system module tests: plan a module from a table of fact values, check arguments.
import { directoryArtifact } from '../../../lib/artifacts/artifacts.js';
import * as assert from 'uvu/assert';
import { parseYaml } from '../../../lib/yaml/load.js';
import { validateAt } from '../../../lib/schema/validate.js';
import type { FactSpec } from '../../../lib/facts/fact.js';
import type { HostFacts } from '../../../lib/facts/host.js';
import type { FactView, ModuleDefinition, Plan, PlanContext } from '../../../lib/modules/module.js';

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
  renderTemplate: () => {
    throw new Error('system modules render no templates');
  },
  artifact: (request) => {
    if ('dir' in request) return directoryArtifact(request.dir);
    throw new Error('system module tests prepare no builds');
  },
};

/**
 * Plans with the given fact values by key. Fails the test when plan() reads a fact that facts()
 * did not declare (the executor would not have fetched it) or one the table does not give.
 */
export function planWith<A>(module: ModuleDefinition<A>, args: A, values: Record<string, unknown>): Plan {
  const declared = new Set(module.facts(args, ctx).map((s) => s.key));
  const view: FactView = {
    get<T>(spec: FactSpec<T>): T {
      assert.ok(declared.has(spec.key), `plan() read ${spec.key}, which facts() did not declare`);
      assert.ok(spec.key in values, `the test gives no value for ${spec.key}`);
      return values[spec.key] as T;
    },
  };
  return module.plan(args, view, ctx);
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
