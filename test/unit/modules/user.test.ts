import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { userModule, type UserArgs } from '../../../lib/modules/user.js';
import type { UserState } from '../../../lib/facts/users.js';
import { argsError, commands, planWith } from './system-fixtures.js';
import { describeEffects } from './support/plan-fixture.js';

const deploy: UserState = { name: 'deploy', uid: 1001, group: 'deploy', groups: ['adm'], home: '/home/deploy', shell: '/bin/bash' };
const SKELETON = ['.bashrc', '.profile', '.config', '.config/app.conf'];
const facts = (user: UserState | null, group: { name: string; gid: number } | null = null) => ({ 'user:deploy': user, 'group:deploy': group, 'skeleton:/etc/skel': SKELETON });

const cases: [string, UserArgs, ReturnType<typeof facts>, string[]][] = [
  ['creates a missing user with a home', { name: 'deploy' }, facts(null), ['useradd -m deploy']],
  [
    'creates a system user without a home by default',
    { name: 'deploy', system: true, shell: '/usr/sbin/nologin', home: '/srv/deploy' },
    facts(null),
    ['useradd -d /srv/deploy -s /usr/sbin/nologin -r -M deploy'],
  ],
  [
    'creates a user with uid, primary and supplementary groups',
    { name: 'deploy', uid: 1500, group: 'www-data', groups: ['adm', 'sudo', 'www-data'] },
    facts(null),
    ['useradd -u 1500 -g www-data -m -G adm,sudo deploy'],
  ],
  ['joins an existing group named like the user instead of failing', { name: 'deploy' }, facts(null, { name: 'deploy', gid: 1001 }), ['useradd -g deploy -m deploy']],
  ['reports no change when the user is as wanted', { name: 'deploy', uid: 1001, shell: '/bin/bash', groups: ['adm'] }, facts(deploy), []],
  ['changes only the attributes that differ', { name: 'deploy', uid: 1001, shell: '/bin/sh', home: '/srv/deploy' }, facts(deploy), ['usermod -d /srv/deploy -s /bin/sh deploy']],
  ['appends supplementary groups by default', { name: 'deploy', groups: ['www-data'] }, facts(deploy), ['usermod -a -G www-data deploy']],
  ['sets the exact groups with append false', { name: 'deploy', groups: ['www-data'], append: false }, facts(deploy), ['usermod -G www-data deploy']],
  ['removes a user', { name: 'deploy', state: 'absent' }, facts(deploy), ['userdel deploy']],
  ['removes a user with the home directory', { name: 'deploy', state: 'absent', remove: true }, facts(deploy), ['userdel -r deploy']],
  ['reports no change when removing a missing user', { name: 'deploy', state: 'absent' }, facts(null), []],
];

for (const [name, args, values, expected] of cases) {
  test(name, () => {
    assert.equal(commands(planWith(userModule, args, values)), expected);
  });
}

test('predicts the new user and the private group useradd creates', () => {
  const plan = planWith(userModule, { name: 'deploy', groups: ['adm'] }, facts(null));
  assert.equal(describeEffects(plan.changes[0].effects), [
    { touch: 'path:/home/deploy', subtree: true, cause: 'new-home' },
    { key: 'skeleton:/etc/skel', value: SKELETON },
    { key: 'user:deploy', value: { name: 'deploy', uid: null, group: 'deploy', groups: ['adm'], home: null, shell: null } },
    { touch: 'accounts:names', cause: 'accounts' },
    { key: 'group:deploy', value: { name: 'deploy', gid: null } },
  ]);
});

test('predicts the modified user and says what changes', () => {
  const plan = planWith(userModule, { name: 'deploy', uid: 1600, groups: ['www-data'] }, facts(deploy));
  assert.is(plan.changes[0].summary, 'modify user deploy: uid 1001 → 1600, groups +www-data');
  assert.equal(describeEffects(plan.changes[0].effects), [
    { touch: `path:${deploy.home}`, subtree: true },
    { touch: 'accounts:names', cause: 'accounts' },
    { key: 'user:deploy', value: { ...deploy, uid: 1600, groups: ['adm', 'www-data'] } },
  ]);
});

test('predicts the user and its private group gone after removal', () => {
  const plan = planWith(userModule, { name: 'deploy', state: 'absent' }, facts(deploy, { name: 'deploy', gid: 1001 }));
  assert.equal(describeEffects(plan.changes[0].effects), [
    { key: 'user:deploy', value: null },
    { touch: 'accounts:names', cause: 'accounts' },
    { key: 'group:deploy', value: null },
  ]);
});

test('predicts the home and the mail spool gone after removal with remove', () => {
  const plan = planWith(userModule, { name: 'deploy', state: 'absent', remove: true }, facts(deploy, { name: 'deploy', gid: 1001 }));
  assert.equal(describeEffects(plan.changes[0].effects)?.slice(0, 2), [
    { touch: `path:${deploy.home}`, subtree: true, cause: 'removed' },
    { touch: 'path:/var/mail/deploy', subtree: true, cause: 'removed' },
  ]);
});

test('quotes every value that enters the command', () => {
  const plan = planWith(userModule, { name: 'deploy', home: "/srv/it's here" }, facts(deploy));
  assert.equal(commands(plan), [`usermod -d '/srv/it'\\''s here' deploy`]);
});

const schemaCases: [string, string, string | null][] = [
  ['accepts a service account', 'name: app\nsystem: true\nshell: /usr/sbin/nologin\n', null],
  ['rejects a relative home', 'name: app\nhome: srv/app\n', 'arguments of user: "home" must match pattern "^/"'],
  ['rejects an unknown key', 'name: app\npassword: x\n', 'arguments of user: unknown key "password"'],
];
for (const [what, yaml, error] of schemaCases) {
  test(`schema ${what}`, () => {
    assert.is(argsError(userModule as never, yaml), error);
  });
}

test.run();
