// The tenant of a request, from X-Tenant-Slug (set by nginx from the host name): missing → 400,
// unknown → 404. Routes marked config.tenant = false (health, docs, static files) skip it.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../shared/db.js';
import { HttpError } from '../../../shared/http/errors.js';
import { findTenant, type Tenant } from '../../../shared/tenants.js';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: Tenant;
  }
  interface FastifyContextConfig {
    tenant?: boolean;
  }
}

/** Why: routes never see a request without a known tenant; this resolves it before the body is read. */
export function resolveTenants(app: FastifyInstance, db: Db): void {
  app.decorateRequest('tenant', null as unknown as Tenant);
  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.url || req.routeOptions.config.tenant === false) return;
    const slug = req.headers['x-tenant-slug'];
    if (typeof slug !== 'string' || !slug) throw new HttpError(400, 'the X-Tenant-Slug header is missing (the edge sets it from the host name)');
    const tenant = await findTenant(db, slug);
    if (!tenant) throw new HttpError(404, `unknown tenant "${slug}"`);
    req.tenant = tenant;
  });
}
