// The Debian mirrors the lab may reach: the ones this machine's own apt sources name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where apt inside the lab hosts downloads from. */
export interface Mirrors {
  /** e.g. http://deb.debian.org/debian */
  archive: string;
  /** e.g. http://deb.debian.org/debian-security */
  security: string;
}

/** Used when this machine's sources name no Debian mirror (e.g. not a Debian host). */
export const DEFAULT_MIRRORS: Mirrors = { archive: 'http://deb.debian.org/debian', security: 'http://deb.debian.org/debian-security' };

/** Why: both apt source formats (one-line .list and deb822 .sources) list URIs; we want them all. */
export function sourceUris(text: string): string[] {
  const uris: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(t);
    if (oneLine) uris.push(oneLine[1]);
    const deb822 = /^URIs:\s*(.+)$/i.exec(t);
    if (deb822) uris.push(...deb822[1].split(/\s+/));
  }
  return uris;
}

/**
 * Why: only Debian's own archive and security mirrors are allowed through the lab's firewall;
 * third-party repositories on this machine are not. A mirror is recognised by its path.
 */
export function pickMirrors(uris: string[]): Mirrors {
  const clean = uris.map((u) => u.replace(/\/+$/, '')).filter((u) => /^https?:\/\//.test(u));
  const archive = clean.find((u) => /\/debian$/.test(u));
  const security = clean.find((u) => /\/debian-security$/.test(u));
  if (!archive) return DEFAULT_MIRRORS;
  return { archive, security: security ?? archive.replace(/\/debian$/, '/debian-security') };
}

/** Why: the mirrors come from this machine's apt configuration, read once per `up`. */
export function hostMirrors(aptDir = '/etc/apt'): Mirrors {
  const files = [join(aptDir, 'sources.list')];
  try {
    for (const f of readdirSync(join(aptDir, 'sources.list.d'))) {
      if (f.endsWith('.list') || f.endsWith('.sources')) files.push(join(aptDir, 'sources.list.d', f));
    }
  } catch {
    // no sources.list.d: only sources.list
  }
  const uris = files.flatMap((f) => {
    try {
      return sourceUris(readFileSync(f, 'utf8'));
    } catch {
      return [];
    }
  });
  return pickMirrors(uris);
}

/** Why: the lab pins mirror names to the addresses its firewall allows, so both always agree. */
export function mirrorHostnames(m: Mirrors): string[] {
  return [...new Set([m.archive, m.security].map((u) => new URL(u).hostname))];
}

/** Why: DNS for the lab hosts is this machine's resolver, if it is reachable from a bridge. */
export function resolvConfNameservers(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    if (m && !m[1].startsWith('127.')) out.push(m[1]);
  }
  return out;
}
