// The HTMX dashboard: full page once, then fragments (project form, table, row, figures panel).
// Form bodies only (application/x-www-form-urlencoded); the domain schemas check the values.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../../shared/db.js';
import { HttpError } from '../../../shared/http/errors.js';
import { resource } from '../../../shared/http/resource.js';
import { ValidationError } from '../../../shared/http/schema.js';
import type { Tenant } from '../../../shared/tenants.js';
import { readFigures } from '../domain/figures.js';
import { createProject, getProject, listProjects, updateProject } from '../domain/projects.js';
import { moneyToCents, parseNewProject, parseNewWorkEntry, parseProjectPatch } from '../domain/validation.js';
import { logWorkEntry } from '../domain/work-entries.js';
import type { Render } from './render.js';

type Form = Record<string, string>;
const CHANGED = { 'HX-Trigger': 'projects-changed' };
const today = () => new Date().toISOString().slice(0, 10);
const messages = (err: ValidationError) => err.details.map((d) => `${d.field.replace('Cents', '')} ${d.problem}`);
const hidden = { hide: true };
const formBody = (fields: string[]) => ({ type: 'object', additionalProperties: { type: 'string' }, properties: Object.fromEntries(fields.map((f) => [f, { type: 'string' }])) });
const byId = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };

// Why: form fields are strings; the domain rules speak cents and numbers.
function fromForm(form: Form, money: string[], numbers: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(form)) {
    if (money.includes(key)) out[`${key}Cents`] = moneyToCents(text);
    else if (numbers.includes(key)) out[key] = text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    else out[key] = text;
  }
  return out;
}

const html = (reply: FastifyReply, status: number, body: string, headers: Record<string, string> = {}) =>
  reply.code(status).headers(headers).type('text/html; charset=utf-8').send(body);

// Why: the routes under /web (and / as the dashboard's front door).
export function webRoutes(app: FastifyInstance, db: Db, render: Render): void {
  const row = async (reply: FastifyReply, tenant: Tenant, id: string, status: number, errors: string[] = []) => {
    const project = await getProject(db, tenant.id, id);
    if (!project) throw new HttpError(404, `project ${id} not found`);
    return html(reply, status, await render('project-row', { project, errors, today: today() }), status < 300 ? { 'HX-Trigger': 'project-changed' } : {});
  };
  const orRow = async (reply: FastifyReply, tenant: Tenant, id: string, change: () => Promise<unknown>) => {
    try {
      if (!(await change())) throw new HttpError(404, `project ${id} not found`);
      return await row(reply, tenant, id, 200);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return row(reply, tenant, id, 422, messages(err));
    }
  };
  resource(app, '/', { GET: { schema: hidden, handler: async (_req, reply) => reply.redirect('/web/dashboard') } });
  resource(app, '/web/dashboard', {
    GET: {
      schema: hidden,
      handler: async (req, reply) => {
        const [projects, figures] = await Promise.all([listProjects(db, req.tenant.id), readFigures(db, req.tenant.id)]);
        return html(reply, 200, await render('dashboard', { tenant: req.tenant, projects, figures, form: {}, errors: [], today: today() }));
      },
    },
  });
  resource(app, '/web/figures', {
    GET: { schema: hidden, handler: async (req, reply) => html(reply, 200, await render('figures', { figures: await readFigures(db, req.tenant.id) })) },
  });
  resource(app, '/web/projects', {
    GET: { schema: hidden, handler: async (req, reply) => html(reply, 200, await render('projects-table', { projects: await listProjects(db, req.tenant.id), today: today() })) },
    POST: {
      schema: { ...hidden, body: formBody(['name', 'status', 'budget']) },
      handler: async (req, reply) => {
        const form = req.body as Form;
        try {
          await createProject(db, req.tenant.id, parseNewProject(fromForm(form, ['budget'])));
          return html(reply, 200, await render('project-form', { form: {}, errors: [] }), CHANGED);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return html(reply, 422, await render('project-form', { form, errors: messages(err) }));
        }
      },
    },
  });
  resource(app, '/web/projects/:id', {
    POST: {
      schema: { ...hidden, params: byId, body: formBody(['name', 'status', 'budget']) },
      handler: async (req, reply) => {
        const { id } = req.params as { id: string };
        return orRow(reply, req.tenant, id, () => updateProject(db, req.tenant.id, id, parseProjectPatch(fromForm(req.body as Form, ['budget']))));
      },
    },
  });
  resource(app, '/web/projects/:id/work-entries', {
    POST: {
      schema: { ...hidden, params: byId, body: formBody(['description', 'hours', 'cost', 'workDate']) },
      handler: async (req, reply) => {
        const { id } = req.params as { id: string };
        return orRow(reply, req.tenant, id, () => logWorkEntry(db, req.tenant.id, id, parseNewWorkEntry(fromForm(req.body as Form, ['cost'], ['hours']))));
      },
    },
  });
}
