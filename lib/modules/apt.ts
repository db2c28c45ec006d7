// apt: packages present, absent or at the newest version, with an optional cache update.
import { APT_LISTS, aptCacheAge, candidateFact, packageFact, type PackageState } from '../facts/apt.js';
import type { FactSpec } from '../facts/fact.js';
import { packageUnits } from '../facts/systemd.js';
import { raw, sh } from '../shell/quote.js';
import { InputError } from '../errors.js';
import type { Change, FactEffect, FactView, ModuleDefinition } from './module.js';

export interface AptArgs {
  name?: string | string[];
  state?: 'present' | 'absent' | 'latest';
  update_cache?: boolean;
  cache_valid_time?: number;
  install_recommends?: boolean;
  purge?: boolean;
}

const PACKAGE = '^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?$';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: {
      description: 'Package name, or a list of them; `name=version` pins a version (state present).',
      anyOf: [
        { type: 'string', pattern: PACKAGE },
        { type: 'array', items: { type: 'string', pattern: PACKAGE }, minItems: 1 },
      ],
    },
    state: {
      description: 'present: installed (any version); latest: the candidate version; absent: removed.',
      enum: ['present', 'absent', 'latest'],
      default: 'present',
    },
    update_cache: { type: 'boolean', default: false, description: 'Run `apt-get update` first.' },
    cache_valid_time: {
      type: 'integer',
      minimum: 0,
      description: 'With update_cache: skip the update when the package lists are younger than this many seconds.',
    },
    install_recommends: { type: 'boolean', default: false, description: 'Also install recommended packages.' },
    purge: { type: 'boolean', default: false, description: 'With state absent: also remove configuration files.' },
  },
  anyOf: [{ required: ['name'] }, { required: ['update_cache'] }],
};

const APT_ENV = 'DEBIAN_FRONTEND=noninteractive';
const LOCK = raw(sh`-o DPkg::Lock::Timeout=120`);
const KEEP_CONFIG = raw(sh`-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold`);

interface Wanted {
  name: string;
  version?: string;
}

/** Why: Ansible users expect this module; here every decision is made from facts, before apt runs. */
export const aptModule: ModuleDefinition<AptArgs> = {
  name: 'apt',
  description: 'Installs, upgrades or removes Debian packages, optionally updating the package lists first.',
  schema,
  facts(args) {
    const specs: FactSpec<unknown>[] = wanted(args).map((w) => packageFact(w.name));
    if (args.state === 'latest') specs.push(...wanted(args).map((w) => candidateFact(w.name)));
    if (args.update_cache && args.cache_valid_time !== undefined) specs.push(aptCacheAge);
    return specs;
  },
  plan(args, facts) {
    const changes: Change[] = [];
    const update = cacheUpdate(args, facts);
    if (update) changes.push(update);
    const packages = wanted(args);
    const state = args.state ?? 'present';
    const work = state === 'absent' ? removal(args, packages, facts) : install(args, packages, facts, update !== undefined);
    if (work.change) changes.push(work.change);
    return { changes, reason: work.reason, ...(work.warnings ? { warnings: work.warnings } : {}) };
  },
};

function wanted(args: AptArgs): Wanted[] {
  const names = args.name === undefined ? [] : Array.isArray(args.name) ? args.name : [args.name];
  return names.map((n) => {
    const [name, version] = n.split('=', 2);
    return version ? { name, version } : { name };
  });
}

function cacheUpdate(args: AptArgs, facts: FactView): Change | undefined {
  if (!args.update_cache) return undefined;
  if (args.cache_valid_time !== undefined) {
    const age = facts.get(aptCacheAge);
    if (age !== null && age <= args.cache_valid_time) return undefined;
  }
  return {
    summary: 'update the package lists',
    // apt leaves the lists folder untouched when nothing changed upstream; touching it makes
    // the cache age (and so cache_valid_time) count from this update.
    command: sh`apt-get update -q ${LOCK} && touch /var/lib/apt/lists`,
    effects: [{ fact: aptCacheAge, value: 0 }, { touch: APT_LISTS, cause: 'lists-updated' }],
  };
}

interface Work {
  change?: Change;
  reason?: string;
  warnings?: string[];
}

function install(args: AptArgs, packages: Wanted[], facts: FactView, cacheUpdated: boolean): Work {
  const latest = args.state === 'latest';
  const todo: { w: Wanted; now: PackageState; to: string | null }[] = [];
  const done: string[] = [];
  for (const w of packages) {
    const now = facts.get(packageFact(w.name));
    const candidate = latest ? facts.get(candidateFact(w.name)) : null;
    const to = w.version ?? (cacheUpdated ? null : candidate);
    const ok =
      now.status === 'installed' &&
      (w.version === undefined || now.version === w.version) &&
      (!latest || (!cacheUpdated && (candidate === null || candidate === now.version)));
    if (ok) done.push(`${w.name} ${now.version}`);
    else todo.push({ w, now, to });
  }
  const reason = done.length ? `already ${latest ? 'the newest' : 'installed'}: ${done.join(', ')}` : undefined;
  if (!todo.length) return { reason };
  const warnings = cacheUpdated ? [] : installability(todo.map((t) => ({ name: t.w.name, state: t.now })));
  const effects: FactEffect[] = todo.map((t) => ({
    fact: packageFact(t.w.name),
    value: { status: 'installed', version: t.to ?? 'predicted' } satisfies PackageState,
  }));
  // New packages ship units that Debian starts and enables, and files, users and databases of
  // their own: a real run reads facts again; check mode assumes the units named like a new
  // package (ASSUMED_AFTER_INSTALL in facts/systemd.ts: nginx.service, postgresql@17-main) and
  // keeps what it knows of the rest, so the units bc-play writes itself are still predicted.
  const installed = todo.filter((t) => t.now.status !== 'installed');
  if (installed.length) effects.push(...installed.map((t) => ({ touch: packageUnits(t.w.name), cause: 'installed' as const })), { unpredictable: true });
  const recommends = args.install_recommends ? raw('--install-recommends') : raw('--no-install-recommends');
  const targets = todo.map((t) => (t.w.version ? `${t.w.name}=${t.w.version}` : t.w.name));
  return {
    reason,
    ...(warnings.length ? { warnings } : {}),
    change: {
      summary: `install ${todo.map(describeInstall).join(', ')}`,
      command: sh`${raw(APT_ENV)} apt-get install -y -q ${LOCK} ${recommends} ${KEEP_CONFIG} ${targets}`,
      effects,
    },
  };
}

/**
 * What the lists say about packages to install (read with the package facts, see facts/apt.ts):
 * one apt has no candidate for fails the task now, in --check as in a real run, instead of
 * `apt-get` failing later; lists never downloaded make a warning, since the install will fail.
 */
function installability(packages: { name: string; state: PackageState }[]): string[] {
  const missing = packages.filter((p) => p.state.installable === 'no').map((p) => p.name);
  if (missing.length) {
    throw new InputError(
      `apt has no installation candidate for ${missing.join(', ')}: no such package in this host's package lists`,
      undefined,
      'check the spelling (`apt-cache search NAME` on the host); a package from another repository needs its source first, then update_cache: true in this task',
    );
  }
  const unlisted = packages.filter((p) => p.state.installable === 'no-lists').map((p) => p.name);
  if (!unlisted.length) return [];
  return [
    `installs ${unlisted.join(', ')}, but this host has no package lists (apt-get update never ran), so apt cannot find ${unlisted.length === 1 ? 'it' : 'them'}: add update_cache: true (with cache_valid_time: 3600) to this task or an earlier apt task`,
  ];
}

function describeInstall(t: { w: Wanted; now: PackageState; to: string | null }): string {
  if (t.now.status === 'installed') return `${t.w.name} ${t.now.version} → ${t.to ?? 'newest'}`;
  return t.to ? `${t.w.name} ${t.to}` : t.w.name;
}

function removal(args: AptArgs, packages: Wanted[], facts: FactView): Work {
  const remove = packages.filter((w) => {
    const { status } = facts.get(packageFact(w.name));
    return status === 'installed' || status === 'broken' || (args.purge === true && status === 'config-files');
  });
  const gone = packages.filter((w) => !remove.includes(w)).map((w) => w.name);
  const reason = gone.length ? `not installed: ${gone.join(', ')}` : undefined;
  if (!remove.length) return { reason };
  const names = remove.map((w) => w.name);
  const after: PackageState = args.purge ? { status: 'absent', version: null } : { status: 'config-files', version: null };
  const verb = args.purge ? 'purge' : 'remove';
  return {
    reason,
    change: {
      summary: `${verb} ${names.join(', ')}`,
      command: sh`${raw(APT_ENV)} apt-get ${raw(verb)} -y -q ${LOCK} ${names}`,
      effects: [
        ...names.map((name) => ({ fact: packageFact(name), value: after })),
        // Removed packages take their units, files and users with them.
        ...names.map((name) => ({ touch: packageUnits(name), cause: 'removed' as const })),
        { unpredictable: true },
      ],
    },
  };
}
