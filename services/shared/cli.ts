// The entry-point wiring every service shares: pick the command from argv, run it, and turn a
// bad environment or a failure into one clear JSON log line and a meaningful exit code.
import { ConfigError } from './config.js';
import { createLogger } from './log.js';

export interface Command {
  usage: string;
  run(args: string[]): Promise<void>;
}

const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

// Why: one dispatcher so every bundle answers `node x.mjs help` and fails the same way.
export async function runCli(service: string, argv: string[], commands: Record<string, Command>, fallback: string): Promise<void> {
  const log = createLogger(service);
  const [name = fallback, ...args] = argv;
  const command = commands[name];
  if (!command) {
    const usage = Object.entries(commands).map(([n, c]) => `  ${n} ${c.usage}`).join('\n');
    process.stderr.write(`${service}: ${name === 'help' ? '' : `unknown command "${name}"\n`}commands:\n${usage}\n`);
    process.exit(name === 'help' ? 0 : EXIT_USAGE);
  }
  try {
    await command.run(args);
  } catch (err) {
    if (err instanceof ConfigError) {
      log.error(err.message, { problems: err.problems, command: name });
      process.stderr.write(`${service}: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    log.error(`${name} failed`, { err, command: name });
    process.exit(1);
  }
}

/** Why: a report read through `| head` or `| grep -q` ends quietly when its reader stops, as Unix tools do. */
export function printReport(lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // the write's own error comes again as an 'error' event after its callback: both are heard
    process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? resolve() : reject(err)));
    process.stdout.write(lines.map((line) => `${line}\n`).join(''), () => resolve());
  });
}
