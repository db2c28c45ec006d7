import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { missingMessage, missingPackages } from '../../support/prerequisites.js';

test('names each missing package of the suites asked for, once, by its Debian name', () => {
  const absent = new Set(['/usr/sbin/sshd', 'redis-server', 'ansible-playbook']);
  assert.equal(missingPackages(['ssh', 'services', 'bench'], (what) => !absent.has(what)), ['openssh-server', 'redis-server', 'ansible-core']);
  assert.equal(missingPackages(['unit'], (what) => !absent.has(what)), []);
});

test('the parity suite needs the tools get_url, uri and unarchive run on the host', () => {
  assert.equal(missingPackages(['parity'], (what) => !['curl', 'unzip'].includes(what)), ['curl', 'unzip']);
});

test('the message without root names what is missing and the command that installs it, on one line', () => {
  assert.is(
    missingMessage('npm test', ['openssh-server', 'redis-server']),
    'npm test needs these Debian packages, not installed here: openssh-server redis-server; install them with: sudo apt-get install -y --no-install-recommends openssh-server redis-server',
  );
});

test.run();
