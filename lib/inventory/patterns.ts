// Host patterns, as in a play's `hosts:` and `--limit`, with Ansible's meaning: `a,b` or `a:b`
// unite, `&g` intersects, `!h` excludes; globs match group and host names.
import { InputError, type Location } from '../errors.js';
import { hostsOf } from './tree.js';
import type { Inventory } from './types.js';

/**
 * Why: the one way a pattern becomes hosts, so plays and --limit agree. Union terms are applied
 * first, then every `&` term, then every `!` term, whatever their order in the pattern (Ansible's
 * rule); only `&`/`!` terms start from all hosts. A term matching no group or host is an error
 * (a typo must not silently shrink a run). The result is in inventory order.
 */
export function matchHosts(inventory: Inventory, pattern: string, where?: Location): string[] {
  const terms = pattern.split(/[,:]/).map((t) => t.trim()).filter(Boolean);
  if (terms.length === 0) {
    throw new InputError(`empty host pattern "${pattern}"`, where, 'use "all", or name groups and hosts');
  }
  const match = (term: string) => new Set(matchTerm(inventory, term, pattern, where));
  const unions = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const selected = unions.length ? new Set(unions.flatMap((t) => [...match(t)])) : match('all');
  for (const term of terms.filter((t) => t.startsWith('&'))) {
    const keep = match(term.slice(1));
    for (const host of selected) if (!keep.has(host)) selected.delete(host);
  }
  for (const term of terms.filter((t) => t.startsWith('!'))) {
    for (const host of match(term.slice(1))) selected.delete(host);
  }
  return [...inventory.hosts.keys()].filter((h) => selected.has(h));
}

function matchTerm(inventory: Inventory, term: string, pattern: string, where?: Location): string[] {
  if (term === 'all' || term === '*') return hostsOf(inventory, 'all');
  if (inventory.groups.has(term)) return hostsOf(inventory, term);
  if (inventory.hosts.has(term)) return [term];
  const glob = /[*?]/.test(term) ? globRegExp(term) : undefined;
  const groups = glob ? [...inventory.groups.keys()].filter((g) => glob.test(g)) : [];
  const hosts = glob ? [...inventory.hosts.keys()].filter((h) => glob.test(h)) : [];
  if (groups.length === 0 && hosts.length === 0) {
    const within = term === pattern.trim() ? '' : ` (in "${pattern}")`;
    throw new InputError(
      `host pattern "${term}"${within} matches no group or host`,
      where,
      `groups: ${[...inventory.groups.keys()].join(', ')}; hosts: ${[...inventory.hosts.keys()].join(', ') || '(none)'}`,
    );
  }
  return [...groups.flatMap((g) => hostsOf(inventory, g)), ...hosts];
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
