// The engine tables the worker fills and the record of applied events that makes it exactly-once.
export const engines = {
  version: 2,
  name: 'engines',
  sql: `
CREATE TABLE processed_events (
  event_id     bigint PRIMARY KEY,
  tenant_id    integer NOT NULL REFERENCES tenants(id),
  processed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX processed_events_tenant_id_idx ON processed_events (tenant_id);

CREATE TABLE tenant_figures (
  tenant_id      integer PRIMARY KEY REFERENCES tenants(id),
  projects       integer NOT NULL DEFAULT 0,
  planned        integer NOT NULL DEFAULT 0,
  active         integer NOT NULL DEFAULT 0,
  on_hold        integer NOT NULL DEFAULT 0,
  completed      integer NOT NULL DEFAULT 0,
  budget_cents   bigint NOT NULL DEFAULT 0,
  cost_cents     bigint NOT NULL DEFAULT 0,
  hours          numeric(14,2) NOT NULL DEFAULT 0,
  work_entries   integer NOT NULL DEFAULT 0,
  events_applied bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_figures (
  project_id     bigint PRIMARY KEY REFERENCES projects(id),
  tenant_id      integer NOT NULL REFERENCES tenants(id),
  cost_cents     bigint NOT NULL DEFAULT 0,
  hours          numeric(14,2) NOT NULL DEFAULT 0,
  work_entries   integer NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_figures_tenant_id_idx ON project_figures (tenant_id);
`,
};
