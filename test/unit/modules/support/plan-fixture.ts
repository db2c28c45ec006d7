// Runs a module's plan on facts given by key, as the table-driven module tests need: no host, no SSH.
import AjvModule from 'ajv';
import * as assert from 'uvu/assert';
import { directoryArtifact } from '../../../../lib/artifacts/artifacts.js';
import type { FactSpec } from '../../../../lib/facts/fact.js';
import type { HostFacts } from '../../../../lib/facts/host.js';
import type { FactEffect, FactView, ModuleDefinition, Plan, PlanContext } from '../../../../lib/modules/module.js';

/** One row of a module's table: arguments and facts in, what the plan must say out. */
export interface PlanCase<A> {
  name: string;
  args: A;
  facts: Record<string, unknown>;
  diff?: boolean;
  files?: Record<string, string>;
  /** Expected change summaries, in order (empty: no change). */
  summaries?: string[];
  reason?: string | RegExp;
  /** Substrings each change's command must contain, per change. */
  commands?: string[][];
  effects?: DescribedEffect[][];
  stdin?: string;
  throws?: RegExp;
}

/** An effect as tables write it: a fact by its key, a touched object by its id. */
export type DescribedEffect =
  | { key: string; value: unknown }
  | { touch: string; subtree?: true; prefix?: true; cause?: string }
  | { unpredictable: true };

/** Why: effects carry fact specs (with functions); tables compare keys, objects and values. */
export function describeEffects(effects: FactEffect[] | undefined): DescribedEffect[] | undefined {
  return effects?.map((e) => {
    if ('fact' in e) return { key: e.fact.key, value: e.value };
    if ('touch' in e) return { touch: e.touch.id, ...(e.touch.subtree ? { subtree: true } : {}), ...(e.touch.prefix ? { prefix: true } : {}), ...(e.cause ? { cause: e.cause } : {}) };
    return e;
  });
}

/**
 * Why: the executor fetches only the facts that facts() declared, so a plan() that reads any other
 * fails the test (it would read a fact nobody fetched); a declared fact the test does not give is
 * a test mistake worth naming.
 */
export function declaredFacts(declared: FactSpec<unknown>[], values: Record<string, unknown>): FactView {
  const keys = new Set(declared.map((s) => s.key));
  return {
    get<T>(spec: FactSpec<T>): T {
      assert.ok(keys.has(spec.key), `plan() read ${spec.key}, which facts() did not declare`);
      assert.ok(spec.key in values, `the test gives no value for ${spec.key}`);
      return values[spec.key] as T;
    },
  };
}

/** Why: a plan context with controller files and templates served from memory. */
export function planContext(options: { diff?: boolean; files?: Record<string, string> } = {}): PlanContext {
  const files = options.files ?? {};
  const read = (path: string) => {
    if (!(path in files)) throw new Error(`the test gives no controller file "${path}"`);
    return files[path];
  };
  return {
    host: 'web1',
    hostFacts: { user: 'root', is_root: true } as HostFacts,
    diff: options.diff ?? false,
    vars: {},
    readControllerFile: (path) => Buffer.from(read(path)),
    controllerPath: (path) => (path in files ? { path, content: Buffer.from(files[path]) } : { path }),
    renderTemplate: (path) => read(path),
    artifact: (request) => ('dir' in request ? directoryArtifact(request.dir) : unprepared()),
  };
}

function unprepared(): never {
  throw new Error('the test prepares no build artifacts');
}

/** Why: one generic runner for every module's table of cases. */
export function checkPlan<A>(module: ModuleDefinition<A>, c: PlanCase<A>): Plan | undefined {
  const ctx = planContext({ diff: c.diff, files: c.files });
  const declared = module.facts(c.args, ctx);
  for (const { key } of declared) assert.ok(key in c.facts, `facts() asks for "${key}", which the case does not give`);
  const view = declaredFacts(declared, c.facts);
  if (c.throws) {
    assert.throws(() => module.plan(c.args, view, ctx), c.throws);
    return undefined;
  }
  const plan = module.plan(c.args, view, ctx);
  if (c.summaries) assert.equal(plan.changes.map((ch) => ch.summary), c.summaries);
  if (c.reason instanceof RegExp) assert.match(plan.reason ?? '', c.reason);
  else if (c.reason !== undefined) assert.is(plan.reason, c.reason);
  c.commands?.forEach((parts, i) => {
    for (const part of parts) assert.ok(plan.changes[i]?.command?.includes(part), `change ${i} command lacks ${part}:\n${plan.changes[i]?.command}`);
  });
  c.effects?.forEach((effects, i) => assert.equal(describeEffects(plan.changes[i]?.effects), effects));
  if (c.stdin !== undefined) assert.is(String(plan.changes[0]?.stdin), c.stdin);
  return plan;
}

const AjvClass = AjvModule.default ?? AjvModule;
const ajv = new AjvClass({ strict: false });

/** Why: the schemas are part of a module's contract; rows say which arguments they accept. */
export function acceptsArgs(module: ModuleDefinition<never>, args: unknown): boolean {
  return ajv.validate(module.schema, args) as boolean;
}

/** Why: line-edit tests start from an existing root-owned text file; only its text varies. */
export function textFileFacts(path: string, content: string): Record<string, unknown> {
  return {
    identity: { user: 'root', group: 'root' },
    [`file:${path}`]: { exists: true, type: 'file', mode: '0644', owner: 'root', group: 'root', size: 1, sha256: 'x' },
    [`content:${path}`]: { exists: true, content, unread: null },
  };
}
