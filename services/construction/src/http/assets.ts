// Where the ejs views, htmx.min.js and swagger-ui's files live: beside the bundle on the hosts,
// in the source tree and node_modules in development and tests.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Assets {
  views: string;
  htmx: string;
  swaggerUi: string;
}

// Why: the same code runs bundled (assets copied beside it) and compiled by tsc (assets in the repo).
export function findAssets(): Assets {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'views'))) return { views: join(here, 'views'), htmx: join(here, 'htmx.min.js'), swaggerUi: join(here, 'static') };
  const views = [resolve(here, '../../views'), resolve(here, '../../../../../services/construction/views')].find(existsSync);
  if (!views) throw new Error(`construction views not found near ${here}`);
  const require = createRequire(import.meta.url);
  return {
    views,
    htmx: require.resolve('htmx.org/dist/htmx.min.js'),
    swaggerUi: join(dirname(require.resolve('@fastify/swagger-ui/package.json')), 'static'),
  };
}
