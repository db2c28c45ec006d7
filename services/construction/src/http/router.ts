// A tiny method + path matcher: enough for a dozen routes, with 404 and 405 told apart.
import { HttpError } from './respond.js';

export type Handler<C> = (ctx: C, params: string[]) => Promise<void>;
interface Route<C> {
  method: string;
  pattern: RegExp;
  handler: Handler<C>;
}

// Why: routes are declared as "GET /api/projects/:id" and matched in order.
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  on(method: string, path: string, handler: Handler<C>): this {
    const pattern = new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}/?$`);
    this.routes.push({ method, pattern, handler });
    return this;
  }

  async dispatch(ctx: C, method: string, path: string): Promise<void> {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method === method) return route.handler(ctx, match.slice(1).map(decodeURIComponent));
    }
    if (pathMatched) throw new HttpError(405, `${method} is not allowed on ${path}`);
    throw new HttpError(404, `nothing at ${path}`);
  }
}
