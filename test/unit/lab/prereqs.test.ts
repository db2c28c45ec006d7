import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { missingPackages } from '../../../lib/lab/prereqs.js';

test('names each missing tool by its Debian package, once', () => {
  assert.equal(missingPackages((tool) => !['ssh', 'ssh-keygen', 'systemd-nspawn'].includes(tool)), ['systemd-container', 'openssh-client']);
  assert.equal(missingPackages(() => true), []);
});

test.run();
