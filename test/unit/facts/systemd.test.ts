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

const touched = (set: Record<string, unknown> = {}, cause?: 'installed' | 'removed') => ({ object: { id: 'unit:nginx.service' }, cause, set: new Map(Object.entries(set)) });
const notFound = { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false };

test('predicts a unit a package install ships as active and enabled, and a known one as it was', () => {
  const spec = unitFact('nginx.service');
  assert.equal(spec.predict?.(notFound, touched({}, 'installed')), ASSUMED_AFTER_INSTALL);
  assert.equal(ASSUMED_AFTER_INSTALL, { load: 'loaded', active: 'active', sub: 'running', unitFile: 'enabled', needReload: false });
  const running = { ...ASSUMED_AFTER_INSTALL, unitFile: 'disabled' };
  assert.equal(spec.predict?.(running, touched({}, 'installed')), running);
});

test('predicts a new unit file as loaded and stopped (disabled with an [Install] section, else static)', () => {
  const spec = unitFact('app.service');
  const write = (content: string) => touched({ 'content:/etc/systemd/system/app.service': { exists: true, content, unread: null } });
  assert.equal(spec.predict?.(notFound, write('[Service]\nExecStart=/x\n[Install]\nWantedBy=multi-user.target\n')), { load: 'loaded', active: 'inactive', sub: 'dead', unitFile: 'disabled', needReload: false });
  assert.is(spec.predict?.(notFound, write('[Service]\nExecStart=/x\n'))?.unitFile, 'static');
  assert.is(spec.predict?.({ ...ASSUMED_AFTER_INSTALL }, write('[Service]\n'))?.needReload, true);
});

test('predicts an instance of a new template unit file as loaded and stopped, so check mode predicts its start', () => {
  const spec = unitFact('bc-engines-worker@2.service');
  const write = touched({ 'content:/etc/systemd/system/bc-engines-worker@.service': { exists: true, content: '[Service]\nExecStart=/x\n[Install]\nWantedBy=multi-user.target\n', unread: null } });
  assert.equal(spec.predict?.(notFound, write), { load: 'loaded', active: 'inactive', sub: 'dead', unitFile: 'disabled', needReload: false });
});

test('a unit is about its unit files, a template unit about its template file and drop-ins too', () => {
  const ids = unitFact('postgresql@15-main.service').about.map((o) => o.id);
  for (const id of ['unit:postgresql@15-main.service', 'path:/etc/systemd/system/postgresql@15-main.service', 'path:/lib/systemd/system/postgresql@.service', 'path:/etc/systemd/system/postgresql@.service.d']) {
    assert.ok(ids.includes(id), id);
  }
});

test.run();
