// The activity engine's table: what each tenant did per day (UTC), counted from the events, for a
// timeline the running totals of the figures engine cannot give.
export const activity = {
  version: 6,
  name: 'activity',
  sql: `
CREATE TABLE tenant_activity (
  tenant_id        integer NOT NULL REFERENCES tenants(id),
  day              date NOT NULL,
  projects_created integer NOT NULL DEFAULT 0,
  projects_updated integer NOT NULL DEFAULT 0,
  status_changes   integer NOT NULL DEFAULT 0,
  work_entries     integer NOT NULL DEFAULT 0,
  hours            numeric(14,2) NOT NULL DEFAULT 0,
  cost_cents       bigint NOT NULL DEFAULT 0,
  events_applied   bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, day)
);
`,
};
