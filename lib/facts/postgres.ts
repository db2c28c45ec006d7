// PostgreSQL facts read through the local superuser (peer authentication as postgres).
import { raw, sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';

/** A login role: whether it exists, can log in, and its stored SCRAM verifier (never a password). */
export interface PgRoleState {
  /** false when psql is missing or the server does not answer (not installed yet). */
  available: boolean;
  exists: boolean;
  login: boolean;
  verifier: string;
}

/** A database and its owner. */
export interface PgDatabaseState {
  available: boolean;
  exists: boolean;
  owner: string;
}

/** Why: every fact and change talks to the server the same way: as postgres, no .psqlrc, unaligned. */
export function psql(sqlOrStdin?: string): string {
  const base = sh`runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1`;
  return sqlOrStdin === undefined ? base : sh`${raw(base)} -c ${sqlOrStdin}`;
}

/** Why: SQL literals built from names (already validated by the schemas) in one place. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Why: identifiers in SQL quoted the way PostgreSQL wants them. */
export function sqlIdent(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

const UNAVAILABLE = 'bc-play:unavailable';

/**
 * What the server answers depends on whether it runs: in a real run a start or stop of any
 * PostgreSQL unit (`postgresql`, `postgresql@17-main`) drops these facts, so a role read while
 * the cluster was down ("unavailable") is read again once the converge has started it. Check
 * mode keeps what it read (`keepInCheck`): a server it did not start stays as it was.
 */
const SERVER_UNITS = { id: 'unit:postgresql', prefix: true };
const keepInCheck = <T>(before: T): T => before;

function query(sql: string): string {
  return `if command -v psql >/dev/null 2>&1 && out=$(${psql(sql)} 2>/dev/null); then printf '%s\\n' "$out"; else echo ${UNAVAILABLE}; fi`;
}

/** Why: the module compares the stored verifier with one computed from the wanted password and its salt. */
export function pgRoleFact(name: string): FactSpec<PgRoleState> {
  return {
    key: `pg-role:${name}`,
    about: [{ id: `pg-role:${name}` }, SERVER_UNITS],
    predict: keepInCheck,
    command: query(`SELECT rolcanlogin, coalesce(rolpassword, '') FROM pg_authid WHERE rolname = ${sqlLiteral(name)}`),
    parse: (stdout) => parsePgRole(stdout),
  };
}

/** Why: pure half of pgRoleFact, tested on captured psql output. */
export function parsePgRole(stdout: string): PgRoleState {
  const line = stdout.trim();
  if (line === UNAVAILABLE) return { available: false, exists: false, login: false, verifier: '' };
  if (!line) return { available: true, exists: false, login: false, verifier: '' };
  const [login, verifier = ''] = line.split('|');
  return { available: true, exists: true, login: login === 't', verifier };
}

/** Why: a database is created once and owned by the application role. */
export function pgDatabaseFact(name: string): FactSpec<PgDatabaseState> {
  return {
    key: `pg-database:${name}`,
    about: [{ id: `pg-database:${name}` }, SERVER_UNITS],
    predict: keepInCheck,
    command: query(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ${sqlLiteral(name)}`),
    parse: (stdout) => parsePgDatabase(stdout),
  };
}

/** Why: pure half of pgDatabaseFact. */
export function parsePgDatabase(stdout: string): PgDatabaseState {
  const line = stdout.trim();
  if (line === UNAVAILABLE) return { available: false, exists: false, owner: '' };
  if (!line) return { available: true, exists: false, owner: '' };
  return { available: true, exists: true, owner: line };
}
