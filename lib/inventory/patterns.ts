// Host patterns, as in a play's `hosts:` and `--limit`, with Ansible's meaning: `a,b` or `a:b`
// unite, `&g` intersects, `!h` excludes; globs match group and host names, `~re` a regular
// expression; `web[0]`, `web[-1]`, `web[1:]`, `web[0:2]` (inclusive) pick hosts of a term by position.
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
  const terms = splitPattern(pattern);
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

/** As Ansible: split on commas when there are any, else on colons outside a subscript. */
function splitPattern(pattern: string): string[] {
  const parts = pattern.includes(',') ? pattern.split(',') : pattern.split(/:(?![^[]*\])/);
  return parts.map((t) => t.trim()).filter(Boolean);
}

function matchTerm(inventory: Inventory, term: string, pattern: string, where?: Location): string[] {
  const subscript = /^(.+)\[(?:(-?\d+)|(-?\d+)?\s*:\s*(-?\d+)?)\]$/.exec(term);
  // As Ansible: a regular expression has no subscript (`~web[12]` is a character class).
  if (subscript && !term.startsWith('~') && !inventory.groups.has(term) && !inventory.hosts.has(term)) {
    const [, base, index, from, to] = subscript;
    const hosts = orderedMatch(inventory, base, pattern, where);
    const at = (n: string) => (Number(n) < 0 ? hosts.length + Number(n) : Number(n));
    if (index !== undefined) return hosts.slice(at(index), at(index) + 1);
    return hosts.slice(from === undefined ? 0 : at(from), to === undefined ? hosts.length : at(to) + 1);
  }
  return orderedMatch(inventory, term, pattern, where);
}

function orderedMatch(inventory: Inventory, term: string, pattern: string, where?: Location): string[] {
  const found = new Set(matchName(inventory, term, pattern, where));
  return [...inventory.hosts.keys()].filter((h) => found.has(h));
}

function matchName(inventory: Inventory, term: string, pattern: string, where?: Location): string[] {
  if (term === 'all' || term === '*') return hostsOf(inventory, 'all');
  if (inventory.groups.has(term)) return hostsOf(inventory, term);
  if (inventory.hosts.has(term)) return [term];
  const glob = term.startsWith('~') ? regExp(term.slice(1), where) : /[*?]/.test(term) ? globRegExp(term) : undefined;
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

/** Ansible matches `~re` from the start of a name (Python's re.match). */
function regExp(source: string, where?: Location): RegExp {
  try {
    return new RegExp(`^(?:${source})`);
  } catch (error) {
    throw new InputError(`host pattern "~${source}" is not a valid regular expression: ${(error as Error).message}`, where);
  }
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
