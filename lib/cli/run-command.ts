// A playbook run from the command line: reporter, secrets, lab hosts and engine wired together.
import { openConnection } from '../connection/open.js';
import type { EventSink } from '../engine/events.js';
import { executeRun, prepareRun, type PreparedRun, type RunInput } from '../engine/run.js';
import type { RunSettings } from '../engine/state.js';
import { parseExtraVars } from '../inventory/extra-vars.js';
import { loadInventory } from '../inventory/load.js';
import type { Vars } from '../inventory/types.js';
import type { Redactor } from '../secrets/redactor.js';
import { SecretStore } from '../secrets/store.js';
import type { RunOptions } from './args.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { HumanReporter } from './reporter-human.js';
import { JsonReporter } from './reporter-json.js';

/** Why: main() imports this only for a run, so --help and --version never load the engine. */
export async function runPlaybookCommand(options: RunOptions, redactor: Redactor): Promise<number> {
  const secrets = SecretStore.open(undefined, redactor);
  const reporter = options.json
    ? new JsonReporter()
    : new HumanReporter({ color: options.color, verbosity: options.verbosity, diff: options.diff });
  const sink: EventSink = { emit: (event) => reporter.emit(redactor.redactDeep(event)) };
  const settings: RunSettings = {
    check: options.check,
    diff: options.diff,
    tags: options.tags,
    skipTags: options.skipTags,
    extraVars: parseExtraVars(options.extraVars),
    forks: options.forks,
    hostOverrides: options.lab && !listingOnly(options) ? await labOverrides(options.inventory) : new Map(),
    secret: (name) => secrets.get(name),
  };
  const input: RunInput = {
    playbookPath: options.playbook,
    inventoryPath: options.inventory,
    limit: options.limit,
    settings,
    connectionDefaults: { acceptNewHostKeys: options.acceptNewHostKeys },
    openConnection,
    sink,
  };
  const prepared = prepareRun(input);
  if (listingOnly(options)) {
    process.stdout.write(redactor.redact(listing(prepared, options)));
    return EXIT.success;
  }
  const started = Date.now();
  const recap = await executeRun(input, prepared);
  const exitCode = exitCodeFor({ recap, check: options.check });
  sink.emit({ type: 'run-end', recap, durationMs: Date.now() - started, check: options.check, exitCode });
  return exitCode;
}

async function labOverrides(inventoryPath: string): Promise<Map<string, Vars>> {
  const { ensureLabUp } = await import('../lab/index.js');
  const hosts = await ensureLabUp(loadInventory(inventoryPath), { log: (l: string) => process.stderr.write(`${l}\n`) });
  return new Map([...hosts].map(([name, vars]) => [name, { ...vars }]));
}

/** --list-hosts, --list-tasks and --syntax-check contact no host (and start no lab). */
function listingOnly(options: RunOptions): boolean {
  return options.listHosts || options.listTasks || options.syntaxCheck;
}

function listing(prepared: PreparedRun, options: RunOptions): string {
  const lines: string[] = [`playbook: ${prepared.playbook.file}`];
  prepared.playbook.plays.forEach((play, i) => {
    lines.push('', `  play #${i + 1} (${play.hosts}): ${play.name}`);
    if (options.listHosts) {
      lines.push(`    hosts (${prepared.playHosts[i].length}):`, ...prepared.playHosts[i].map((h) => `      ${h}`));
    }
    if (options.listTasks) {
      lines.push('    tasks:');
      for (const task of [...play.preTasks, ...play.tasks, ...play.postTasks]) {
        const tags = task.tags.length ? `\tTAGS: [${task.tags.join(', ')}]` : '';
        lines.push(`      ${task.roleUse ? `${task.roleUse.role.name} : ` : ''}${task.name}${tags}`);
      }
    }
  });
  if (options.syntaxCheck) lines.push('', 'syntax OK: inventory, playbook, roles and variables are valid');
  return `${lines.join('\n')}\n`;
}

