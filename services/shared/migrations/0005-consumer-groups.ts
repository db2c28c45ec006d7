// Consumer groups of their own: an engine is a kind of processing, each with its consumer group
// on the stream, and each records the events it applied under its group, so a second engine
// applies the events the first already did. The rows so far are the group `engines`' (the figures
// engine, the only one until now). engine_groups pairs each group with its engine for good: a
// group fed to another engine's code would skip what its own engine applied, and a second group
// of the same engine would apply every event to its tables again.
export const consumerGroups = {
  version: 5,
  name: 'consumer-groups',
  sql: `
ALTER TABLE processed_events ADD COLUMN consumer_group text NOT NULL DEFAULT 'engines';
ALTER TABLE processed_events ALTER COLUMN consumer_group DROP DEFAULT;
ALTER TABLE processed_events DROP CONSTRAINT processed_events_pkey;
ALTER TABLE processed_events ADD PRIMARY KEY (consumer_group, event_id);

CREATE TABLE engine_groups (
  consumer_group text PRIMARY KEY,
  engine         text NOT NULL UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO engine_groups (consumer_group, engine) VALUES ('engines', 'figures');
`,
};
