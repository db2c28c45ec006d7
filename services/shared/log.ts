// One JSON object per line on stdout: journald keeps it and anyone can grep or jq it.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type Level = keyof typeof LEVELS;
export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

// Why: errors lose their message under JSON.stringify; this keeps message and code.
function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { message: value.message, code: (value as { code?: unknown }).code } : value;
  }
  return out;
}

// Why: every service logs through this so the line shape is the same fleet-wide.
export function createLogger(
  service: string,
  level: Level = 'info',
  base: Fields = {},
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const emit = (at: Level, msg: string, fields: Fields = {}) => {
    if (LEVELS[at] < LEVELS[level]) return;
    write(`${JSON.stringify({ ts: new Date().toISOString(), level: at, service, msg, ...base, ...serialise(fields) })}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(service, level, { ...base, ...fields }, write),
  };
}

// Why: LOG_LEVEL is read like any other setting; this names the accepted values once.
export function isLevel(value: string): value is Level {
  return value in LEVELS;
}
