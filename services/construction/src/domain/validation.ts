// Input rules for projects and work entries, shared by the JSON API and the HTMX forms. They
// mirror the table constraints so a bad request is a 422 with field details, never a 500.
import { PROJECT_STATUSES, type ProjectStatus } from '../../../shared/events.js';

export interface FieldProblem {
  field: string;
  problem: string;
}

// Why: one error type carries every field problem; both front ends turn it into a 422.
export class ValidationError extends Error {
  constructor(readonly details: FieldProblem[]) {
    super(details.map((d) => `${d.field}: ${d.problem}`).join('; '));
    this.name = 'ValidationError';
  }
}

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

type Input = Record<string, unknown>;
const MAX_CENTS = 1e13;

class Checker {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly input: Input) {}
  has(field: string) {
    return this.input[field] !== undefined;
  }
  text(field: string, max: number): string {
    const v = this.input[field];
    if (typeof v !== 'string' || !v.trim()) this.problems.push({ field, problem: 'is required text' });
    else if (v.trim().length > max) this.problems.push({ field, problem: `is longer than ${max} characters` });
    return typeof v === 'string' ? v.trim() : '';
  }
  status(field: string): ProjectStatus {
    const v = this.input[field];
    if (!PROJECT_STATUSES.includes(v as ProjectStatus)) this.problems.push({ field, problem: `must be one of ${PROJECT_STATUSES.join(', ')}` });
    return v as ProjectStatus;
  }
  cents(field: string): number {
    const v = this.input[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_CENTS) this.problems.push({ field, problem: 'must be a whole number of cents, 0 or more' });
    return v as number;
  }
  hours(field: string): number {
    const v = this.input[field];
    if (typeof v !== 'number' || !(v > 0) || v > 99_999 || Math.round(v * 100) !== v * 100) this.problems.push({ field, problem: 'must be a number of hours above 0 with at most 2 decimals' });
    return v as number;
  }
  date(field: string): string {
    const v = this.input[field];
    const ok = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    if (!ok) this.problems.push({ field, problem: 'must be a date like 2024-05-31' });
    return v as string;
  }
  unknown(allowed: string[]) {
    for (const key of Object.keys(this.input)) if (!allowed.includes(key)) this.problems.push({ field: key, problem: 'is not a known field' });
  }
  done<T>(value: T): T {
    if (this.problems.length) throw new ValidationError(this.problems);
    return value;
  }
}

function asInput(body: unknown): Input {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError([{ field: 'body', problem: 'must be a JSON object' }]);
  return body as Input;
}

// Why: a new project needs all three fields; unknown fields are refused so typos surface.
export function parseNewProject(body: unknown): NewProject {
  const c = new Checker(asInput(body));
  c.unknown(['name', 'status', 'budgetCents']);
  return c.done({ name: c.text('name', 200), status: c.has('status') ? c.status('status') : 'planned', budgetCents: c.cents('budgetCents') });
}

// Why: an update names only what changes, but must change something.
export function parseProjectPatch(body: unknown): ProjectPatch {
  const c = new Checker(asInput(body));
  c.unknown(['name', 'status', 'budgetCents']);
  const patch: ProjectPatch = {};
  if (c.has('name')) patch.name = c.text('name', 200);
  if (c.has('status')) patch.status = c.status('status');
  if (c.has('budgetCents')) patch.budgetCents = c.cents('budgetCents');
  if (!Object.keys(patch).length) c.problems.push({ field: 'body', problem: 'names none of name, status, budgetCents' });
  return c.done(patch);
}

// Why: work entries are what cost and hours figures are made of; all fields are required.
export function parseNewWorkEntry(body: unknown): NewWorkEntry {
  const c = new Checker(asInput(body));
  c.unknown(['description', 'hours', 'costCents', 'workDate']);
  return c.done({ description: c.text('description', 500), hours: c.hours('hours'), costCents: c.cents('costCents'), workDate: c.date('workDate') });
}

// Why: the HTML forms send money as "1500.50"; the API and the database speak cents.
export function moneyToCents(text: string): number | string {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(t)) return text;
  const [units, fraction = ''] = t.split('.');
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}
