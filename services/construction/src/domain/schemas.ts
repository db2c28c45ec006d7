// JSON Schemas of the construction API: what clients send (validated by Fastify with the shared
// ajv, and by the forms through validate()) and what they get back (serialised and published
// in the OpenAPI document). x-problem is the text a user sees when a field is wrong.
import { PROJECT_STATUSES } from '../../../shared/events.js';

const cents = { type: 'integer', minimum: 0, maximum: 1e13, 'x-problem': 'must be a whole number of cents, 0 or more' } as const;
const name = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', 'x-problem': 'is required text of at most 200 characters' } as const;
const status = { type: 'string', enum: PROJECT_STATUSES, 'x-problem': `must be one of ${PROJECT_STATUSES.join(', ')}` } as const;

/** Why: a new project needs a name and a budget; status defaults to planned; typos are refused. */
export const NEW_PROJECT = {
  $id: 'NewProject',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'budgetCents'],
  properties: { name, status: { ...status, default: 'planned' }, budgetCents: cents },
} as const;

/** Why: an update names only what changes, but must change something. */
export const PROJECT_PATCH = {
  $id: 'ProjectPatch',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  'x-problem': 'names none of name, status, budgetCents',
  properties: { name, status, budgetCents: cents },
} as const;

/** Why: work entries are what cost and hours figures are made of; all fields are required. */
export const NEW_WORK_ENTRY = {
  $id: 'NewWorkEntry',
  type: 'object',
  additionalProperties: false,
  required: ['description', 'hours', 'costCents', 'workDate'],
  properties: {
    description: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S', 'x-problem': 'is required text of at most 500 characters' },
    hours: { type: 'number', exclusiveMinimum: 0, maximum: 99_999, multipleOf: 0.01, 'x-problem': 'must be a number of hours above 0 with at most 2 decimals' },
    costCents: cents,
    workDate: { type: 'string', format: 'date', 'x-problem': 'must be a date like 2024-05-31' },
  },
} as const;

const timestamp = { type: 'string', format: 'date-time' } as const;
const id = { type: 'string', format: 'uuid' } as const;

/** Why: a project as the API returns it, with the engines' figures beside the row. */
export const PROJECT = {
  $id: 'Project',
  type: 'object',
  required: ['id', 'name', 'status', 'budgetCents', 'costCents', 'hours', 'workEntries', 'createdAt', 'updatedAt'],
  properties: {
    id, name: { type: 'string' }, status: { type: 'string', enum: PROJECT_STATUSES },
    budgetCents: { type: 'integer' }, costCents: { type: 'integer' }, hours: { type: 'number' }, workEntries: { type: 'integer' },
    createdAt: timestamp, updatedAt: timestamp,
  },
} as const;

/** Why: a work entry as the API returns it. */
export const WORK_ENTRY = {
  $id: 'WorkEntry',
  type: 'object',
  required: ['id', 'projectId', 'description', 'hours', 'costCents', 'workDate'],
  properties: { id, projectId: id, description: { type: 'string' }, hours: { type: 'number' }, costCents: { type: 'integer' }, workDate: { type: 'string', format: 'date' } },
} as const;

/** Why: the tenant's figures as the engines computed them (eventually consistent). */
export const FIGURES = {
  $id: 'Figures',
  type: 'object',
  required: ['projects', 'byStatus', 'budgetCents', 'costCents', 'hours', 'workEntries', 'eventsApplied', 'updatedAt'],
  properties: {
    projects: { type: 'integer' },
    byStatus: { type: 'object', required: PROJECT_STATUSES, properties: Object.fromEntries(PROJECT_STATUSES.map((s) => [s, { type: 'integer' }])) },
    budgetCents: { type: 'integer' }, costCents: { type: 'integer' }, hours: { type: 'number' }, workEntries: { type: 'integer' }, eventsApplied: { type: 'integer' },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** Why: one day of the tenant's activity as the activity engine counted it (UTC days). */
export const ACTIVITY_DAY = {
  $id: 'ActivityDay',
  type: 'object',
  required: ['day', 'projectsCreated', 'projectsUpdated', 'statusChanges', 'workEntries', 'hours', 'costCents'],
  properties: {
    day: { type: 'string', format: 'date' },
    projectsCreated: { type: 'integer' }, projectsUpdated: { type: 'integer' }, statusChanges: { type: 'integer' },
    workEntries: { type: 'integer' }, hours: { type: 'number' }, costCents: { type: 'integer' },
  },
} as const;

/** Why: every path id is a project's public id (a UUID); anything else is "no such id". */
export const PROJECT_ID_PARAMS = { type: 'object', required: ['id'], properties: { id } } as const;
