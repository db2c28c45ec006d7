// Bundles one service into a single file that plain `node` 20 runs (no npm install on the
// hosts), with its static assets copied beside it. The node-service role calls bundleService().
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVICES = ['construction', 'auth', 'outbox-relay', 'engines-worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

// Why: works from services/ (tsx, esbuild) and from dist/services/ (tsc) alike.
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bundleService: cannot find the repository root (package.json)');
    dir = up;
  }
  return dir;
}

// ESM bundles of CommonJS packages (pg, ioredis) need a real require for node built-ins.
// swagger-ui reads __dirname/static; in the bundle __dirname is the bundle's folder, where build copies static/.
const BANNER = [
  "import { createRequire as __bcCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bcFileUrlToPath } from 'node:url';",
  "import { dirname as __bcDirname } from 'node:path';",
  'const require = __bcCreateRequire(import.meta.url);',
  'const __filename = __bcFileUrlToPath(import.meta.url);',
  'const __dirname = __bcDirname(__filename);',
].join(' ');

// Why: one call per service; returns the absolute paths it wrote (the bundle first, then assets).
export async function bundleService(name: string, outDir: string): Promise<string[]> {
  if (!(SERVICES as readonly string[]).includes(name)) throw new Error(`bundleService: unknown service "${name}"; services: ${SERVICES.join(', ')}`);
  const root = repoRoot();
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const bundle = join(out, `${name}.mjs`);
  await build({
    entryPoints: [join(root, 'services', name, 'src', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: BANNER },
    external: ['pg-native'],
    legalComments: 'none',
    logLevel: 'error',
  });
  const files = [bundle];
  if (name === 'construction') {
    cpSync(join(root, 'services', 'construction', 'views'), join(out, 'views'), { recursive: true });
    files.push(...readdirSync(join(out, 'views')).map((f) => join(out, 'views', f)));
    const htmx = createRequire(join(root, 'package.json')).resolve('htmx.org/dist/htmx.min.js');
    copyFileSync(htmx, join(out, 'htmx.min.js'));
    files.push(join(out, 'htmx.min.js'));
    const swaggerUi = join(dirname(createRequire(join(root, 'package.json')).resolve('@fastify/swagger-ui/package.json')), 'static');
    cpSync(swaggerUi, join(out, 'static'), { recursive: true });
    files.push(...readdirSync(join(out, 'static')).map((f) => join(out, 'static', f)));
  }
  return files;
}

// `node dist/services/build.js NAME OUT`: what the node-service role's build runs before a deploy.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [name, out] = process.argv.slice(2);
  if (!name || !out) {
    console.error('usage: node dist/services/build.js SERVICE OUTPUT_DIR');
    process.exit(2);
  }
  await bundleService(name, out);
}
