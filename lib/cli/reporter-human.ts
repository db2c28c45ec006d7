// The human reporter: Ansible-shaped text (PLAY, TASK, a line per host, PLAY RECAP) from events.
import type { EngineEvent, EventSink, RecapCounts } from '../engine/events.js';
import { painter, type Color } from './ansi.js';
import { unifiedDiff } from './diff.js';
import type { TextOutput } from './output.js';

export interface HumanReporterOptions {
  out?: TextOutput;
  color: boolean;
  /** 0: a line per host; 1 (-v): reasons, task paths, commands run, facts read. */
  verbosity: number;
  /** Show the diffs carried by results (--diff). */
  diff: boolean;
}

type HostResult = Extract<EngineEvent, { type: 'host-result' }>;
type RunEnd = Extract<EngineEvent, { type: 'run-end' }>;

const WIDTH = 80;
const PROGRESS_HOSTS = 5;
const RECAP_FIELDS: ReadonlyArray<[keyof RecapCounts, Color]> = [
  ['ok', 'green'],
  ['changed', 'yellow'],
  ['unreachable', 'red'],
  ['failed', 'red'],
  ['skipped', 'cyan'],
  ['rescued', 'cyan'],
  ['ignored', 'cyan'],
];

/** Why: Ansible users should read bc-play's output without learning a new layout. */
export class HumanReporter implements EventSink {
  private readonly out: TextOutput;
  private readonly paint: ReturnType<typeof painter>;
  /** Change lines seen, for "N changes pending" in check mode. */
  private changeCount = 0;

  constructor(private readonly options: HumanReporterOptions) {
    this.out = options.out ?? process.stdout;
    this.paint = painter(options.color);
  }

  emit(event: EngineEvent): void {
    const lines = this.render(event);
    if (lines.length) this.out.write(`${lines.join('\n')}\n`);
  }

  private render(event: EngineEvent): string[] {
    switch (event.type) {
      case 'run-start': {
        const hosts = `${event.hosts.length} host${event.hosts.length === 1 ? '' : 's'}`;
        const header = `playbook: ${event.playbook}  inventory: ${event.inventory} (${hosts})`;
        return event.check ? [header, 'CHECK MODE: changes are predicted and reported, none is made'] : [header];
      }
      case 'play-start':
        return ['', header('PLAY', event.name)];
      case 'task-start': {
        const lines = ['', header(event.handler ? 'RUNNING HANDLER' : 'TASK', event.name)];
        return this.options.verbosity > 0 ? [...lines, `task path: ${event.location}`] : lines;
      }
      case 'host-result':
        return this.hostResult(event);
      case 'task-progress':
        return [`still running on ${hostList(event.hosts)} (${formatDuration(event.elapsedMs, false)})`];
      case 'warning':
        return [this.paint('magenta', `[WARNING]: ${event.message}`)];
      case 'play-end':
        return [];
      case 'run-end':
        return this.recap(event);
    }
  }

  private hostResult(r: HostResult): string[] {
    const item = r.item === undefined ? '' : ` (item=${r.item})`;
    const verbose = this.options.verbosity > 0;
    const shown = r.shown ?? r.notChecked ?? (verbose ? r.message : undefined);
    const reason = shown ? ` => ${shown}` : '';
    const lines: string[] = [];
    switch (r.status) {
      case 'ok':
        lines.push(this.paint('green', `ok: [${r.host}]${item}${reason}`));
        break;
      case 'skipped':
        lines.push(this.paint('cyan', `skipping: [${r.host}]${item}${reason}`));
        break;
      case 'changed':
        this.changeCount += Math.max(1, r.changes.length);
        lines.push(this.paint('yellow', `changed: [${r.host}]${item}${reason}`));
        break;
      case 'failed':
        lines.push(this.paint('red', `fatal: [${r.host}]${item}: FAILED! ${r.message ?? 'failed'}`));
        break;
      case 'unreachable':
        lines.push(this.paint('red', `fatal: [${r.host}]: UNREACHABLE! ${r.message ?? 'unreachable'}`));
        break;
    }
    lines.push(...r.changes.map((c) => `  - ${c}`));
    if (verbose) {
      lines.push(...r.commands.map((c) => `  $ ${c.replace(/\n/g, '\n    ')}`));
      if (r.factsRead.length) lines.push(`  facts: ${r.factsRead.join(', ')}`);
    }
    if (this.options.diff) lines.push(...r.diffs.flatMap((d) => unifiedDiff(d).map((l) => this.diffLine(l))));
    return lines;
  }

  private diffLine(line: string): string {
    if (line.startsWith('--- ') || line.startsWith('+++ ')) return this.paint('bold', line);
    if (line.startsWith('@@')) return this.paint('cyan', line);
    if (line.startsWith('-')) return this.paint('red', line);
    if (line.startsWith('+')) return this.paint('green', line);
    return line;
  }

  private recap(end: RunEnd): string[] {
    const hosts = Object.keys(end.recap).sort();
    const nameWidth = Math.max(0, ...hosts.map((h) => h.length));
    const widths = RECAP_FIELDS.map(([field]) => Math.max(...hosts.map((h) => `${field}=${end.recap[h][field]}`.length)));
    const rows = hosts.map((host) => {
      const counts = end.recap[host];
      const cells = RECAP_FIELDS.map(([field, color], i) => {
        const cell = `${field}=${counts[field]}`;
        const pad = i === RECAP_FIELDS.length - 1 ? '' : ' '.repeat(widths[i] - cell.length);
        return (counts[field] > 0 ? this.paint(color, cell) : cell) + pad;
      });
      return `${this.paint(hostColor(counts), host.padEnd(nameWidth))} : ${cells.join('  ')}`;
    });
    const lines = ['', header('PLAY RECAP', undefined), ...rows, '', `Duration: ${formatDuration(end.durationMs, true)}`];
    if (end.check) lines.push(this.pendingLine(end));
    return lines;
  }

  /** Never "no changes pending" for a run that could not check every host (exit 2 or 4). */
  private pendingLine(end: RunEnd): string {
    const counts = Object.values(end.recap);
    const hosts = counts.filter((c) => c.changed > 0).length;
    const pending = hosts === 0 ? 'no changes pending' : `${plural(this.changeCount, 'change')} pending on ${plural(hosts, 'host')}`;
    const unreachable = counts.filter((c) => c.unreachable > 0).length;
    const failed = counts.filter((c) => c.failed > 0 && c.unreachable === 0).length;
    const gaps = [failed ? `${plural(failed, 'host')} failed` : '', unreachable ? `${plural(unreachable, 'host')} unreachable` : ''].filter(Boolean);
    if (gaps.length) return this.paint('red', `Check mode: incomplete, ${gaps.join(' and ')}; ${pending} on the others; nothing was changed.`);
    if (hosts === 0) return 'Check mode: no changes pending.';
    return this.paint('yellow', `Check mode: ${pending}; nothing was changed.`);
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function header(kind: string, name: string | undefined): string {
  const title = name === undefined ? kind : `${kind} [${name}]`;
  return `${title} ${'*'.repeat(Math.max(3, WIDTH - title.length - 1))}`;
}

function hostColor(c: RecapCounts): Color {
  if (c.failed > 0 || c.unreachable > 0) return 'red';
  return c.changed > 0 ? 'yellow' : 'green';
}

function hostList(hosts: string[]): string {
  const shown = hosts.slice(0, PROGRESS_HOSTS).join(', ');
  return hosts.length > PROGRESS_HOSTS ? `${shown} and ${hosts.length - PROGRESS_HOSTS} more` : shown;
}

/** Why: "35 s" while waiting, "1.2 s" or "2 min 05 s" in the recap: read at a glance, not ms. */
export function formatDuration(ms: number, precise: boolean): string {
  if (precise && ms < 999.5) return `${Math.round(ms)} ms`;
  if (precise && Math.round(ms / 100) < 600) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const seconds = precise ? Math.round(ms / 1000) : Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
