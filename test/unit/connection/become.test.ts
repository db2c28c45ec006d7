import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { becomeCommand, explainBecomeFailure } from '../../../lib/connection/become.js';

test('wraps the command in sudo -n and sh -c, quoted', () => {
  assert.equal(becomeCommand(`echo 'hi' > /root/x`, true, false), { command: `sudo -n -- sh -c 'echo '\\''hi'\\'' > /root/x'`, sudo: true });
});

test('runs as root as it is for a root login, and as the login without become', () => {
  assert.is(becomeCommand('id', true, true), undefined);
  assert.is(becomeCommand('id', false, false), undefined);
});

test('become_user runs through sudo -n -u, or runuser from a root login', () => {
  assert.equal(becomeCommand('id -un', 'nobody', false), { command: "sudo -n -u nobody -- sh -c 'id -un'", sudo: true });
  assert.equal(becomeCommand('id -un', 'nobody', true), { command: "runuser -u nobody -- sh -c 'id -un'", sudo: false });
});

const REFUSALS = [
  'sudo: a password is required',
  'sudo: bob is not in the sudoers file.  This incident will be reported.',
  'Sorry, user bob may not run sudo on web1.\nsudo: bob may not run sudo on web1',
];

for (const said of REFUSALS) {
  test(`explains a sudo refusal: "${said.split('\n').pop()}"`, () => {
    const result = explainBecomeFailure({ stdout: '', stderr: `${said}\n`, code: 1 }, 'bob', 'web1');
    assert.is(result.code, 1);
    assert.ok(result.stderr.startsWith('become failed on web1: sudo refused to run as root for user "bob" without a password (sudo -n never prompts).\n'));
    assert.ok(result.stderr.includes('"bob ALL=(ALL) NOPASSWD: ALL" in /etc/sudoers.d/bob'));
    assert.ok(result.stderr.endsWith(`sudo said: ${said}\n`));
  });
}

test('explains a host without sudo', () => {
  const result = explainBecomeFailure({ stdout: '', stderr: 'sh: 1: sudo: not found\n', code: 127 }, 'bob', 'web1');
  assert.is(result.stderr, 'become failed on web1: sudo is not installed, so user "bob" cannot run commands as root. Install sudo or connect as root.\n');
});

test("leaves the command's own failure untouched", () => {
  const own = { stdout: 'x', stderr: 'grep: /etc/y: No such file or directory\n', code: 2 };
  assert.equal(explainBecomeFailure(own, 'bob', 'web1'), own);
});

test.run();
