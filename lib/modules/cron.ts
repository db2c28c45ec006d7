// The `cron` module: one job in a user's crontab or a cron.d-style file, found by Ansible's
// `#Ansible: NAME` marker so a host Ansible managed before keeps a single entry.
import { crontabCommand, crontabFact, crontabObject } from '../facts/crontab.js';
import { fileContent } from '../facts/files.js';
import { pathObject } from '../facts/objects.js';
import { sh } from '../shell/quote.js';
import type { FactView, ModuleDefinition, Plan, PlanContext } from './module.js';
import { planWrite } from './support/atomic-write.js';
import { editFacts, splitLines } from './support/text-edit.js';
import { editJob, renderCrontab } from './support/cron-lines.js';

export interface CronArgs {
  name: string;
  job?: string;
  cron_file?: string;
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
  description: 'Manages one job, marked "#Ansible: NAME" as Ansible does, in a user\'s crontab (crontab -l / crontab -) or in a cron.d-style file (cron_file), which is removed when its last job is.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, pattern: '^[^\\n]+$', description: 'The job\'s name, written in its "#Ansible: NAME" marker line.' },
      job: { type: 'string', minLength: 1, pattern: '^[^\\n]+$', description: 'The command to run. Required with state: present.' },
      cron_file: {
        type: 'string',
        minLength: 1,
        not: { const: '/etc/crontab' },
        description: 'The file holding the job instead of a user\'s crontab: a name under /etc/cron.d or an absolute path (not /etc/crontab, as Ansible). Removing its last job removes the file.',
      },
      user: { type: 'string', minLength: 1, pattern: '^\\S+$', description: 'Without cron_file: whose crontab (default: the user the task runs as). With cron_file: the user the job runs as (the line\'s user field), required with state: present.' },
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
    // As Ansible 2.14: a job needs its command, and a job in a cron_file the user it runs as.
    else: { required: ['job'], if: { required: ['cron_file'] }, then: { required: ['user'] } },
  },
  facts(args) {
    return args.cron_file === undefined ? [crontabFact(args.user)] : editFacts(cronPath(args.cron_file));
  },
  plan(args, facts, ctx) {
    const line = args.state === 'absent' ? undefined : jobLine(args);
    return args.cron_file === undefined ? planCrontab(args, line, facts) : planCronFile(args, cronPath(args.cron_file), line, facts, ctx);
  },
};

/** Why: as Ansible, a bare cron_file name lives under /etc/cron.d. */
function cronPath(file: string): string {
  return file.startsWith('/') ? file : `/etc/cron.d/${file}`;
}

/** Why: the exact line Ansible writes (a cron_file's has the user field), so a rerun by either tool finds it unchanged. */
function jobLine(args: CronArgs): string {
  const when = args.special_time
    ? `@${args.special_time}`
    : [args.minute, args.hour, args.day, args.month, args.weekday].map((f) => f ?? '*').join(' ');
  return `${args.disabled ? '#' : ''}${when}${args.cron_file === undefined ? '' : ` ${args.user}`} ${args.job}`;
}

/** A user's crontab: read with crontab -l, replaced whole through crontab - (an empty one stays, as Ansible). */
function planCrontab(args: CronArgs, line: string | undefined, facts: FactView): Plan {
  const fact = crontabFact(args.user);
  const text = facts.get(fact);
  const where = crontabObject(args.user).label!;
  const edit = editJob(args.name, line, where, splitLines(text), text);
  if ('unchanged' in edit) return { changes: [], reason: edit.unchanged };
  const content = renderCrontab(edit.lines);
  return { changes: [{ summary: edit.summary, command: crontabCommand(args.user, '-'), stdin: content, effects: [{ fact, value: content }], diff: { path: where, before: text, after: content } }] };
}

/** A cron_file: written atomically, or removed when no job and nothing but blank lines is left, as Ansible. */
function planCronFile(args: CronArgs, path: string, line: string | undefined, facts: FactView, ctx: PlanContext): Plan {
  const old = facts.get(fileContent(path));
  const edit = editJob(args.name, line, path, splitLines(old.content), old.content);
  if ('unchanged' in edit) return { changes: [], reason: old.exists ? edit.unchanged : `${path} does not exist: ${edit.unchanged}` };
  if (line === undefined && edit.lines.every((l) => l.trim() === '')) {
    const effects = [
      { fact: fileContent(path), value: { exists: false, content: '', unread: null } },
      { touch: pathObject(path), cause: 'removed' as const },
    ];
    return { changes: [{ summary: `${edit.summary}, its last: remove ${path}`, command: sh`rm -f -- ${path}`, effects, diff: { path, before: old.content, after: '' } }] };
  }
  return planWrite({ path, content: Buffer.from(renderCrontab(edit.lines)), attrs: {}, summary: edit.summary }, facts, ctx);
}
