// The stream entry id each published event got, so the relay's reconciler can tell an event the
// stream still holds (the engines are only behind) from one Redis lost (republish it).
export const streamIds = {
  version: 4,
  name: 'stream-ids',
  sql: `
ALTER TABLE event_outbox ADD COLUMN stream_id text;
`,
};
