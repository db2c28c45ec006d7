// Tenants are rows (slug, name); the fleet seeds them from its inventory with the seed-tenants command.
import type { Db } from './db.js';

export interface Tenant {
  id: number;
  slug: string;
  name: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

// Why: parses "demo=Demo Builders" / "acme" arguments and refuses bad slugs before touching the DB.
export function parseTenantSpecs(specs: string[]): { slug: string; name: string }[] {
  return specs.map((spec) => {
    const [slug = '', ...rest] = spec.split('=');
    if (!SLUG.test(slug)) throw new Error(`tenant "${spec}": the slug must be lower-case letters, digits and dashes (e.g. demo=Demo Builders)`);
    return { slug, name: rest.join('=').trim() || slug };
  });
}

// Why: idempotent seeding (insert or rename) so node-service can run it on every deploy.
export async function seedTenants(db: Db, tenants: { slug: string; name: string }[]): Promise<Tenant[]> {
  const out: Tenant[] = [];
  for (const t of tenants) {
    const { rows } = await db.query<Tenant>(
      `INSERT INTO tenants (slug, name) VALUES ($1, $2)
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id, slug, name`,
      [t.slug, t.name],
    );
    out.push(rows[0]!);
  }
  return out;
}

// Why: the construction app resolves X-Tenant-Slug through this on every request.
export async function findTenant(db: Db, slug: string): Promise<Tenant | null> {
  if (!SLUG.test(slug)) return null;
  const { rows } = await db.query<Tenant>('SELECT id, slug, name FROM tenants WHERE slug = $1', [slug]);
  return rows[0] ?? null;
}
