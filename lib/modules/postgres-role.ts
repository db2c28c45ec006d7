// postgres_role: a login role whose password is set as a SCRAM verifier computed on the controller.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { pgRoleFact, psql, sqlIdent, sqlLiteral } from '../facts/postgres.js';
import type { ModuleDefinition } from './module.js';

export interface PostgresRoleArgs {
  name: string;
  password: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'password'],
  properties: {
    name: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$', description: 'Role name.' },
    password: { type: 'string', minLength: 16, description: 'Password, usually `{{ secret(\'name\') }}`; only its SCRAM verifier reaches the host.' },
  },
};

const ITERATIONS = 4096;

/**
 * Why: PostgreSQL stores `SCRAM-SHA-256$iter:salt$StoredKey:ServerKey`; recomputing it with the
 * stored salt tells whether the password is already right, without the host ever seeing it.
 */
export function scramVerifier(password: string, salt: Buffer, iterations = ITERATIONS): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}

/** Why: whether a stored verifier belongs to this password (false for md5 or malformed verifiers). */
export function verifierMatches(verifier: string, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier);
  if (!m) return false;
  return scramVerifier(password, Buffer.from(m[2], 'base64'), Number(m[1])) === verifier;
}

/** Why: the application's database login, created or fixed only when it differs. */
export const postgresRoleModule: ModuleDefinition<PostgresRoleArgs> = {
  name: 'postgres_role',
  description: 'Creates a PostgreSQL login role or fixes its password (sent as a SCRAM verifier, never in clear).',
  schema,
  facts: (args) => [pgRoleFact(args.name)],
  plan(args, facts) {
    const now = facts.get(pgRoleFact(args.name));
    if (now.exists && now.login && verifierMatches(now.verifier, args.password)) {
      return { changes: [], reason: `role ${args.name} exists, can log in, password matches` };
    }
    const verifier = scramVerifier(args.password, randomBytes(16));
    const verb = now.exists ? 'ALTER' : 'CREATE';
    const sql = `${verb} ROLE ${sqlIdent(args.name)} WITH LOGIN PASSWORD ${sqlLiteral(verifier)};\n`;
    const what = !now.exists ? 'create role' : !now.login ? 'allow login and set the password of role' : 'set the password of role';
    return {
      changes: [
        {
          summary: `${what} ${args.name}`,
          command: psql(),
          stdin: sql,
          effects: [{ fact: pgRoleFact(args.name), value: { available: true, exists: true, login: true, verifier } }],
        },
      ],
    };
  },
};
