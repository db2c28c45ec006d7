// The REST JSON API: the same operations as the dashboard, for scripts and integrations. Every
// body, parameter and answer has a schema: Fastify validates and serialises with them, and the
// OpenAPI document at /api/openapi.json is generated from them.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../shared/db.js';
import { ERROR_SCHEMA, HttpError } from '../../../shared/http/errors.js';
import { resource } from '../../../shared/http/resource.js';
import { readActivity } from '../domain/activity.js';
import { readFigures } from '../domain/figures.js';
import { createProject, getProject, listProjects, updateProject } from '../domain/projects.js';
import { ACTIVITY_DAY, FIGURES, NEW_PROJECT, NEW_WORK_ENTRY, PROJECT, PROJECT_ID_PARAMS, PROJECT_PATCH, WORK_ENTRY } from '../domain/schemas.js';
import type { NewProject, NewWorkEntry, ProjectPatch } from '../domain/validation.js';
import { listWorkEntries, logWorkEntry } from '../domain/work-entries.js';

type ById = { params: { id: string } };
const notFound = (id: string) => new HttpError(404, `project ${id} not found`);
const ref = (id: string) => ({ $ref: `${id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref('Error')]));
const one = (key: string, id: string) => ({ type: 'object', required: [key], properties: { [key]: ref(id) } });
const many = (key: string, id: string) => ({ type: 'object', required: [key], properties: { [key]: { type: 'array', items: ref(id) } } });
const tenantHeader = { type: 'object', properties: { 'x-tenant-slug': { type: 'string', description: 'the tenant; set by the edge from the host name' } } };

/** Why: the shared schemas are registered once so routes and the OpenAPI document $ref them by name. */
export function addApiSchemas(app: FastifyInstance): void {
  for (const s of [ERROR_SCHEMA, NEW_PROJECT, PROJECT_PATCH, NEW_WORK_ENTRY, PROJECT, WORK_ENTRY, FIGURES, ACTIVITY_DAY]) app.addSchema(s);
}

// Why: the routes under /api.
export function apiRoutes(app: FastifyInstance, db: Db): void {
  const tags = ['projects'];
  resource(app, '/api/projects', {
    GET: {
      schema: { tags, summary: 'List the newest projects', headers: tenantHeader, response: { 200: many('projects', 'Project'), ...errors(400, 404, 503) } },
      handler: async (req) => ({ projects: await listProjects(db, req.tenant.id) }),
    },
    POST: {
      schema: { tags, summary: 'Create a project', headers: tenantHeader, body: ref('NewProject'), response: { 201: one('project', 'Project'), ...errors(400, 404, 413, 415, 422, 503) } },
      handler: async (req, reply) => {
        const input = req.body as NewProject;
        reply.code(201);
        return { project: await createProject(db, req.tenant.id, { ...input, name: input.name.trim() }) };
      },
    },
  });
  resource(app, '/api/projects/:id', {
    GET: {
      schema: { tags, summary: 'Read a project', headers: tenantHeader, params: PROJECT_ID_PARAMS, response: { 200: one('project', 'Project'), ...errors(400, 404, 503) } },
      handler: async (req) => {
        const { id } = (req as unknown as ById).params;
        const project = await getProject(db, req.tenant.id, id);
        if (!project) throw notFound(id);
        return { project };
      },
    },
    PATCH: {
      schema: { tags, summary: 'Change name, status or budget', headers: tenantHeader, params: PROJECT_ID_PARAMS, body: ref('ProjectPatch'), response: { 200: one('project', 'Project'), ...errors(400, 404, 413, 415, 422, 503) } },
      handler: async (req) => {
        const { id } = (req as unknown as ById).params;
        const patch = req.body as ProjectPatch;
        const project = await updateProject(db, req.tenant.id, id, patch.name ? { ...patch, name: patch.name.trim() } : patch);
        if (!project) throw notFound(id);
        return { project };
      },
    },
  });
  resource(app, '/api/projects/:id/work-entries', {
    GET: {
      schema: { tags: ['work entries'], summary: "List a project's work entries", headers: tenantHeader, params: PROJECT_ID_PARAMS, response: { 200: many('workEntries', 'WorkEntry'), ...errors(400, 404, 503) } },
      handler: async (req) => {
        const { id } = (req as unknown as ById).params;
        if (!(await getProject(db, req.tenant.id, id))) throw notFound(id);
        return { workEntries: await listWorkEntries(db, req.tenant.id, id) };
      },
    },
    POST: {
      schema: { tags: ['work entries'], summary: 'Log hours and cost on a project', headers: tenantHeader, params: PROJECT_ID_PARAMS, body: ref('NewWorkEntry'), response: { 201: one('workEntry', 'WorkEntry'), ...errors(400, 404, 413, 415, 422, 503) } },
      handler: async (req, reply) => {
        const { id } = (req as unknown as ById).params;
        const input = req.body as NewWorkEntry;
        const entry = await logWorkEntry(db, req.tenant.id, id, { ...input, description: input.description.trim() });
        if (!entry) throw notFound(id);
        reply.code(201);
        return { workEntry: entry };
      },
    },
  });
  resource(app, '/api/figures', {
    GET: {
      schema: { tags: ['figures'], summary: "The tenant's figures (from the engines)", headers: tenantHeader, response: { 200: one('figures', 'Figures'), ...errors(400, 404, 503) } },
      handler: async (req) => ({ figures: await readFigures(db, req.tenant.id) }),
    },
  });
  resource(app, '/api/activity', {
    GET: {
      schema: { tags: ['figures'], summary: "The tenant's last 30 days with events, newest first (from the activity engine)", headers: tenantHeader, response: { 200: many('activity', 'ActivityDay'), ...errors(400, 404, 503) } },
      handler: async (req) => ({ activity: await readActivity(db, req.tenant.id) }),
    },
  });
}
