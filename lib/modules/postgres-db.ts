// postgres_db: a database that exists and belongs to the given role.
import { pgDatabaseFact, psql, sqlIdent } from '../facts/postgres.js';
import type { Change, ModuleDefinition } from './module.js';

export interface PostgresDbArgs {
  name: string;
  owner: string;
}

const IDENT = '^[a-z_][a-z0-9_]{0,62}$';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'owner'],
  properties: {
    name: { type: 'string', pattern: IDENT, description: 'Database name.' },
    owner: { type: 'string', pattern: IDENT, description: 'Role that owns the database (must exist).' },
  },
};

/** Why: the application's database, created once (UTF-8, from template0) and owned by its role. */
export const postgresDbModule: ModuleDefinition<PostgresDbArgs> = {
  name: 'postgres_db',
  description: 'Creates a PostgreSQL database owned by a role, or gives an existing one to that role.',
  schema,
  facts: (args) => [pgDatabaseFact(args.name)],
  plan(args, facts) {
    const now = facts.get(pgDatabaseFact(args.name));
    if (now.exists && now.owner === args.owner) return { changes: [], reason: `database ${args.name} exists, owned by ${args.owner}` };
    const sql = now.exists
      ? `ALTER DATABASE ${sqlIdent(args.name)} OWNER TO ${sqlIdent(args.owner)};\n`
      : `CREATE DATABASE ${sqlIdent(args.name)} OWNER ${sqlIdent(args.owner)} ENCODING 'UTF8' TEMPLATE template0;\n`;
    const change: Change = {
      summary: now.exists ? `give database ${args.name} to ${args.owner} (owned by ${now.owner})` : `create database ${args.name} owned by ${args.owner}`,
      command: psql(),
      stdin: sql,
      effects: [{ fact: pgDatabaseFact(args.name), value: { available: true, exists: true, owner: args.owner } }],
    };
    return { changes: [change] };
  },
};
