import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openConnection } from '../../lib/connection/open.js';
import { startSshd, type SshdFixture } from '../support/sshd.js';

let sshd: SshdFixture;

test.before(async () => {
  sshd = await startSshd();
});
test.after(async () => {
  await sshd.stop();
});

test('become as a user with passwordless sudo runs the command as root', async () => {
  const conn = openConnection(sshd.target('bcplay-test'));
  try {
    assert.is((await conn.run('id -un')).stdout, 'bcplay-test\n');
    assert.is((await conn.run('id -un; echo "$0"', { become: true })).stdout, 'root\nsh\n');
    assert.is((await conn.run(`printf '%s' "it's quoted"`, { become: true })).stdout, "it's quoted");
    assert.is((await conn.run('cat', { become: true, stdin: 'through sudo' })).stdout, 'through sudo');
  } finally {
    await conn.close();
  }
});

test('become_user runs the command as that user: through sudo -n -u for a sudo user, through runuser for root', async () => {
  for (const login of ['bcplay-test', 'root'] as const) {
    const conn = openConnection(sshd.target(login));
    try {
      assert.is((await conn.run('id -un', { become: 'nobody' })).stdout, 'nobody\n', `login ${login}`);
      assert.is((await conn.run('cat', { become: 'nobody', stdin: 'as nobody' })).stdout, 'as nobody');
    } finally {
      await conn.close();
    }
  }
});

test('become as root does not go through sudo', async () => {
  const conn = openConnection(sshd.target('root'));
  try {
    const result = await conn.run('ps -o comm= -p $PPID', { become: true });
    assert.is.not(result.stdout.trim(), 'sudo');
    assert.is(result.code, 0);
  } finally {
    await conn.close();
  }
});

test('become as a user without sudo rights fails with a message that says what to change', async () => {
  const conn = openConnection(sshd.target('bcplay-nosudo'));
  try {
    const result = await conn.run('touch /root/should-not-exist', { become: true });
    assert.is(result.code, 1);
    assert.is(
      result.stderr,
      'become failed on sshd-fixture: sudo refused to run as root for user "bcplay-nosudo" without a password (sudo -n never prompts).\n' +
        'Give bcplay-nosudo passwordless sudo (a line "bcplay-nosudo ALL=(ALL) NOPASSWD: ALL" in /etc/sudoers.d/bcplay-nosudo, checked with visudo -c) or connect as root.\n' +
        'sudo said: sudo: a password is required\n',
    );
  } finally {
    await conn.close();
  }
});

test.run();
