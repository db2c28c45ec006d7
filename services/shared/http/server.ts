// The Fastify server every HTTP service starts from: pino logging, the shared ajv for every
// schema, errors mapped once (400/404/405/413/415/422/503, a 500 logged with its stack), a
// shutdown that lets in-flight and keep-alive requests finish and serves connections it accepted
// but had not read from yet.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../log.js';
import { inheritedSocket } from '../systemd.js';
import { drainGently } from './drain.js';
import { errorBody, toProblem, type Problem } from './errors.js';
import { ajv } from './schema.js';

export interface HttpServerOptions {
  log: Logger;
  bodyLimit?: number;
  /** Said after "nothing at PATH" in a 404. */
  notFoundHint?: string;
  /** How a problem is shown; the default is the JSON error body. */
  present?: (req: FastifyRequest, reply: FastifyReply, p: Problem) => unknown;
}

const json = (_req: FastifyRequest, reply: FastifyReply, p: Problem) => reply.send(errorBody(p));

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with whether it is left out of the OpenAPI document. */
    routeTable(): RouteRecord[];
  }
}

export interface RouteRecord {
  method: string;
  url: string;
  hidden: boolean;
}

/** Why: one configuration of Fastify for the fleet, so every service fails and logs the same way. */
export function createHttpServer(o: HttpServerOptions): FastifyInstance {
  const present = o.present ?? json;
  const answer = (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const p = toProblem(err);
    if (p.internal) req.log.error({ err, method: req.method, url: req.url }, 'request failed');
    else if (p.status === 503) req.log.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code }, url: req.url }, 'database unavailable');
    return present(req, reply.code(p.status).headers(p.headers), p);
  };
  const app = Fastify({
    loggerInstance: o.log.pino as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: o.bodyLimit ?? 64 * 1024,
    // Requests that arrive on open connections while the process drains are still served.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    keepAliveTimeout: 5_000,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (err, req, reply) => void answer(err, req, reply),
  });
  drainGently(app.server);
  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (r) => {
    const hidden = (r.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, hidden });
  });
  app.decorate('routeTable', () => routes);
  // While draining, each answer closes its connection, so the proxy's keep-alive connections
  // end after their current request instead of feeding a stopping process forever.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.setValidatorCompiler(({ schema }) => {
    for (const shared of Object.values(app.getSchemas()) as { $id: string }[]) if (!ajv.getSchema(shared.$id)) ajv.addSchema(shared);
    return ajv.compile(schema);
  });
  app.setErrorHandler((err, req, reply) => answer(err, req, reply));
  app.setNotFoundHandler((req, reply) => present(req, reply.code(404), { status: 404, message: `nothing at ${req.url.split('?')[0]}${o.notFoundHint ? `; ${o.notFoundHint}` : ''}`, headers: {}, internal: false }));
  return app;
}

/**
 * Why: under systemd the service listens on the socket unit's inherited fd (kept open across
 * restarts), elsewhere on HOST:PORT; Fastify tracks either, so close() drains it.
 */
export async function listenOn(app: FastifyInstance, log: Logger, host: string, port: number): Promise<void> {
  const fd = inheritedSocket();
  // Node's listen() takes the fd before host and port; Fastify passes the options through.
  await app.listen(fd === null ? { host, port } : ({ fd, host } as { host: string }));
  log.info('listening', fd === null ? { host, port } : { fd });
}
