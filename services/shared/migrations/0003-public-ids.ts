// Public ids: projects and work entries get a random UUID that the API and the pages show, so a
// tenant cannot infer the others' volume from sequence numbers. Existing rows get one each; the
// internal bigint ids stay (events and figures refer to them).
export const publicIds = {
  version: 3,
  name: 'public-ids',
  sql: `
ALTER TABLE projects ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX projects_public_id_idx ON projects (public_id);
ALTER TABLE work_entries ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX work_entries_public_id_idx ON work_entries (public_id);
`,
};
