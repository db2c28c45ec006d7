// The --help text, printed from the same option and exit-code tables the parser and runs use.
import { OPTIONS, type OptionSpec } from './args.js';
import { EXIT_CODES } from './exit-codes.js';

/** Why: Ansible users read ansible-playbook's flags here; generated, so it never lies about them. */
export function helpText(): string {
  const flags = OPTIONS.map(optionLabel);
  const width = Math.max(...flags.map((f) => f.length));
  return [
    'Usage: bc-play [options] PLAYBOOK',
    '       bc-play unlock HOST|GROUP      release the deploy locks there (playbooks/unlock.yaml)',
    '       bc-play lab <command> [args...]',
    '',
    'Applies a playbook to the hosts of an inventory: declarative, idempotent, honest in --check.',
    'PLAYBOOK is a name in playbooks/ (site or site.yaml means playbooks/site.yaml) or a path.',
    '',
    'Options:',
    ...OPTIONS.map((o, i) => `  ${flags[i].padEnd(width)}  ${o.help}`),
    '',
    'Exit codes:',
    ...EXIT_CODES.map((e) => `  ${e.code}  ${e.meaning}`),
    '',
    'Examples:',
    '  bc-play site                     apply playbooks/site.yaml to inventory.yaml',
    '  bc-play site -C -D -l web1       show what would change on web1, with diffs',
    '  bc-play site -t nginx -e @vars.yaml -e release=42',
    '  bc-play site --check --json      drift report for CI: one JSON event per line',
    '',
  ].join('\n');
}

function optionLabel(o: OptionSpec): string {
  const names = o.short ? `-${o.short}, --${o.long}` : `    --${o.long}`;
  return o.value ? `${names} ${o.value}` : names;
}
