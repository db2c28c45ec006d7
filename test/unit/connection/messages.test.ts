// Connection messages name the variables a user writes in the inventory, not internal fields.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConnectionTarget } from '../../../lib/connection/connection.js';
import { connectFailure, knownHostsFailed, privateKeyUnreadable } from '../../../lib/connection/messages.js';

const target: ConnectionTarget = { host: 'web1', kind: 'ssh', address: '192.0.2.1', port: 2222, user: 'deploy', privateKey: '/keys/id', knownHosts: '/kh' };

function failure(code: string | undefined, message = 'failed', level?: string): Error & { code?: string; level?: string } {
  return Object.assign(new Error(message), { code, level });
}

const hints: Array<[string, string | undefined, string]> = [
  ['connection refused', connectFailure(target, failure('ECONNREFUSED')).hint, 'check that sshd runs on 192.0.2.1 and listens on port 2222 (the host\'s "ssh_port" variable)'],
  ['a name that does not resolve', connectFailure(target, failure('ENOTFOUND')).hint, 'check the host\'s "address" variable and DNS'],
  ['a handshake that times out', connectFailure(target, failure('ETIMEDOUT')).hint, 'check that the host is up, its "ssh_port" variable is right and no firewall drops the connection'],
  ['a refused key', connectFailure(target, failure(undefined, 'All configured authentication methods failed', 'client-authentication')).hint, 'check the host\'s "ssh_user" and "ssh_private_key" variables, and that the key\'s public half is in ~deploy/.ssh/authorized_keys on the host'],
  ['another connect error', connectFailure(target, failure('EPROTO', 'bad')).hint, 'check the host\'s "address" and "ssh_port" variables and that sshd is running'],
  ['an unreadable key', privateKeyUnreadable(target, new Error('EACCES')).hint, 'check the host\'s "ssh_private_key" variable and that this user may read that file'],
  ['an unreadable known_hosts file', knownHostsFailed(target, '/kh', 'read', new Error('EACCES')).hint, 'check the host\'s "ssh_known_hosts" variable and that file\'s permissions'],
];

for (const [what, hint, expected] of hints) {
  test(`${what} names the inventory variables to check`, () => {
    assert.is(hint, expected);
  });
}

test('no hint names an internal field', () => {
  for (const [, hint] of hints) assert.not.match(hint ?? '', /"(port|privateKey|knownHosts|user)"/);
});

test.run();
