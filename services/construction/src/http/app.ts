// The construction app of one worker: Fastify with health and static files first, then the
// tenant from X-Tenant-Slug, then the API (schemas, OpenAPI, /docs) and the HTMX dashboard.
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Db } from '../../../shared/db.js';
import { errorBody, type Problem } from '../../../shared/http/errors.js';
import { resource } from '../../../shared/http/resource.js';
import { createHttpServer } from '../../../shared/http/server.js';
import type { Logger } from '../../../shared/log.js';
import { addApiSchemas, apiRoutes } from './api.js';
import { findAssets } from './assets.js';
import { addDocs, openapiRoute } from './docs.js';
import { createRenderer } from './render.js';
import { resolveTenants } from './tenant.js';
import { webRoutes } from './web.js';

const escape = (text: string) => text.replace(/[<>&"]/g, '');

// Why: the dashboard shows a failure as an HTML fragment it can swap in; everything else gets JSON.
function present(req: FastifyRequest, reply: FastifyReply, p: Problem): unknown {
  if (req.url.startsWith('/web')) return reply.type('text/html; charset=utf-8').send(`<p class="error">${p.status}: ${escape(p.message)}</p>`);
  return reply.send(errorBody(p));
}

const HEALTH = {
  summary: 'Health: 200 while the database answers, 503 (with Retry-After) when it does not',
  tags: ['health'],
  response: {
    200: { type: 'object', required: ['status', 'service'], properties: { status: { const: 'ok' }, service: { type: 'string' } } },
    503: { type: 'object', required: ['status', 'service'], properties: { status: { const: 'unavailable' }, service: { type: 'string' } } },
  },
};

// Why: one app per worker process, built once with its pool, views and htmx bytes.
export async function createApp(db: Db, log: Logger): Promise<FastifyInstance> {
  const assets = findAssets();
  const htmx = readFileSync(assets.htmx);
  const app = createHttpServer({ log, present });
  // JSON bodies for the API, form bodies for the pages, nothing else (415).
  app.removeContentTypeParser('text/plain');
  await addDocs(app, assets.swaggerUi);
  addApiSchemas(app);
  resolveTenants(app, db);
  resource(app, '/healthz', {
    GET: {
      schema: HEALTH,
      config: { tenant: false },
      handler: async (_req, reply) => {
        try {
          await db.query('SELECT 1');
          return { status: 'ok', service: 'construction' };
        } catch {
          // No detail: the answer reaches the internet; the pool already logged the cause.
          return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', service: 'construction' });
        }
      },
    },
  });
  resource(app, '/static/htmx.min.js', {
    GET: {
      schema: { hide: true },
      config: { tenant: false },
      handler: async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(htmx),
    },
  });
  openapiRoute(app);
  await app.register(async (api) => apiRoutes(api, db));
  await app.register(async (web) => {
    web.removeContentTypeParser('application/json');
    await web.register(formbody, { bodyLimit: 64 * 1024 });
    webRoutes(web, db, createRenderer(assets.views));
  });
  await app.ready();
  return app;
}
