// Running as root for a user who is not: the sudo wrapper both transports share, and the
// message that replaces sudo's terse refusal.
import { sh } from '../shell/quote.js';
import type { RunResult } from './connection.js';

/**
 * Why: the command as the task's become asks: root through `sudo -n` for a login that is not
 * root, another user (become_user) through `sudo -n -u`, or `runuser` from a root login;
 * undefined when it runs as the login. `-n` makes sudo fail at once instead of hanging on a
 * password prompt no one can answer.
 */
export function becomeCommand(command: string, become: boolean | string | undefined, loginIsRoot: boolean): { command: string; sudo: boolean } | undefined {
  if (typeof become === 'string') {
    return loginIsRoot ? { command: sh`runuser -u ${become} -- sh -c ${command}`, sudo: false } : { command: sh`sudo -n -u ${become} -- sh -c ${command}`, sudo: true };
  }
  return become === true && !loginIsRoot ? { command: sh`sudo -n -- sh -c ${command}`, sudo: true } : undefined;
}

/**
 * Why: "sudo: a password is required" does not tell the user what to change; this does.
 * Returns the result unchanged unless sudo itself refused (the command never ran).
 */
export function explainBecomeFailure(result: RunResult, user: string, host: string): RunResult {
  const said = result.stderr.trim();
  if (result.code === 1 && /^sudo: (a password is required|.*(not in the sudoers|may not run sudo|not allowed to execute))/m.test(said)) {
    return {
      ...result,
      stderr:
        `become failed on ${host}: sudo refused to run as root for user "${user}" without a password (sudo -n never prompts).\n` +
        `Give ${user} passwordless sudo (a line "${user} ALL=(ALL) NOPASSWD: ALL" in /etc/sudoers.d/${user}, checked with visudo -c) or connect as root.\n` +
        `sudo said: ${said}\n`,
    };
  }
  if (result.code === 127 && /sudo: (command )?not found/.test(said)) {
    return {
      ...result,
      stderr: `become failed on ${host}: sudo is not installed, so user "${user}" cannot run commands as root. Install sudo or connect as root.\n`,
    };
  }
  return result;
}

