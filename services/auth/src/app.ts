// The auth placeholder the topology names: healthy, and honest that nothing is implemented yet.
import type { IncomingMessage, ServerResponse } from 'node:http';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Why: nginx routes /auth/* here; callers get a clear 501 rather than a 404 or a fake success.
export function handleAuth(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://auth').pathname;
  if (path === '/healthz') return send(res, 200, { status: 'ok', service: 'auth' });
  if (path === '/auth' || path.startsWith('/auth/')) {
    return send(res, 501, { error: { status: 501, message: 'authentication is not implemented yet', path, method: req.method } });
  }
  send(res, 404, { error: { status: 404, message: `nothing at ${path}; the auth service answers /auth/* and /healthz` } });
}
