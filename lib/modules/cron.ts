// The `cron` module: one job in a cron.d-style file, found by Ansible's `#Ansible: NAME` marker so
// a host Ansible managed before keeps a single entry.
import type { ModuleDefinition } from './module.js';
import { editFacts, planEdit, type Edit } from './support/text-edit.js';

export interface CronArgs {
  name: string;
  job?: string;
  cron_file: string;
  user?: string;
  minute?: string;
  hour?: string;
  day?: string;
  month?: string;
  weekday?: string;
  special_time?: 'annually' | 'daily' | 'hourly' | 'monthly' | 'reboot' | 'weekly' | 'yearly';
  disabled?: boolean;
  state?: 'present' | 'absent';
}

const TIME = { type: 'string', minLength: 1, pattern: '^\\S+$', default: '*' } as const;

/** Why: periodic jobs (backups, renewals) must exist once, in Ansible's format, changed only when they differ. */
export const cronModule: ModuleDefinition<CronArgs> = {
  name: 'cron',
  description: 'Manages one job, marked "#Ansible: NAME" as Ansible does, in a cron.d-style file (cron_file). User crontabs (no cron_file) are not supported yet.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'cron_file'],
    properties: {
      name: { type: 'string', minLength: 1, pattern: '^[^\\n]+$', description: 'The job\'s name, written in its "#Ansible: NAME" marker line.' },
      job: { type: 'string', minLength: 1, pattern: '^[^\\n]+$', description: 'The command to run. Required with state: present.' },
      cron_file: { type: 'string', minLength: 1, description: 'The file holding the job: a name under /etc/cron.d or an absolute path.' },
      user: { type: 'string', minLength: 1, pattern: '^\\S+$', description: 'The user the job runs as (the user field of the cron_file line). Required with state: present.' },
      minute: { ...TIME, description: 'Minute (0-59, *, */2, ...).' },
      hour: { ...TIME, description: 'Hour (0-23, *, ...).' },
      day: { ...TIME, description: 'Day of the month (1-31, *, ...).' },
      month: { ...TIME, description: 'Month (1-12, *, ...).' },
      weekday: { ...TIME, description: 'Day of the week (0-6 for Sunday-Saturday, *, ...).' },
      special_time: { enum: ['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'], description: 'Run at @reboot, @daily, ... instead of the five time fields.' },
      disabled: { type: 'boolean', default: false, description: 'Keep the job commented out.' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'absent removes the job and its marker.' },
    },
    if: { properties: { state: { const: 'absent' } }, required: ['state'] },
    // As Ansible 2.14: a job in a cron_file needs the user it runs as.
    else: { required: ['job', 'user'] },
  },
  facts(args) {
    return editFacts(cronPath(args.cron_file));
  },
  plan(args, facts, ctx) {
    const path = cronPath(args.cron_file);
    const line = args.state === 'absent' ? undefined : jobLine(args);
    return planEdit({ path, attrs: {}, create: true }, (lines) => editJob(args.name, line, path, lines), facts, ctx);
  },
};

/** Why: as Ansible, a bare cron_file name lives under /etc/cron.d. */
function cronPath(file: string): string {
  return file.startsWith('/') ? file : `/etc/cron.d/${file}`;
}

/** Why: the exact line Ansible writes, so a rerun by either tool finds it unchanged. */
function jobLine(args: CronArgs): string {
  const when = args.special_time
    ? `@${args.special_time}`
    : [args.minute, args.hour, args.day, args.month, args.weekday].map((f) => f ?? '*').join(' ');
  return `${args.disabled ? '#' : ''}${when} ${args.user} ${args.job}`;
}

function editJob(name: string, line: string | undefined, path: string, lines: string[]): Edit {
  const marker = `#Ansible: ${name}`;
  const at = lines.indexOf(marker);
  if (line === undefined) {
    if (at === -1) return { unchanged: `${path} has no job ${name}` };
    return { lines: lines.filter((_, i) => i !== at && i !== at + 1), summary: `remove job ${name} from ${path}` };
  }
  if (at === -1) return { lines: [...lines, marker, line], summary: `add job ${name} to ${path}` };
  if (lines[at + 1] === line) return { unchanged: `${path} already has job ${name}: ${line}` };
  const next = [...lines.slice(0, at + 1), line, ...lines.slice(at + 2)];
  return { lines: next, summary: `set job ${name} in ${path} to ${line}` };
}
