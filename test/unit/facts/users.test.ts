import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseGroup, parseUser, userFact } from '../../../lib/facts/users.js';

const SEP = '@@bc-play-user@@';

test('reads a user from getent passwd, id -gn and id -Gn', () => {
  const stdout = `deploy:x:1001:1001:Deploy:/home/deploy:/bin/bash\n${SEP}\ndeploy\n${SEP}\ndeploy www-data adm\n`;
  assert.equal(parseUser(stdout), {
    name: 'deploy',
    uid: 1001,
    group: 'deploy',
    groups: ['adm', 'www-data'],
    home: '/home/deploy',
    shell: '/bin/bash',
  });
});

test('reads a system user without supplementary groups (captured: nobody)', () => {
  const stdout = `nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n${SEP}\nnogroup\n${SEP}\nnogroup\n`;
  assert.equal(parseUser(stdout), { name: 'nobody', uid: 65534, group: 'nogroup', groups: [], home: '/nonexistent', shell: '/usr/sbin/nologin' });
});

test('reads a missing user (getent prints nothing) as null', () => {
  assert.is(parseUser(''), null);
});

test('reads a group from getent group and a missing one as null', () => {
  assert.equal(parseGroup('sudo:x:27:alice,bob\n'), { name: 'sudo', gid: 27 });
  assert.is(parseGroup(''), null);
});

test('the user fact separates its parts with the marker the parser splits on', () => {
  assert.ok(userFact('deploy').command.includes(`echo ${SEP}`));
  assert.is(userFact('deploy').key, 'user:deploy');
});

test.run();
