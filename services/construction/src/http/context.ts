// What a tenant route receives: the request, the response, the tenant resolved from the header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../../shared/db.js';
import type { Tenant } from '../../../shared/tenants.js';

export type Render = (view: string, data: Record<string, unknown>) => Promise<string>;

// Why: routes never see a request without a known tenant; the app resolves it first.
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  db: Db;
  tenant: Tenant;
  render: Render;
}
