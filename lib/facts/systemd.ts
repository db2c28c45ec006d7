// Unit facts: what `systemctl show` says of one unit.
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';

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

/** Why: one key per unit (`systemd:nginx.service`), invalidated as a whole by package changes. */
export function unitFact(unit: string): FactSpec<UnitState> {
  return {
    key: `systemd:${unit}`,
    command: sh`LC_ALL=C systemctl show ${unit} -p LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload 2>&1`,
    parse: parseSystemctlShow,
    assumeAfterInvalidation: ASSUMED_AFTER_INSTALL,
  };
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
