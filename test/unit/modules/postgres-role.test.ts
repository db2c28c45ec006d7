import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePgDatabase, parsePgRole } from '../../../lib/facts/postgres.js';
import { postgresDbModule } from '../../../lib/modules/postgres-db.js';
import { postgresRoleModule, scramVerifier, verifierMatches } from '../../../lib/modules/postgres-role.js';
import { planWith } from './system-fixtures.js';

const PASSWORD = 'a-long-enough-password-0123456789';
const verifier = scramVerifier(PASSWORD, Buffer.from('0123456789abcdef'));
const KEY = 'pg-role:app';

// The lab's second run (zero changes) checks these verifiers against PostgreSQL's own.
test('computes a verifier in the format PostgreSQL stores, and recognizes the password in it', () => {
  assert.match(verifier, /^SCRAM-SHA-256\$4096:MDEyMzQ1Njc4OWFiY2RlZg==\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
  assert.ok(verifierMatches(verifier, PASSWORD));
  assert.not.ok(verifierMatches(verifier, `${PASSWORD}x`));
  assert.not.ok(verifierMatches('md5abc', PASSWORD));
});

test('reports no change when the role exists with the password', () => {
  const plan = planWith(postgresRoleModule, { name: 'app', password: PASSWORD }, { [KEY]: { available: true, exists: true, login: true, verifier } });
  assert.equal(plan.changes, []);
});

test('creates a missing role, sending only a verifier on stdin', () => {
  const plan = planWith(postgresRoleModule, { name: 'app', password: PASSWORD }, { [KEY]: { available: true, exists: false, login: false, verifier: '' } });
  assert.is(plan.changes.length, 1);
  const sql = String(plan.changes[0].stdin);
  assert.match(sql, /^CREATE ROLE "app" WITH LOGIN PASSWORD 'SCRAM-SHA-256\$4096:/);
  assert.not.match(sql + plan.changes[0].command, PASSWORD);
});

test('sets the password when it changed', () => {
  const other = scramVerifier('another-password-0123456789', Buffer.from('salt'));
  const plan = planWith(postgresRoleModule, { name: 'app', password: PASSWORD }, { [KEY]: { available: true, exists: true, login: true, verifier: other } });
  assert.match(String(plan.changes[0].stdin), /^ALTER ROLE "app"/);
  assert.is(plan.changes[0].summary, 'set the password of role app');
});

test('creates a database, or gives an existing one to its owner', () => {
  const create = planWith(postgresDbModule, { name: 'shop', owner: 'app' }, { 'pg-database:shop': { available: true, exists: false, owner: '' } });
  assert.is(String(create.changes[0].stdin), `CREATE DATABASE "shop" OWNER "app" ENCODING 'UTF8' TEMPLATE template0;\n`);
  const give = planWith(postgresDbModule, { name: 'shop', owner: 'app' }, { 'pg-database:shop': { available: true, exists: true, owner: 'postgres' } });
  assert.is(String(give.changes[0].stdin), 'ALTER DATABASE "shop" OWNER TO "app";\n');
  const same = planWith(postgresDbModule, { name: 'shop', owner: 'app' }, { 'pg-database:shop': { available: true, exists: true, owner: 'app' } });
  assert.equal(same.changes, []);
});

test('parses psql answers, and a server that does not answer', () => {
  assert.equal(parsePgRole('t|SCRAM-SHA-256$x\n'), { available: true, exists: true, login: true, verifier: 'SCRAM-SHA-256$x' });
  assert.equal(parsePgRole('\n'), { available: true, exists: false, login: false, verifier: '' });
  assert.equal(parsePgRole('bc-play:unavailable\n').available, false);
  assert.equal(parsePgDatabase('app\n'), { available: true, exists: true, owner: 'app' });
});

test.run();
