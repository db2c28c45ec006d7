// The deploy lock of a service root (ROOT/.deploy.lock, a directory: mkdir is atomic): the record
// of who holds it, the commands that take and release it, and the words that describe a holder.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeployLock } from '../../facts/releases.js';
import { sh } from '../../shell/quote.js';

/** Why: one id per bc-play process, written into every lock this run takes, so messages name the run. */
export const THIS_RUN = { run: randomBytes(4).toString('hex'), controller: hostname(), controllerPid: String(process.pid) };

/**
 * The holder's session on the host: the nearest ancestor of the command's shell that lives as
 * long as the controller's connection (sshd's per-connection process, or bc-play itself on a
 * local connection), with its start time so a reused PID does not count as the same process.
 */
const SESSION = [
  'p=$$',
  'while [ "$p" -gt 1 ]; do',
  '  case "$(cat /proc/$p/comm 2>/dev/null)" in sshd|sshd-session|node) break ;; esac',
  '  p=$(sed -n "s/^PPid:[[:space:]]*//p" /proc/$p/status 2>/dev/null); [ -n "$p" ] || p=1',
  'done',
  'if [ "$p" -gt 1 ]; then start=$(sed "s/^.*) //" /proc/$p/stat | cut -d" " -f20); else p=; start=; fi',
].join('\n');

/** Why: taking the lock and recording its holder is one command, so a lock never lacks its holder. */
export function takeLockCommand(root: string, takeOver: boolean): string {
  const lock = `${root}/.deploy.lock`;
  const record = sh`printf 'run=%s\\ncontroller=%s\\ncontroller_pid=%s\\nstarted=%s\\nsession_pid=%s\\nsession_start=%s\\n' ${THIS_RUN.run} ${THIS_RUN.controller} ${THIS_RUN.controllerPid} "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$p" "$start" > ${`${lock}/holder`}`;
  const take = [sh`mkdir -p ${`${root}/releases`}`, ...(takeOver ? [sh`rm -rf ${lock}`] : []), sh`mkdir ${lock}`].join(' && ');
  return [`${take} || exit 1`, SESSION, record].join('\n');
}

/** Why: the switch, the rollback and `bc-play unlock` release the lock the same way. */
export function releaseLockCommand(root: string): string {
  return sh`rm -rf ${`${root}/.deploy.lock`}`;
}

/** Why: every message about a lock names its holder the same way. */
export function describeHolder(lock: DeployLock): string {
  const h = lock.holder;
  if (!h?.run) return `taken ${lock.ageSeconds}s ago, holder not recorded`;
  return `run ${h.run} from ${h.controller ?? '?'} (pid ${h.controller_pid ?? '?'}), taken ${h.started ?? '?'} (${lock.ageSeconds}s ago)`;
}

/** Why: the one rule for "the deploy that took this lock cannot still be running". */
export function holderGone(lock: DeployLock, timeoutSeconds: number): boolean {
  if (lock.holderAlive !== undefined) return !lock.holderAlive;
  return lock.ageSeconds >= timeoutSeconds;
}
