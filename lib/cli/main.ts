// The entry point: parse the command line, hand the command to its runner, pick the exit code.
// --help and --version load only this file, the parser and the help text (~10 modules, no
// dependency); a run or `lab` imports the engine when it starts.
import { readFileSync } from 'node:fs';
import { formatError } from '../errors.js';
import { Redactor } from '../secrets/redactor.js';
import { parseArgs } from './args.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { helpText } from './help.js';

/** Why: the bin script's only call; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const redactor = new Redactor();
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        process.stdout.write(helpText());
        return EXIT.success;
      case 'version':
        process.stdout.write(`bc-play ${version()}\n`);
        return EXIT.success;
      case 'lab': {
        const { runLabCommand } = await import('../lab/cli.js');
        return await runLabCommand(command.argv, { out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) });
      }
      case 'run': {
        const { runPlaybookCommand } = await import('./run-command.js');
        return await runPlaybookCommand(command.options, redactor);
      }
    }
  } catch (error) {
    process.stderr.write(`${redactor.redact(formatError(error))}\n`);
    return exitCodeFor({ error });
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
