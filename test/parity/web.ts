// A real HTTP server on 127.0.0.1 for the parity cases of get_url and uri: both engines' requests
// reach it (curl on the host for bc-play, Python for Ansible), so nothing about HTTP is mocked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The files it serves, by path. */
export const SERVED: Record<string, string> = { '/hello.txt': 'hello\n', '/other.txt': 'other\n' };

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname in SERVED) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(SERVED[url.pathname]);
  } else if (url.pathname === '/api/item') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'web', count: 3 }));
  } else if (url.pathname === '/api/echo') {
    // What the request said: method, content type and body, so a case can show what was sent.
    const sent = { method: req.method, type: req.headers['content-type'] ?? '', body };
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
  } else if (url.pathname.startsWith('/status/')) {
    res.writeHead(Number(url.pathname.slice('/status/'.length)), { 'content-type': 'text/plain' }).end('status\n');
  } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
}

/** Why: started once per parity file, before its cases are written (they name its port); never keeps the process alive. */
export async function startWebServer(): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
