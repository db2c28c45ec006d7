// A dedicated PostgreSQL connection for LISTEN (a pooled one would be handed to others).
import pg from 'pg';
import type { Logger } from './log.js';

export interface Listener {
  connected(): boolean;
  close(): Promise<void>;
}

// Why: the relay's fast path; when this connection drops, polling still delivers and we reconnect.
export async function listen(url: string, channel: string, onNotify: () => void, log: Logger): Promise<Listener> {
  const client = new pg.Client({ connectionString: url });
  let up = false;
  client.on('notification', onNotify);
  client.on('error', (err) => {
    up = false;
    log.warn('LISTEN connection failed; polling until it is back', { err });
  });
  client.on('end', () => {
    up = false;
  });
  await client.connect();
  await client.query(`LISTEN ${pg.Client.prototype.escapeIdentifier(channel)}`);
  up = true;
  return { connected: () => up, close: () => client.end().catch(() => undefined) };
}
