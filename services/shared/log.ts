// One JSON object per line on stdout (pino): journald keeps it and anyone can grep or jq it.
// Errors keep their stack; secrets (passwords, tokens, connection URLs, auth headers) are redacted.
import { pino, stdSerializers, type Logger as Pino } from 'pino';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type Level = keyof typeof LEVELS;
export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
  /** Why: Fastify logs through the same pino instance, so requests and services share one line shape. */
  readonly pino: Pino;
}

const SECRET_KEYS = ['password', 'pass', 'secret', 'token', 'authorization', 'cookie', 'databaseUrl', 'redisUrl', 'DATABASE_URL', 'REDIS_URL', 'connectionString'];
/** Why: the field names that carry secrets, at the top level, one level down and in request headers. */
export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
];

// Why: an Error anywhere in the fields is logged with type, message, code and stack.
function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? stdSerializers.err(value) : value;
  return out;
}

function wrap(p: Pino): Logger {
  const at = (level: Level) => (msg: string, fields?: Fields) => (fields ? p[level](serialise(fields), msg) : p[level](msg));
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (fields) => wrap(p.child(serialise(fields))), pino: p };
}

// Why: every service logs through this so the line shape (ts, level, service, msg, fields) is the same fleet-wide.
export function createLogger(
  service: string,
  level: Level = 'info',
  base: Fields = {},
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const p = pino(
    {
      level,
      base: { service, ...base },
      messageKey: 'msg',
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    { write },
  );
  return wrap(p);
}

// Why: LOG_LEVEL is read like any other setting; this names the accepted values once.
export function isLevel(value: string): value is Level {
  return value in LEVELS;
}
