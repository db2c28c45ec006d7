// The API published as OpenAPI 3.1 at /api/openapi.json and browsable at /docs, both served by
// the app itself (swagger-ui's files ship in the package and sit beside the bundle; no CDN).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** Why: registered before the routes, so every route with a schema (and not hidden) is documented. */
export async function addDocs(app: FastifyInstance, swaggerUiDir: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'BaseCommerce construction API', version: '1', description: 'Projects, work entries and figures of one tenant (the X-Tenant-Slug header, set by the edge from the host name).' },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) route.config = { ...(route.config as object), tenant: false };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', baseDir: swaggerUiDir, staticCSP: true });
}

/** Why: the document's address is part of the API (/api/openapi.json), as FastAPI's /openapi.json is. */
export function openapiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true }, config: { tenant: false } }, async () => app.swagger());
}
