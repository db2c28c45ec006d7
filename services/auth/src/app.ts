// The auth placeholder the topology names: healthy, and honest that nothing is implemented yet.
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../../shared/http/errors.js';
import { resource } from '../../shared/http/resource.js';
import { createHttpServer } from '../../shared/http/server.js';
import type { Logger } from '../../shared/log.js';

const HEALTH = { response: { 200: { type: 'object', required: ['status', 'service'], properties: { status: { const: 'ok' }, service: { const: 'auth' } } } } };
const NOT_YET = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

// Why: nginx routes /auth/* here; callers get a clear 501 rather than a 404 or a fake success.
export async function createAuthApp(log: Logger): Promise<FastifyInstance> {
  const app = createHttpServer({ log, notFoundHint: 'the auth service answers /auth/* and /healthz' });
  resource(app, '/healthz', { GET: { schema: HEALTH, handler: async () => ({ status: 'ok', service: 'auth' }) } });
  for (const url of ['/auth', '/auth/*']) {
    resource(app, url, Object.fromEntries(NOT_YET.map((m) => [m, {
      handler: async (_req, reply) => reply.code(501).send({ ...errorBody({ status: 501, message: 'authentication is not implemented yet', headers: {}, internal: false }) }),
    }])));
  }
  await app.ready();
  return app;
}
