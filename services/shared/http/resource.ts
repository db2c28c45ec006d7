// One path, its methods, and what HTTP says about the others: OPTIONS answers 204 with Allow,
// any other method 405 with Allow (Fastify itself adds HEAD for every GET).
import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import { errorBody } from './errors.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Handlers = Partial<Record<Method, Omit<RouteOptions, 'method' | 'url'>>>;
const ALL: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Why: the routes of one path are declared together, so Allow is always the truth about that path. */
export function resource(app: FastifyInstance, url: string, handlers: Handlers): void {
  const methods = Object.keys(handlers) as Method[];
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  for (const method of methods) app.route({ ...handlers[method]!, method, url });
  const others = ALL.filter((m) => !methods.includes(m)) as HTTPMethods[];
  const hidden = { schema: { hide: true }, config: { tenant: false } };
  app.route({ ...hidden, method: 'OPTIONS', url, handler: async (_req, reply) => reply.header('allow', allow).code(204).send() });
  if (others.length) {
    app.route({
      ...hidden,
      method: others,
      url,
      handler: async (req, reply) => reply.header('allow', allow).code(405).send(errorBody({ status: 405, message: `${req.method} is not allowed here; allowed: ${allow}`, headers: {}, internal: false })),
    });
  }
}
