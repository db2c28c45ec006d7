// Unit facts: what `systemctl show` says of one unit.
import { sh } from '../shell/quote.js';
import type { FactSpec, Touch } from './fact.js';
import { pathObject, type HostObject } from './objects.js';

/** The states of a unit that the service module compares with what is wanted. */
export interface UnitState {
  /** loaded, not-found, masked, bad-setting, error; or "unavailable" when systemctl failed. */
  load: string;
  /** active, reloading, inactive, failed, activating, deactivating. */
  active: string;
  sub: string;
  /** enabled, disabled, static, masked, ... ; empty for units systemd cannot find. */
  unitFile: string;
  /** The unit file changed on disk since systemd loaded it. */
  needReload: boolean;
  /** What systemctl printed when it could not answer (no systemd, no bus). */
  error?: string;
}

const UNIT_TYPES = /\.(service|socket|timer|target|mount|automount|path|slice|scope|swap|device)$/;

/** Why: users write "nginx"; systemd and the fact keys speak of "nginx.service". */
export function unitName(name: string): string {
  return UNIT_TYPES.test(name) ? name : `${name}.service`;
}

/**
 * Why: what a real run will find after a package that ships this unit is installed: Debian
 * starts and enables the services of new packages. In check mode the executor uses it for
 * units an install invalidated, so `service: nginx state=started` after `apt: nginx` plans
 * what the real run will do (nothing) instead of failing on a unit that is not there yet.
 */
export const ASSUMED_AFTER_INSTALL: UnitState = {
  load: 'loaded',
  active: 'active',
  sub: 'running',
  unitFile: 'enabled',
  needReload: false,
};

const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];

/** Why: the units of a package (`nginx`: nginx.service; `postgresql`: postgresql@15-main.service). */
export function packageUnits(packageName: string): HostObject {
  return { id: `unit:${packageName}`, prefix: true };
}

/**
 * Why: one key per unit (`systemd:nginx.service`), about the unit and the files systemd loads
 * it from (its file, a template's file, drop-ins), so writing a unit file replaces the fact.
 */
export function unitFact(unit: string): FactSpec<UnitState> {
  const template = /^([^@]+@)[^.]+(\.\w+)$/.exec(unit);
  const files = [unit, ...(template ? [`${template[1]}${template[2]}`] : [])];
  return {
    key: `systemd:${unit}`,
    about: [
      { id: `unit:${unit}` },
      ...UNIT_DIRS.flatMap((dir) => files.flatMap((f) => [pathObject(`${dir}/${f}`), pathObject(`${dir}/${f}.d`, { subtree: true })])),
    ],
    command: sh`LC_ALL=C systemctl show ${unit} -p LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload 2>&1`,
    parse: parseSystemctlShow,
    predict: (before, touch) => predictUnit(files, before, touch),
  };
}

/**
 * Why: check mode's unit after a package install (Debian starts what it ships), a removal, or a
 * unit file written: systemd loads a new file on demand (enabled only once asked; static
 * without an [Install] section) and flags a changed one for daemon-reload.
 */
function predictUnit(files: string[], before: UnitState, touch: Touch): UnitState | undefined {
  if (touch.cause === 'installed') return before.load === 'not-found' ? ASSUMED_AFTER_INSTALL : before;
  if (touch.cause === 'removed') return { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false };
  if (before.error !== undefined) return before;
  if (before.load !== 'not-found') return { ...before, needReload: true };
  // an instance (bc-x@1.service) loads from its template's file (bc-x@.service)
  const written = [...touch.set].find(([key]) => key.startsWith('content:') && files.some((f) => key.endsWith(`/${f}`)))?.[1] as { content?: string } | undefined;
  if (written?.content === undefined) return undefined;
  const unitFile = /^\[Install\]/m.test(written.content) ? 'disabled' : 'static';
  return { load: 'loaded', active: 'inactive', sub: 'dead', unitFile, needReload: false };
}

/** Why: `systemctl show` prints Key=Value lines; a non-zero exit means systemd did not answer. */
export function parseSystemctlShow(stdout: string, code: number): UnitState {
  if (code !== 0) {
    return { load: 'unavailable', active: '', sub: '', unitFile: '', needReload: false, error: stdout.trim() };
  }
  const props = new Map(
    stdout
      .split('\n')
      .map((line) => /^(\w+)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  return {
    load: props.get('LoadState') ?? '',
    active: props.get('ActiveState') ?? '',
    sub: props.get('SubState') ?? '',
    unitFile: props.get('UnitFileState') ?? '',
    needReload: props.get('NeedDaemonReload') === 'yes',
  };
}
