import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ansibleConfig, parseRecap } from '../../../bench/ansible.js';

test('the recap is read per host from the PLAY RECAP lines', () => {
  const output = [
    'PLAY RECAP *********************************************************************',
    'h001                       : ok=20   changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ',
    'web-1.example              : ok=3    changed=2    unreachable=1    failed=4    skipped=0    rescued=0    ignored=0   ',
  ].join('\n');
  assert.equal(Object.fromEntries(parseRecap(output)), {
    h001: { ok: 20, changed: 0, unreachable: 0, failed: 0 },
    'web-1.example': { ok: 3, changed: 2, unreachable: 1, failed: 4 },
  });
});

test('Ansible is configured the fast way: pipelining, ControlPersist, a fork per host (at least 5), no implicit facts', () => {
  assert.ok(ansibleConfig(3, '/tmp/kh').split('\n').includes('forks = 5'));
  const config = ansibleConfig(100, '/tmp/kh');
  for (const line of ['forks = 100', 'pipelining = True', 'gathering = explicit', 'interpreter_python = /usr/bin/python3']) {
    assert.ok(config.split('\n').includes(line), line);
  }
  assert.match(config, /ssh_args = .*-o ControlMaster=auto -o ControlPersist=\d+s .*UserKnownHostsFile=\/tmp\/kh -o StrictHostKeyChecking=yes/);
});

test.run();
