// Input rules for projects and work entries, shared by the JSON API (Fastify validates the same
// schemas) and the HTMX forms: a bad request is a 422 with field details, never a 500.
import type { ProjectStatus } from '../../../shared/events.js';
import { validate } from '../../../shared/http/schema.js';
import { NEW_PROJECT, NEW_WORK_ENTRY, PROJECT_PATCH } from './schemas.js';

export interface NewProject {
  name: string;
  status: ProjectStatus;
  budgetCents: number;
}
export type ProjectPatch = Partial<NewProject>;
export interface NewWorkEntry {
  description: string;
  hours: number;
  costCents: number;
  workDate: string;
}

const trimmed = <T extends Record<string, unknown>>(v: T, keys: string[]): T => {
  for (const k of keys) if (typeof v[k] === 'string') (v as Record<string, unknown>)[k] = (v[k] as string).trim();
  return v;
};

/** Why: the forms' way into the same rules the API enforces (the API gets them from its route schema). */
export const parseNewProject = (body: unknown): NewProject => trimmed(validate<NewProject & Record<string, unknown>>(NEW_PROJECT, body), ['name']);
/** Why: as parseNewProject, for an update. */
export const parseProjectPatch = (body: unknown): ProjectPatch => trimmed(validate<ProjectPatch & Record<string, unknown>>(PROJECT_PATCH, body), ['name']);
/** Why: as parseNewProject, for a work entry. */
export const parseNewWorkEntry = (body: unknown): NewWorkEntry => trimmed(validate<NewWorkEntry & Record<string, unknown>>(NEW_WORK_ENTRY, body), ['description']);

/** Why: the HTML forms send money as "1500.50"; the API and the database speak cents. */
export function moneyToCents(text: string): number | string {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(t)) return text;
  const [units, fraction = ''] = t.split('.');
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}
