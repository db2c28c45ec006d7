// The `cron` module: one job in a user's crontab or a cron.d-style file, found by Ansible's
// `#Ansible: NAME` marker so a host Ansible managed before keeps a single entry.
import { crontabCommand, crontabFact, crontabObject } from '../facts/crontab.js';
import { fileContent } from '../facts/files.js';
import { pathObject } from '../facts/objects.js';
import { sh } from '../shell/quote.js';
import type { FactView, ModuleDefinition, Plan, PlanContext } from './module.js';
import { planWrite } from './support/atomic-write.js';
import { editFacts, splitLines, type Edit } from './support/text-edit.js';
import { editEnv, editJob, renderCrontab } from './support/cron-lines.js';

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
  env?: boolean;
  insertafter?: string;
  insertbefore?: string;
  state?: 'present' | 'absent';
}

const TIME = { type: 'string', minLength: 1, pattern: '^\\S+$', default: '*' } as const;

/** Why: periodic jobs (backups, renewals) must exist once, in Ansible's format, changed only when they differ. */
export const cronModule: ModuleDefinition<CronArgs> = {
  name: 'cron',
  description: 'Manages one job (or, with env, one variable), marked "#Ansible: NAME" as Ansible does, in a user\'s crontab (crontab -l / crontab -) or in a cron.d-style file (cron_file), which is removed when its last job is.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, pattern: '^[^\\n]+$', description: 'The job\'s name, written in its "#Ansible: NAME" marker line.' },
      job: { type: 'string', pattern: '^[^\\n]*$', description: 'The command to run (with env: the variable\'s value, which may be empty). Required with state: present.' },
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
      env: { type: 'boolean', default: false, description: 'Manage a variable instead of a job: the line NAME="JOB" (first, unless insertafter / insertbefore), as Ansible.' },
      insertafter: { type: 'string', minLength: 1, description: 'With env: a new variable goes after this variable\'s line.' },
      insertbefore: { type: 'string', minLength: 1, description: 'With env: a new variable goes before this variable\'s line.' },
      state: { enum: ['present', 'absent'], default: 'present', description: 'absent removes the job and its marker.' },
    },
    allOf: [
      {
        if: { properties: { state: { const: 'absent' } }, required: ['state'] },
        // As Ansible 2.14: a job (or a variable) needs its command (value), and in a cron_file the user.
        else: { required: ['job'], if: { required: ['cron_file'] }, then: { required: ['user'] } },
      },
      // insertafter / insertbefore only with env, one of them; a variable's name has no space.
      { not: { required: ['insertafter', 'insertbefore'] } },
      { if: { anyOf: [{ required: ['insertafter'] }, { required: ['insertbefore'] }] }, then: { required: ['env'], properties: { env: { const: true } } } },
      {
        if: { required: ['env'], properties: { env: { const: true } } },
        then: { properties: { name: { pattern: '^[^\\s]+$' } } },
        else: { properties: { job: { minLength: 1 } } },
      },
    ],
  },
  facts(args) {
    return args.cron_file === undefined ? [crontabFact(args.user)] : editFacts(cronPath(args.cron_file));
  },
  plan(args, facts, ctx) {
    const absent = args.state === 'absent';
    const edit: LinesEdit = args.env
      ? (where, lines, text) => editEnv(args.name, absent ? undefined : args.job, args, where, lines, text)
      : (where, lines, text) => editJob(args.name, absent ? undefined : jobLine(args), where, lines, text);
    // As Ansible: only the removal of a job (not of a variable) removes a cron_file left blank.
    const removesBlankFile = absent && !args.env;
    return args.cron_file === undefined ? planCrontab(args, edit, facts) : planCronFile(cronPath(args.cron_file), edit, removesBlankFile, facts, ctx);
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

/** The edit of one job or variable, given where it is (for messages), its lines and its text. */
type LinesEdit = (where: string, lines: string[], text: string) => Edit;

/** A user's crontab: read with crontab -l, replaced whole through crontab - (an empty one stays, as Ansible). */
function planCrontab(args: CronArgs, lineEdit: LinesEdit, facts: FactView): Plan {
  const fact = crontabFact(args.user);
  const text = facts.get(fact);
  const where = crontabObject(args.user).label!;
  const edit = lineEdit(where, splitLines(text), text);
  if ('unchanged' in edit) return { changes: [], reason: edit.unchanged };
  const content = renderCrontab(edit.lines);
  return { changes: [{ summary: edit.summary, command: crontabCommand(args.user, '-'), stdin: content, effects: [{ fact, value: content }], diff: { path: where, before: text, after: content } }] };
}

/** A cron_file: written atomically, or removed when no job and nothing but blank lines is left, as Ansible. */
function planCronFile(path: string, lineEdit: LinesEdit, removesBlankFile: boolean, facts: FactView, ctx: PlanContext): Plan {
  const old = facts.get(fileContent(path));
  const edit = lineEdit(path, splitLines(old.content), old.content);
  if ('unchanged' in edit) return { changes: [], reason: old.exists ? edit.unchanged : `${path} does not exist: ${edit.unchanged}` };
  if (removesBlankFile && edit.lines.every((l) => l.trim() === '')) {
    const effects = [
      { fact: fileContent(path), value: { exists: false, content: '', unread: null } },
      { touch: pathObject(path), cause: 'removed' as const },
    ];
    return { changes: [{ summary: `${edit.summary}, its last: remove ${path}`, command: sh`rm -f -- ${path}`, effects, diff: { path, before: old.content, after: '' } }] };
  }
  return planWrite({ path, content: Buffer.from(renderCrontab(edit.lines)), attrs: {}, summary: edit.summary }, facts, ctx);
}
