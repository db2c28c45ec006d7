import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/http/app.js';
import { quietLog, startStack, type Stack } from '../../test-support/stack.js';

let stack: Stack;
let app: FastifyInstance;
let spec: any;
test.before(async () => {
  stack = await startStack();
  app = await createApp(stack.db, quietLog);
  spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
test.after(async () => {
  await app.close();
  await stack.stop();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = () => Object.entries(spec.paths as Record<string, Record<string, unknown>>)
  .flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => ({ path, method: m.toUpperCase() })));

test('publishes an OpenAPI 3.1 document that a validator accepts', async () => {
  assert.is(spec.openapi, '3.1.0');
  const result = await new Validator().validate(spec);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
});

test('documents every API route, and every documented operation is a route', async () => {
  const key = (o: { path: string; method: string }) => `${o.method} ${o.path}`;
  const routes = app.routeTable().filter((r) => !r.hidden && r.method !== 'HEAD').map((r) => key({ method: r.method, path: r.url.replace(/:(\w+)/g, '{$1}') }));
  assert.equal([...new Set(routes)].sort(), operations().map(key).sort());
});

test('every documented operation answers what its schema in the document says', async () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(spec, 'spec');
  const headers = { 'x-tenant-slug': 'alpha' };
  const project = (await app.inject({ method: 'POST', url: '/api/projects', headers, payload: { name: 'Spec', budgetCents: 5 } })).json().project;
  const bodies: Record<string, unknown> = {
    'POST /api/projects': { name: 'Spec 2', budgetCents: 7 },
    'PATCH /api/projects/{id}': { status: 'active' },
    'POST /api/projects/{id}/work-entries': { description: 'Spec work', hours: 1.5, costCents: 300, workDate: '2024-06-01' },
  };
  const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const op of operations()) {
    const name = `${op.method} ${op.path}`;
    const res = await app.inject({ method: op.method as 'GET', url: op.path.replace('{id}', project.id), headers: op.path === '/healthz' ? {} : headers, payload: bodies[name] as object });
    const documented = spec.paths[op.path][op.method.toLowerCase()].responses[String(res.statusCode)];
    assert.ok(documented, `${name} answered ${res.statusCode}, which the document does not list`);
    const check = ajv.compile({ $ref: `spec#/paths/${pointer(op.path)}/${op.method.toLowerCase()}/responses/${res.statusCode}/content/application~1json/schema` });
    assert.ok(check(res.json()), `${name}: ${JSON.stringify(check.errors)}`);
  }
});

test('serves the docs page and its assets from the app itself, with no CDN', async () => {
  const page = await app.inject({ method: 'GET', url: '/docs/' });
  assert.is(page.statusCode, 200);
  assert.not.match(page.body, /https?:\/\//);
  const script = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
  assert.is(script.statusCode, 200);
});

test.run();
