// How a failure becomes an HTTP answer: a status, a message a client can act on, the field
// details of a 422, and headers (Retry-After on 503, Allow on 405). Nothing internal leaks.
import { isUnavailable } from '../db.js';
import { problemsOf, ValidationError, type FieldProblem } from './schema.js';

/** Why: a route throws this to answer a clear 4xx; the server turns it into JSON or HTML. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface Problem {
  status: number;
  message: string;
  details?: unknown;
  headers: Record<string, string>;
  /** true when the cause is a bug or an unknown failure: logged with its stack. */
  internal: boolean;
}

const RETRY_AFTER_S = '5';

interface FastifyishError {
  code?: string;
  statusCode?: number;
  validation?: unknown[];
  validationContext?: string;
  message: string;
}

// Why: the framework's own errors (bodies, content types, sizes, bad URLs) keep their status, with our words.
function frameworkProblem(e: FastifyishError): Problem | null {
  const p = (status: number, message: string, details?: FieldProblem[]): Problem => ({ status, message, details, headers: {}, internal: false });
  if (e.validation) {
    if (e.validationContext === 'params') return p(404, 'no such id');
    return p(422, 'the request does not match the schema', problemsOf(e.validation as never));
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return p(415, 'unsupported content type; see /api/openapi.json for what each route accepts');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return p(413, 'the body is too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return p(400, 'the body is not valid JSON');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT': return p(400, 'the path is not valid (bad percent-encoding or not UTF-8)');
  }
  if (e.statusCode === 400 && /JSON/i.test(e.message)) return p(400, 'the body is not valid JSON');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return p(e.statusCode, e.message);
  return null;
}

/** Why: one mapping for every service: 4xx say what to fix, 503 says try again, 500 says see the log. */
export function toProblem(err: unknown): Problem {
  if (err instanceof HttpError) return { status: err.status, message: err.message, details: err.details, headers: err.headers, internal: false };
  if (err instanceof ValidationError) return { status: 422, message: err.message, details: err.details, headers: {}, internal: false };
  if (isUnavailable(err)) return { status: 503, message: 'the database is unavailable; try again shortly', headers: { 'retry-after': RETRY_AFTER_S }, internal: false };
  const known = err && typeof err === 'object' ? frameworkProblem(err as FastifyishError) : null;
  return known ?? { status: 500, message: 'internal error, see the service log', headers: {}, internal: true };
}

/** Why: the JSON error body every API answer shares (documented once in the OpenAPI document). */
export function errorBody(p: Problem): { error: { status: number; message: string; details?: unknown } } {
  return { error: { status: p.status, message: p.message, ...(p.details ? { details: p.details } : {}) } };
}

/** Why: the schema of errorBody, for the OpenAPI document and the response serialiser. */
export const ERROR_SCHEMA = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'message'],
      properties: {
        status: { type: 'integer' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } } } },
      },
    },
  },
} as const;
