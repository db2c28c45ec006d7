import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSystemctlShow, unitFact, unitName, ASSUMED_AFTER_INSTALL } from '../../../lib/facts/systemd.js';

// What `systemctl show UNIT -p LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload` prints;
// the last case was captured on the build machine, where systemd is not PID 1.
const cases: [string, string, number, ReturnType<typeof parseSystemctlShow>][] = [
  [
    'a running, enabled service',
    'LoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nNeedDaemonReload=no\n',
    0,
    { load: 'loaded', active: 'active', sub: 'running', unitFile: 'enabled', needReload: false },
  ],
  [
    'a unit systemd cannot find',
    'LoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\nNeedDaemonReload=no\n',
    0,
    { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false },
  ],
  [
    'a masked unit',
    'LoadState=masked\nActiveState=inactive\nSubState=dead\nUnitFileState=masked\nNeedDaemonReload=no\n',
    0,
    { load: 'masked', active: 'inactive', sub: 'dead', unitFile: 'masked', needReload: false },
  ],
  [
    'a failed unit whose file changed on disk',
    'LoadState=loaded\nActiveState=failed\nSubState=failed\nUnitFileState=disabled\nNeedDaemonReload=yes\n',
    0,
    { load: 'loaded', active: 'failed', sub: 'failed', unitFile: 'disabled', needReload: true },
  ],
  [
    'a host without systemd as PID 1',
    "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n",
    1,
    {
      load: 'unavailable',
      active: '',
      sub: '',
      unitFile: '',
      needReload: false,
      error: "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down",
    },
  ],
];
for (const [what, stdout, code, expected] of cases) {
  test(`reads ${what} from systemctl show`, () => {
    assert.equal(parseSystemctlShow(stdout, code), expected);
  });
}

const names: [string, string][] = [
  ['nginx', 'nginx.service'],
  ['nginx.service', 'nginx.service'],
  ['postgresql@15-main', 'postgresql@15-main.service'],
  ['certbot.timer', 'certbot.timer'],
  ['ssh.socket', 'ssh.socket'],
];
for (const [name, unit] of names) {
  test(`names the unit of "${name}" ${unit}`, () => {
    assert.is(unitName(name), unit);
  });
}

test('assumes a unit invalidated by a package install is active and enabled', () => {
  const spec = unitFact('nginx.service');
  assert.is(spec.key, 'systemd:nginx.service');
  assert.equal(spec.assumeAfterInvalidation, ASSUMED_AFTER_INSTALL);
  assert.equal(ASSUMED_AFTER_INSTALL, { load: 'loaded', active: 'active', sub: 'running', unitFile: 'enabled', needReload: false });
});

test.run();
