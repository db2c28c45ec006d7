import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, readSettings, redact } from '../config.js';
import { createLogger } from '../log.js';
import { readConstructionSettings } from '../../construction/src/settings.js';
import { readWorkerSettings } from '../../engines-worker/src/settings.js';

const problems = (read: () => unknown): string[] => {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

test('reports every missing or malformed setting at once, by name', () => {
  assert.equal(problems(() => readConstructionSettings({ PORT: '80a', WORKERS: '0', LOG_LEVEL: 'loud' })), [
    'PORT="80a" is not a whole number between 1 and 65535',
    'WORKERS="0" is not a whole number between 1 and 32',
    'DATABASE_URL is missing',
    'LOG_LEVEL="loud" is not one of debug, info, warn, error',
  ]);
});

test('uses the topology defaults when only the database is given', () => {
  const s = readConstructionSettings({ DATABASE_URL: 'postgres://app@db/app' });
  assert.equal([s.port, s.workers, s.db.poolSize, s.db.poolOverflow, s.logLevel], [8000, 2, 5, 10, 'info']);
});

test('refuses a URL of the wrong kind without echoing its password', () => {
  const found = problems(() => readWorkerSettings({ DATABASE_URL: 'mysql://u:hunter2@db/x', REDIS_URL: 'redis://r:6379' }));
  assert.equal(found, ['DATABASE_URL is not a postgres or postgresql URL (got "mysql://u:***@db/x")']);
  assert.is(redact('postgres://app:s3cret@db:5432/app'), 'postgres://app:***@db:5432/app');
});

test('the refusal message names each problem on its own line', () => {
  const err = new ConfigError(['A is missing', 'B is bad']);
  assert.is(err.message, 'refusing to start, the environment is not usable:\n  - A is missing\n  - B is bad');
  assert.throws(() => readSettings({}, (r) => r.string('X')), (e: Error) => e instanceof ConfigError);
});

test('logs one JSON object per line with level, service, message and fields', () => {
  const lines: string[] = [];
  const log = createLogger('svc', 'info', { pid: 1 }, (l) => void lines.push(l));
  log.debug('hidden');
  log.child({ consumer: 'c' }).warn('careful', { err: new Error('boom') });
  assert.is(lines.length, 1);
  assert.ok(lines[0]!.endsWith('\n'));
  const entry = JSON.parse(lines[0]!);
  assert.equal([entry.level, entry.service, entry.msg, entry.pid, entry.consumer, entry.err.message], ['warn', 'svc', 'careful', 1, 'c', 'boom']);
  assert.ok(typeof entry.ts === 'string' && !Number.isNaN(Date.parse(entry.ts)));
});

test('logs an error with its stack trace', () => {
  const lines: string[] = [];
  createLogger('svc', 'info', {}, (l) => void lines.push(l)).error('request failed', { err: new Error('deep down') });
  const entry = JSON.parse(lines[0]!);
  assert.match(entry.err.stack, /Error: deep down\n\s+at /);
});

test('never logs passwords, tokens, connection URLs or auth headers', () => {
  const lines: string[] = [];
  const log = createLogger('svc', 'info', {}, (l) => void lines.push(l));
  log.info('settings', { databaseUrl: 'postgres://app:hunter2@db/x', settings: { password: 'hunter2', redisUrl: 'redis://:hunter2@r' } });
  log.pino.info({ req: { headers: { authorization: 'Bearer hunter2', cookie: 's=hunter2' } } }, 'request');
  assert.is(lines.length, 2);
  for (const line of lines) assert.not.match(line, 'hunter2');
  assert.match(lines[0]!, '[redacted]');
});

test.run();
