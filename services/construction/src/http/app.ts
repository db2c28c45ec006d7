// The request handler of one app worker: health and static files first, then the tenant from
// X-Tenant-Slug (unknown → 404), then the API and dashboard routes; errors become clear 4xx/5xx.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../../shared/db.js';
import type { Logger } from '../../../shared/log.js';
import { findTenant } from '../../../shared/tenants.js';
import { ValidationError } from '../domain/validation.js';
import { apiRoutes } from './api.js';
import { findAssets } from './assets.js';
import type { Ctx } from './context.js';
import { createRenderer } from './render.js';
import { HttpError, sendHtml, sendJson } from './respond.js';
import { Router } from './router.js';
import { webRoutes } from './web.js';

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function answerError(res: ServerResponse, path: string, err: unknown, log: Logger): void {
  const known = err instanceof HttpError || err instanceof ValidationError;
  const status = err instanceof HttpError ? err.status : err instanceof ValidationError ? 422 : 500;
  if (!known) log.error('request failed', { err, path });
  const message = known ? (err as Error).message : 'internal error, see the service log';
  const details = err instanceof ValidationError ? err.details : err instanceof HttpError ? err.details : undefined;
  if (res.headersSent) return void res.destroy();
  if (path.startsWith('/web')) return sendHtml(res, status, `<p class="error">${status}: ${message.replace(/[<>&"]/g, '')}</p>`);
  sendJson(res, status, { error: { status, message, ...(details ? { details } : {}) } });
}

// Why: one handler per worker process, built once with its pool, views and htmx bytes.
export function createApp(db: Db, log: Logger): Handle {
  const assets = findAssets();
  const htmx = readFileSync(assets.htmx);
  const render = createRenderer(assets.views);
  const router = new Router<Ctx>();
  apiRoutes(router);
  webRoutes(router);

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    try {
      if (path === '/healthz') {
        await db.query('SELECT 1');
        return sendJson(res, 200, { status: 'ok', service: 'construction' });
      }
      if (path === '/static/htmx.min.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400', 'content-length': htmx.length });
        return void res.end(htmx);
      }
      const slug = req.headers['x-tenant-slug'];
      if (typeof slug !== 'string' || !slug) throw new HttpError(400, 'the X-Tenant-Slug header is missing (the edge sets it from the host name)');
      const tenant = await findTenant(db, slug);
      if (!tenant) throw new HttpError(404, `unknown tenant "${slug}"`);
      await router.dispatch({ req, res, db, tenant, render }, req.method ?? 'GET', path);
    } catch (err) {
      if (path === '/healthz') return sendJson(res, 503, { status: 'unavailable', service: 'construction', error: (err as Error).message });
      answerError(res, path, err, log);
    }
  };
}
