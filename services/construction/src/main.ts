// Entry of the construction app bundle: `serve` (default), `migrate`, `seed-tenants`.
import { runCli } from '../../shared/cli.js';
import { migrateCommand, seedTenantsCommand } from '../../shared/commands.js';
import { serve } from './serve.js';
import { readConstructionSettings } from './settings.js';

await runCli('construction', process.argv.slice(2), {
  serve: { usage: '(default: HTTP on PORT with WORKERS processes)', run: async () => serve(readConstructionSettings(process.env)) },
  migrate: migrateCommand('construction', process.env),
  'seed-tenants': seedTenantsCommand('construction', process.env),
}, 'serve');
