// How a stopping HTTP server treats its open connections. Node's server.close() (and Fastify's
// forceCloseConnections: 'idle') destroys every connection that has no request in progress,
// including one accepted a moment ago whose first request has not been read yet: its client, who
// never sent anything on that connection before, gets a reset and cannot know whether to retry
// (nginx answers 502). A keep-alive connection that already served requests can be closed when
// idle: clients retry on a reused connection that closes under them (nginx, Node's agents).
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection accepted before the stop may take to send its first request. */
export const FIRST_REQUEST_GRACE_MS = 2_000;

interface Use {
  requests: number;
  active: number;
}

/**
 * Why: a release stopping under load (deploy, restart) must not reset the connections it accepted
 * and has not read from yet; they are served (with Connection: close) or closed after a grace.
 */
export function drainGently(server: Server, graceMs = FIRST_REQUEST_GRACE_MS): void {
  const uses = new Map<Socket, Use>();
  server.on('connection', (socket: Socket) => {
    uses.set(socket, { requests: 0, active: 0 });
    socket.once('close', () => uses.delete(socket));
  });
  server.on('request', (req, res: ServerResponse) => {
    const use = uses.get(req.socket);
    if (!use) return;
    use.requests += 1;
    use.active += 1;
    res.once('close', () => void (use.active -= 1));
  });
  const closeIfStillSilent = (socket: Socket) => {
    if (uses.get(socket)?.requests === 0) socket.destroy();
  };
  // Node's close() and Fastify's both call this; a second call finds the same connections.
  let graceStarted = false;
  server.closeIdleConnections = () => {
    for (const [socket, use] of uses) {
      if (use.active > 0) continue;
      if (use.requests > 0) socket.destroy();
      else if (!graceStarted) setTimeout(closeIfStillSilent, graceMs, socket).unref();
    }
    graceStarted = true;
  };
}
