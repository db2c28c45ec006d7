// The one ajv instance of the HTTP services (the JSON Schema dialect the engine uses): Fastify
// validates every body and parameter with it, and the HTMX forms go through the same schemas.
import { Ajv, type ErrorObject, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv, f: string[]) => Ajv;

/** Why: allErrors so a 422 names every field at fault; verbose so a field's x-problem text is at hand. */
export const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: false, useDefaults: true, strict: false, multipleOfPrecision: 6 });
ajv.addKeyword({ keyword: 'x-problem', schemaType: 'string' });
addFormats(ajv, ['date', 'date-time', 'uuid']);

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Why: one error type carries every field problem; the API and the forms both turn it into a 422. */
export class ValidationError extends Error {
  constructor(readonly details: FieldProblem[]) {
    super(details.map((d) => `${d.field}: ${d.problem}`).join('; '));
    this.name = 'ValidationError';
  }
}

function toProblem(e: ErrorObject): FieldProblem {
  const field = e.instancePath.split('/').filter(Boolean).join('.') || 'body';
  if (e.keyword === 'additionalProperties') return { field: String(e.params.additionalProperty), problem: 'is not a known field' };
  if (e.keyword === 'required') return { field: String(e.params.missingProperty), problem: 'is required' };
  const parent = e.parentSchema as { 'x-problem'?: string } | undefined;
  return { field, problem: parent?.['x-problem'] ?? e.message ?? 'is not valid' };
}

/** Why: ajv reports a field once per failed keyword; a user wants one problem per field, in schema order. */
export function problemsOf(errors: ErrorObject[]): FieldProblem[] {
  const seen = new Map<string, FieldProblem>();
  for (const e of errors) {
    const p = toProblem(e);
    if (!seen.has(p.field)) seen.set(p.field, p);
  }
  return [...seen.values()];
}

/** Why: the forms validate a value the same way Fastify validates a JSON body (defaults applied). */
export function validate<T>(schema: AnySchema, value: unknown): T {
  const id = typeof schema === 'object' ? (schema as { $id?: string }).$id : undefined;
  const check = (id && ajv.getSchema(id)) || ajv.compile(schema);
  if (!check(value)) throw new ValidationError(problemsOf(check.errors ?? []));
  return value as T;
}
