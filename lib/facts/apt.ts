// Package facts: what dpkg says is installed, what apt would install, and how old the lists are.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import type { HostObject } from './objects.js';

/** Why: the package lists `apt-get update` downloads: what candidates and the cache age are about. */
export const APT_LISTS: HostObject = { id: 'apt-lists' };

/** Why: the object a package's facts describe. */
export function packageObject(name: string): HostObject {
  return { id: `package:${name}` };
}

/** A package as dpkg knows it; `broken` covers half-installed and unpacked-but-unconfigured. */
export interface PackageState {
  status: 'installed' | 'config-files' | 'absent' | 'broken';
  /** Installed version; 'predicted' after an install whose version is not known in advance. */
  version: string | null;
}

const INSTALLED = new Set(['installed', 'triggers-awaited', 'triggers-pending']);
const BROKEN = new Set(['half-installed', 'unpacked', 'half-configured']);

/** Why: one key per package, so an install predicts exactly the packages it touches. */
export function packageFact(name: string): FactSpec<PackageState> {
  return {
    key: `apt:${name}`,
    about: [packageObject(name)],
    command: sh`dpkg-query -W -f='\${db:Status-Status}\\t\${Version}\\n' ${name} 2>/dev/null`,
    parse: parseDpkgQuery,
  };
}

/** Why: dpkg-query prints nothing and exits 1 for names it never saw; that is "absent" too. */
export function parseDpkgQuery(stdout: string): PackageState {
  const [status = '', version = ''] = stdout.trim().split('\n')[0].split('\t');
  if (INSTALLED.has(status)) return { status: 'installed', version };
  if (status === 'config-files') return { status: 'config-files', version: null };
  if (BROKEN.has(status)) return { status: 'broken', version: version || null };
  return { status: 'absent', version: null };
}

/** Why: `state: latest` compares the installed version with the one apt would pick. */
export function candidateFact(name: string): FactSpec<string | null> {
  return {
    key: `apt-candidate:${name}`,
    about: [packageObject(name), APT_LISTS],
    command: sh`LC_ALL=C apt-cache policy ${name}`,
    parse: parseAptPolicy,
    // Fresh lists rarely change a candidate; check mode keeps the one it read (apt.ts says so).
    predict: (before, touch) => (touch.cause === 'lists-updated' ? before : undefined),
  };
}

/** Why: the candidate line of `apt-cache policy`; "(none)" or no output means nothing to install. */
export function parseAptPolicy(stdout: string): string | null {
  const candidate = /^\s*Candidate:\s*(\S+)/m.exec(stdout)?.[1];
  return candidate && candidate !== '(none)' ? candidate : null;
}

/**
 * Why: cache_valid_time needs the age of the package lists: the time of the lists folder, which
 * the apt module touches after each update; null when no lists were ever downloaded.
 */
export const aptCacheAge: FactSpec<number | null> = {
  key: 'apt-cache:age',
  about: [APT_LISTS],
  command:
    // The lists folder's time (the apt module touches it after each update) counts only when
    // package lists exist: any apt-get run rewrites pkgcache.bin, so that file says nothing.
    'if ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then echo "$(date +%s) $(stat -c %Y /var/lib/apt/lists)"; else echo "$(date +%s) 0"; fi',
  parse(stdout) {
    const [now, newest] = stdout.trim().split(/\s+/).map(Number);
    if (!Number.isFinite(now) || !Number.isFinite(newest) || newest === 0) return null;
    return Math.max(0, now - newest);
  },
};
