// Picks the transport for a host from its target.
import type { Connection, ConnectionTarget } from './connection.js';
import { LocalConnection } from './local.js';
import { SshConnection } from './ssh.js';

/** Why: the engine asks for "a connection to this host" and never names a transport itself. */
export function openConnection(target: ConnectionTarget): Connection {
  return target.kind === 'local' ? new LocalConnection(target) : new SshConnection(target);
}
