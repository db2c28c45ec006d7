// How a stopping HTTP server treats its open connections. Node's server.close() destroys the idle
// keep-alive connections but leaves open one that was accepted and has not sent a request yet, and
// it stops the header timeout that would have ended it: one silent TCP connection holds the stop
// until the service's grace runs out and it exits 1. Here such a connection gets a grace for its
// first request (served with Connection: close), then is closed. An idle connection that already
// served requests is closed at once: clients retry a request on a reused connection that closes
// under them (nginx for its upstream keep-alive connections, Node's agents).
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection accepted before the stop may take to send its first request. */
const FIRST_REQUEST_GRACE_MS = 2_000;

interface Use {
  requests: number;
  active: number;
}

/**
 * Why: a release stopping under load (deploy, restart) serves the connections it accepted before
 * the stop and still ends in bounded time, whatever its clients do.
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
