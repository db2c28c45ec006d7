// The REST JSON API: the same operations as the dashboard, for scripts and integrations.
import { readFigures } from '../domain/figures.js';
import { createProject, getProject, listProjects, updateProject } from '../domain/projects.js';
import { parseNewProject, parseNewWorkEntry, parseProjectPatch } from '../domain/validation.js';
import { listWorkEntries, logWorkEntry } from '../domain/work-entries.js';
import type { Ctx } from './context.js';
import { HttpError, idParam, readBody, sendJson } from './respond.js';
import type { Router } from './router.js';

const notFound = (id: number) => new HttpError(404, `project ${id} not found`);

// Why: the routes under /api, registered on the app's router.
export function apiRoutes(router: Router<Ctx>): void {
  router
    .on('GET', '/api/projects', async (c) => sendJson(c.res, 200, { projects: await listProjects(c.db, c.tenant.id) }))
    .on('POST', '/api/projects', async (c) => {
      const input = parseNewProject(await readBody(c.req, 'json'));
      sendJson(c.res, 201, { project: await createProject(c.db, c.tenant.id, input) });
    })
    .on('GET', '/api/projects/:id', async (c, [raw]) => {
      const id = idParam(raw!);
      const project = await getProject(c.db, c.tenant.id, id);
      if (!project) throw notFound(id);
      sendJson(c.res, 200, { project });
    })
    .on('PATCH', '/api/projects/:id', async (c, [raw]) => {
      const id = idParam(raw!);
      const patch = parseProjectPatch(await readBody(c.req, 'json'));
      const project = await updateProject(c.db, c.tenant.id, id, patch);
      if (!project) throw notFound(id);
      sendJson(c.res, 200, { project });
    })
    .on('GET', '/api/projects/:id/work-entries', async (c, [raw]) => {
      const id = idParam(raw!);
      if (!(await getProject(c.db, c.tenant.id, id))) throw notFound(id);
      sendJson(c.res, 200, { workEntries: await listWorkEntries(c.db, c.tenant.id, id) });
    })
    .on('POST', '/api/projects/:id/work-entries', async (c, [raw]) => {
      const id = idParam(raw!);
      const input = parseNewWorkEntry(await readBody(c.req, 'json'));
      const entry = await logWorkEntry(c.db, c.tenant.id, id, input);
      if (!entry) throw notFound(id);
      sendJson(c.res, 201, { workEntry: entry });
    })
    .on('GET', '/api/figures', async (c) => sendJson(c.res, 200, { figures: await readFigures(c.db, c.tenant.id) }));
}
