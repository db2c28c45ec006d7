// Package facts: what dpkg says is installed, what apt would install, and how old the lists are.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import type { HostObject } from './objects.js';

/**
 * Why: what `apt-get update` touches: the package lists, their age and what they say about every
 * package (listingObject), so an update replaces each package's candidate, and only an update does.
 */
export const APT_LISTS: HostObject = { id: 'apt-lists', prefix: true, label: 'the package lists' };

const LISTS_AGE: HostObject = { id: 'apt-lists' };

/** Why: the object a package's facts describe. */
export function packageObject(name: string): HostObject {
  return { id: `package:${name}` };
}

/** Why: what the package lists say about one package; an install of another package leaves it alone. */
function listingObject(name: string): HostObject {
  return { id: `apt-lists:${name}` };
}

/** A package as dpkg knows it; `broken` covers half-installed and unpacked-but-unconfigured. */
export interface PackageState {
  status: 'installed' | 'config-files' | 'absent' | 'broken';
  /** Installed version; 'predicted' after an install whose version is not known in advance. */
  version: string | null;
  /**
   * Read only for a package that is not installed: whether apt can install it: 'no' when the lists
   * have no candidate for it (a misspelled name, another repository's package), 'no-lists' when no
   * package lists were ever downloaded. Absent: not read, or not known (check mode, after an update).
   */
  installable?: 'yes' | 'no' | 'no-lists';
}

const INSTALLED = new Set(['installed', 'triggers-awaited', 'triggers-pending']);
const BROKEN = new Set(['half-installed', 'unpacked', 'half-configured']);

/**
 * Why: one key per package, so an install predicts exactly the packages it touches; a package
 * that is not installed also says whether apt could install it, so check mode predicts the
 * failure of `apt: pgbouncerr` (the dpkg line alone costs nothing more when all is installed).
 */
export function packageFact(name: string): FactSpec<PackageState> {
  return {
    key: `apt:${name}`,
    about: [packageObject(name), listingObject(name)],
    command: [
      sh`s=$(dpkg-query -W -f='\${db:Status-Status}\\t\${Version}\\n' ${name} 2>/dev/null | head -n 1); printf '%s\\n' "$s"`,
      `case $s in installed*|triggers-*) exit 0 ;; esac`,
      `ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || { echo 'lists: none'; exit 0; }`,
      sh`c=$(LC_ALL=C apt-cache policy ${name} 2>/dev/null | sed -n 's/^ *Candidate: *//p'); echo "candidate: \${c:-(none)}"`,
      // A virtual package that a real one provides has no candidate of its own, and installs.
      sh`[ "\${c:-(none)}" != '(none)' ] || LC_ALL=C apt-cache showpkg ${name} 2>/dev/null | sed -n '/^Reverse Provides:/{n;s/^\\([^ ]*\\) .*/provided by: \\1/p;}'`,
    ].join('\n'),
    parse: parseDpkgQuery,
    predict: (before, touch) => {
      if (touch.cause !== 'lists-updated' && touch.cause !== 'not-run') return undefined;
      // Fresh lists: what is installed stays; a candidate apt had is kept, a missing one may now exist.
      const { installable, ...rest } = before;
      if (installable === undefined || installable === 'yes') return before;
      // Lists a command may have updated: whether the install will fail nobody knows (unknown).
      return touch.cause === 'lists-updated' ? rest : undefined;
    },
  };
}

/** Why: dpkg-query prints nothing and exits 1 for names it never saw; that is "absent" too. */
export function parseDpkgQuery(stdout: string): PackageState {
  const [first, ...rest] = stdout.trimEnd().split('\n');
  const [status = '', version = ''] = first.split('\t');
  if (INSTALLED.has(status)) return { status: 'installed', version };
  const known = availability(rest);
  if (status === 'config-files') return { status: 'config-files', version: null, ...known };
  if (BROKEN.has(status)) return { status: 'broken', version: version || null, ...known };
  return { status: 'absent', version: null, ...known };
}

function availability(lines: string[]): Pick<PackageState, 'installable'> {
  if (lines.includes('lists: none')) return { installable: 'no-lists' };
  const candidate = lines.find((l) => l.startsWith('candidate: '));
  if (candidate === undefined) return {};
  const provided = lines.some((l) => l.startsWith('provided by: '));
  return { installable: candidate !== 'candidate: (none)' || provided ? 'yes' : 'no' };
}

/** Why: `state: latest` compares the installed version with the one apt would pick. */
export function candidateFact(name: string): FactSpec<string | null> {
  return {
    key: `apt-candidate:${name}`,
    about: [packageObject(name), listingObject(name)],
    command: sh`LC_ALL=C apt-cache policy ${name}`,
    parse: parseAptPolicy,
    // Fresh lists rarely change a candidate; check mode keeps the one it read (apt.ts says so).
    predict: (before, touch) => (touch.cause === 'lists-updated' || touch.cause === 'not-run' ? before : undefined),
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
  about: [LISTS_AGE],
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
