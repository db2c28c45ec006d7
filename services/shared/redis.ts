// The one place that imports ioredis: a client that logs its connection trouble instead of crashing.
import { Redis } from 'ioredis';
import type { Logger } from './log.js';

export type { Redis };

// Why: ioredis reconnects by itself; we only want one log line per failure, not an unhandled event.
export function createRedis(url: string, log: Logger): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  let reported = false;
  client.on('error', (err) => {
    if (!reported) log.warn('redis connection failed, retrying', { err });
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log.info('redis connection restored');
    reported = false;
  });
  return client;
}
