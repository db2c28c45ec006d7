// Tenants, the construction domain and the outbox, with tenant_id indexes from the start.
export const core = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE tenants (
  id         serial PRIMARY KEY,
  slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  id           bigserial PRIMARY KEY,
  tenant_id    integer NOT NULL REFERENCES tenants(id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status       text NOT NULL CHECK (status IN ('planned', 'active', 'on_hold', 'completed')),
  budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id, id);

CREATE TABLE work_entries (
  id          bigserial PRIMARY KEY,
  tenant_id   integer NOT NULL REFERENCES tenants(id),
  project_id  bigint NOT NULL REFERENCES projects(id),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  hours       numeric(7,2) NOT NULL CHECK (hours > 0),
  cost_cents  bigint NOT NULL CHECK (cost_cents >= 0),
  work_date   date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_entries_tenant_id_idx ON work_entries (tenant_id, project_id);

CREATE TABLE event_outbox (
  id           bigserial PRIMARY KEY,
  tenant_id    integer NOT NULL REFERENCES tenants(id),
  event_type   text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at timestamptz
);
CREATE INDEX event_outbox_tenant_id_idx ON event_outbox (tenant_id);
CREATE INDEX event_outbox_unpublished_idx ON event_outbox (id) WHERE published_at IS NULL;

-- The relay's fast path: one notification per inserting statement, delivered at commit.
CREATE FUNCTION event_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('event_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER event_outbox_notify AFTER INSERT ON event_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION event_outbox_notify();
`,
};
