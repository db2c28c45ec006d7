// The base image: a minimal Debian built once with mmdebstrap, cached outside the repository under
// a key made of the suite and a hash of its recipe, so a changed recipe builds a new one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BcError, tail } from '../errors.js';
import { tryRun } from './exec.js';
import type { Mirrors } from './mirrors.js';

/** Debian releases the lab can boot. */
export const SUITES = ['trixie', 'bookworm'] as const;
export type Suite = (typeof SUITES)[number];

/**
 * Why: close to a fresh droplet: sshd, sudo, curl, systemd with networkd and a plain resolv.conf
 * (no systemd-resolved: the lab writes each host's resolv.conf); nothing else.
 */
export const BASE_PACKAGES = ['systemd', 'systemd-sysv', 'dbus', 'openssh-server', 'iproute2', 'ca-certificates', 'sudo', 'curl', 'libpam-systemd'];

/** Steps run on the finished tree ($1); each host then adds only its own files on its overlay. */
const CUSTOMIZE_HOOKS = [
  'chroot "$1" systemctl enable systemd-networkd.service',
  // Host keys are generated per lab host, so each has its own (and strict checking means something).
  'rm -f "$1"/etc/ssh/ssh_host_*',
  'printf "HostKey /etc/ssh/ssh_host_ed25519_key\\nPasswordAuthentication no\\n" > "$1"/etc/ssh/sshd_config.d/lab.conf',
  // Each host boots with its own machine id.
  'rm -f "$1"/etc/machine-id "$1"/var/lib/dbus/machine-id && : > "$1"/etc/machine-id',
];

/** What decides the image's content; its hash names the cache entry. */
export interface ImageRecipe {
  suite: Suite;
  packages: string[];
  sources: string[];
  hooks: string[];
}

/** Why: one pure function builds the recipe, so its hash changes exactly when the image would. */
export function imageRecipe(suite: Suite, mirrors: Mirrors): ImageRecipe {
  return {
    suite,
    packages: BASE_PACKAGES,
    sources: [
      `deb ${mirrors.archive} ${suite} main`,
      `deb ${mirrors.archive} ${suite}-updates main`,
      `deb ${mirrors.security} ${suite}-security main`,
    ],
    hooks: CUSTOMIZE_HOOKS,
  };
}

/** Why: the cache key; suite first so a directory listing reads well. */
export function imageKey(recipe: ImageRecipe): string {
  const hash = createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 12);
  return `${recipe.suite}-${hash}`;
}

function mmdebstrapArgs(recipe: ImageRecipe, target: string): string[] {
  return [
    '--variant=minbase',
    `--include=${recipe.packages.join(',')}`,
    ...recipe.hooks.map((h) => `--customize-hook=${h}`),
    recipe.suite,
    target,
    ...recipe.sources,
  ];
}

/**
 * Why: bring-up from the cache takes seconds; only the first `up` (or a changed recipe) pays for
 * mmdebstrap. The tree is built beside its final name and renamed, so a failed build leaves no
 * half image behind. Returns the image directory (the overlay's lower dir).
 */
export async function ensureImage(cacheDir: string, recipe: ImageRecipe, log: (line: string) => void): Promise<string> {
  const key = imageKey(recipe);
  const dir = join(cacheDir, key);
  if (existsSync(join(dir, 'etc', 'os-release'))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  log(`lab: building the ${recipe.suite} base image with mmdebstrap (once; cached in ${cacheDir})`);
  const started = Date.now();
  const r = await tryRun('mmdebstrap', mmdebstrapArgs(recipe, building));
  if (r.code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new BcError(`building the ${recipe.suite} base image failed (mmdebstrap exit ${r.code}):\n${tail(r.stderr, 15)}`, undefined, 'check that this machine reaches its Debian mirror');
  }
  renameSync(building, dir);
  log(`lab: base image ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

/** Why: a recipe change leaves the old image unused; drop it when no lab host stands on it. */
export function pruneImages(cacheDir: string, keep: string): void {
  const suite = keep.split('-')[0];
  if (!existsSync(cacheDir)) return;
  for (const entry of readdirSync(cacheDir)) {
    if (entry.startsWith(`${suite}-`) && entry !== keep) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}
