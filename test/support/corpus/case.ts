// One case of the read-ahead corpus: a playbook run on a fresh temp dir ("root" on the host),
// with the statuses a correct engine reports, read ahead or not.

/**
 * Why: a case states what the run must do (its statuses), so a case both ways get wrong fails,
 * and the runner compares read-ahead on with off for everything else (files, changes, warnings).
 */
export interface CorpusCase {
  /** A behaviour sentence: what the user sees. */
  name: string;
  /** The playbook, on hosts `all`; `{{ root }}` is the case's temp dir on the host. */
  playbook: string;
  /** Files next to the playbook on the controller (templates, copy sources). */
  controller?: Record<string, string>;
  /** Prepares the temp dir (and the host) before every run of the case; gets the temp dir. */
  setup?(root: string): void;
  /** Accounts the case creates: removed (with their homes) before and after every way. */
  users?: string[];
  groups?: string[];
  /** More extra variables (besides root). */
  vars?(root: string): Record<string, unknown>;
  /**
   * Statuses of every host result in order (a loop gives one per item, handlers come where they
   * run), space separated: --check first, then the run, then a rerun (default: all ok/skipped as run).
   */
  check: string;
  run: string;
  rerun?: string;
  /** Files after the run, relative to root: their content, or null when they must not exist. */
  files?: Record<string, string | null>;
  /** The stale-fact bug this case was written for, when there was one. */
  bug?: string;
}

/** Why: most cases are one play of tasks on every host without host facts; this writes its head. */
export function tasks(body: string, handlers = ''): string {
  return `- hosts: all\n  gather_facts: false\n  tasks:\n${indent(body)}${handlers ? `  handlers:\n${indent(handlers)}` : ''}`;
}

function indent(text: string): string {
  return text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n')
    .replace(/\n*$/, '\n');
}
