import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serviceModule, systemdModule, type ServiceArgs } from '../../../lib/modules/service.js';
import { ASSUMED_AFTER_INSTALL, type UnitState } from '../../../lib/facts/systemd.js';
import { argsError, commands, planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const unit = (active: string, unitFile: string, extra: Partial<UnitState> = {}): UnitState => ({
  load: 'loaded',
  active,
  sub: active === 'active' ? 'running' : 'dead',
  unitFile,
  needReload: false,
  ...extra,
});
const KEY = 'systemd:nginx.service';

const cases: [string, ServiceArgs, UnitState, string[]][] = [
  ['starts a stopped unit', { name: 'nginx', state: 'started' }, unit('inactive', 'enabled'), ['systemctl start nginx.service']],
  ['reports no change when the unit already runs', { name: 'nginx', state: 'started' }, unit('active', 'enabled'), []],
  ['counts an activating unit as started', { name: 'nginx', state: 'started' }, unit('activating', 'enabled'), []],
  ['starts a failed unit', { name: 'nginx', state: 'started' }, unit('failed', 'enabled'), ['systemctl start nginx.service']],
  ['stops a running unit', { name: 'nginx', state: 'stopped' }, unit('active', 'enabled'), ['systemctl stop nginx.service']],
  ['reports no change when stopping a stopped unit', { name: 'nginx', state: 'stopped' }, unit('inactive', 'enabled'), []],
  ['always restarts (an action, not a state)', { name: 'nginx', state: 'restarted' }, unit('active', 'enabled'), ['systemctl restart nginx.service']],
  ['reloads a running unit', { name: 'nginx', state: 'reloaded' }, unit('active', 'enabled'), ['systemctl reload nginx.service']],
  ['starts instead of reloading a unit that is not running', { name: 'nginx', state: 'reloaded' }, unit('inactive', 'enabled'), ['systemctl start nginx.service']],
  ['enables a disabled unit', { name: 'nginx', enabled: true }, unit('active', 'disabled'), ['systemctl enable nginx.service']],
  ['disables an enabled unit', { name: 'nginx', enabled: false }, unit('active', 'enabled'), ['systemctl disable nginx.service']],
  ['leaves a static unit alone whichever enabled is asked', { name: 'nginx', enabled: false }, unit('active', 'static'), []],
  ['counts a static unit as enabled', { name: 'nginx', enabled: true }, unit('active', 'static'), []],
  [
    'enables before starting, after a daemon-reload that systemd asks for',
    { name: 'nginx', state: 'started', enabled: true, daemon_reload: true },
    unit('inactive', 'disabled', { needReload: true }),
    ['systemctl daemon-reload', 'systemctl enable nginx.service', 'systemctl start nginx.service'],
  ],
  ['skips daemon-reload when no unit file changed', { name: 'nginx', daemon_reload: true }, unit('active', 'enabled'), []],
  [
    'reloads systemd to load a unit file it has not seen yet',
    { name: 'nginx', state: 'started', daemon_reload: true },
    { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false },
    ['systemctl daemon-reload', 'systemctl start nginx.service'],
  ],
  [
    'masks a unit, then stops it (masking leaves a running unit running)',
    { name: 'nginx', masked: true, state: 'stopped' },
    unit('active', 'enabled'),
    ['systemctl mask nginx.service', 'systemctl stop nginx.service'],
  ],
  [
    'unmasks a unit before starting it',
    { name: 'nginx', masked: false, state: 'started' },
    unit('inactive', 'masked', { load: 'masked' }),
    ['systemctl unmask nginx.service', 'systemctl start nginx.service'],
  ],
  ['names timers as they are', { name: 'certbot.timer', state: 'started' }, unit('inactive', 'enabled'), ['systemctl start certbot.timer']],
];

for (const [name, args, state, expected] of cases) {
  test(name, () => {
    const key = `systemd:${args.name.includes('.') ? args.name : `${args.name}.service`}`;
    assert.equal(commands(planWith(serviceModule, args, { [key]: state })), expected);
  });
}

test('predicts the unit state after each change', () => {
  const plan = planWith(serviceModule, { name: 'nginx', state: 'started', enabled: true }, { [KEY]: unit('inactive', 'disabled') });
  assert.equal(plan.changes.map((c) => describeEffects(c.effects)), [
    [{ key: KEY, value: unit('inactive', 'enabled') }],
    [{ key: KEY, value: unit('active', 'enabled') }],
  ]);
});

test('says what state the unit is in when nothing needs doing', () => {
  const plan = planWith(serviceModule, { name: 'nginx', state: 'started' }, { [KEY]: unit('active', 'enabled') });
  assert.is(plan.reason, 'nginx.service is active (running), enabled');
});

test('plans nothing for a unit a package install is assumed to have started and enabled', () => {
  const plan = planWith(serviceModule, { name: 'nginx', state: 'started', enabled: true }, { [KEY]: ASSUMED_AFTER_INSTALL });
  assert.equal(plan.changes, []);
});

test('fails with the unit name when the unit does not exist', () => {
  const missing: UnitState = { load: 'not-found', active: 'inactive', sub: 'dead', unitFile: '', needReload: false };
  assert.throws(() => planWith(serviceModule, { name: 'nginx', state: 'started' }, { [KEY]: missing }), /^unit nginx\.service not found$/);
});

test('fails with what systemctl said when systemd does not answer', () => {
  const down: UnitState = { load: 'unavailable', active: '', sub: '', unitFile: '', needReload: false, error: 'Failed to connect to bus: Host is down' };
  assert.throws(
    () => planWith(serviceModule, { name: 'nginx', state: 'started' }, { [KEY]: down }),
    /^cannot read the state of nginx\.service: Failed to connect to bus: Host is down$/,
  );
});

test('refuses to mask a unit and start it in the same task', () => {
  assert.throws(() => planWith(serviceModule, { name: 'nginx', masked: true, state: 'started' }, { [KEY]: unit('active', 'enabled') }), /cannot be masked and started/);
});

test('the systemd module is the same planner under its own name', () => {
  assert.is(systemdModule.name, 'systemd');
  assert.is(serviceModule.name, 'service');
  const args: ServiceArgs = { name: 'nginx', state: 'restarted' };
  const comparable = (module: typeof serviceModule) =>
    planWith(module, args, { [KEY]: unit('active', 'enabled') }).changes.map((c) => ({ ...c, effects: describeEffects(c.effects) }));
  assert.equal(comparable(systemdModule), comparable(serviceModule));
});

const schemaCases: [string, string, string | null][] = [
  ['accepts a name with state and enabled', 'name: nginx\nstate: started\nenabled: true\n', null],
  ['rejects a state Ansible users might guess', 'name: nginx\nstate: running\n', 'arguments of service: "state" must be one of: started, stopped, restarted, reloaded'],
  ['requires a name', 'state: started\n', 'arguments of service: missing required key "name"'],
];
for (const [what, yaml, error] of schemaCases) {
  test(`schema ${what}`, () => {
    assert.is(argsError(serviceModule as never, yaml), error);
  });
}

test.run();
