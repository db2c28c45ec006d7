// The HTMX dashboard: full page once, then fragments (project form, table, row, figures panel).
import { readFigures } from '../domain/figures.js';
import { createProject, getProject, listProjects, updateProject } from '../domain/projects.js';
import { moneyToCents, parseNewProject, parseNewWorkEntry, parseProjectPatch, ValidationError } from '../domain/validation.js';
import { logWorkEntry } from '../domain/work-entries.js';
import type { Ctx } from './context.js';
import { HttpError, idParam, readBody, sendHtml } from './respond.js';
import type { Router } from './router.js';

const CHANGED = { 'HX-Trigger': 'projects-changed' };
const today = () => new Date().toISOString().slice(0, 10);
const messages = (err: ValidationError) => err.details.map((d) => `${d.field.replace('Cents', '')} ${d.problem}`);

// Why: form fields are strings; the domain rules speak cents and numbers.
function fromForm(form: Record<string, unknown>, money: string[], numbers: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const text = String(value);
    if (money.includes(key)) out[`${key}Cents`] = moneyToCents(text);
    else if (numbers.includes(key)) out[key] = text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    else out[key] = text;
  }
  return out;
}

async function row(c: Ctx, id: number, status: number, errors: string[] = []): Promise<void> {
  const project = await getProject(c.db, c.tenant.id, id);
  if (!project) throw new HttpError(404, `project ${id} not found`);
  sendHtml(c.res, status, await c.render('project-row', { project, errors, today: today() }), status < 300 ? { 'HX-Trigger': 'project-changed' } : {});
}

// Why: the routes under /web (and / as the dashboard's front door), registered on the app's router.
export function webRoutes(router: Router<Ctx>): void {
  router
    .on('GET', '/', async (c) => {
      c.res.writeHead(302, { location: '/web/dashboard' });
      c.res.end();
    })
    .on('GET', '/web/dashboard', async (c) => {
      const [projects, figures] = await Promise.all([listProjects(c.db, c.tenant.id), readFigures(c.db, c.tenant.id)]);
      sendHtml(c.res, 200, await c.render('dashboard', { tenant: c.tenant, projects, figures, form: {}, errors: [], today: today() }));
    })
    .on('GET', '/web/projects', async (c) => sendHtml(c.res, 200, await c.render('projects-table', { projects: await listProjects(c.db, c.tenant.id), today: today() })))
    .on('GET', '/web/figures', async (c) => sendHtml(c.res, 200, await c.render('figures', { figures: await readFigures(c.db, c.tenant.id) })))
    .on('POST', '/web/projects', async (c) => {
      const form = await readBody(c.req, 'form');
      try {
        await createProject(c.db, c.tenant.id, parseNewProject(fromForm(form, ['budget'])));
        sendHtml(c.res, 200, await c.render('project-form', { form: {}, errors: [] }), CHANGED);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        sendHtml(c.res, 422, await c.render('project-form', { form, errors: messages(err) }));
      }
    })
    .on('POST', '/web/projects/:id', async (c, [raw]) => {
      const id = idParam(raw!);
      const form = await readBody(c.req, 'form');
      try {
        const updated = await updateProject(c.db, c.tenant.id, id, parseProjectPatch(fromForm(form, ['budget'])));
        if (!updated) throw new HttpError(404, `project ${id} not found`);
        await row(c, id, 200);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        await row(c, id, 422, messages(err));
      }
    })
    .on('POST', '/web/projects/:id/work-entries', async (c, [raw]) => {
      const id = idParam(raw!);
      const form = await readBody(c.req, 'form');
      try {
        const entry = await logWorkEntry(c.db, c.tenant.id, id, parseNewWorkEntry(fromForm(form, ['cost'], ['hours'])));
        if (!entry) throw new HttpError(404, `project ${id} not found`);
        await row(c, id, 200);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        await row(c, id, 422, messages(err));
      }
    });
}
