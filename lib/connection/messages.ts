// Every message a connection gives the user is built here: what failed, on which host, and
// what to check or run next.
import { UnreachableError } from '../errors.js';
import type { ConnectionTarget } from './connection.js';
import { fingerprint, hostKeyName, type KnownHostEntry, type OfferedKey } from './known-hosts.js';

/** Why: connect failures have a handful of causes, each with its own thing to check. */
export function connectFailure(target: ConnectionTarget, error: Error & { code?: string; level?: string }): UnreachableError {
  const where = `${target.user}@${target.address}:${target.port}`;
  const timeout = target.connectTimeoutMs ?? 10_000;
  if (error.code === 'ECONNREFUSED') {
    return unreachable(target, `connection refused by ${target.address}:${target.port}`, `check that sshd runs on ${target.address} and listens on port ${target.port} (the host's "ssh_port" variable)`);
  }
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return unreachable(target, `cannot resolve ${target.address}`, `check the host's "address" variable and DNS`);
  }
  if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') {
    return unreachable(target, `no route to ${target.address}`, 'check that the host is up and on a network this machine reaches');
  }
  if (/timed out/i.test(error.message) || error.code === 'ETIMEDOUT') {
    return unreachable(target, `no SSH handshake with ${target.address}:${target.port} within ${timeout / 1000} s`, 'check that the host is up, its "ssh_port" variable is right and no firewall drops the connection');
  }
  if (error.level === 'client-authentication' || /authentication methods failed/.test(error.message)) {
    return unreachable(target, `${where} refused the key ${target.privateKey ?? '(none given)'}`, `check the host's "ssh_user" and "ssh_private_key" variables, and that the key's public half is in ~${target.user}/.ssh/authorized_keys on the host`);
  }
  return unreachable(target, `cannot connect to ${where}: ${error.message}`, 'check the host\'s "address" and "ssh_port" variables and that sshd is running');
}

/** Why: an unreadable key is the controller's problem, said before any network error can hide it. */
export function privateKeyUnreadable(target: ConnectionTarget, error: Error): UnreachableError {
  return unreachable(target, `cannot read the private key ${target.privateKey}: ${error.message}`, 'check the host\'s "ssh_private_key" variable and that this user may read that file', LASTING);
}

/** Why: a refused unknown key must say how to trust it, or users disable checking altogether. */
export function unknownHostKey(target: ConnectionTarget, offered: OfferedKey, knownHosts: string): UnreachableError {
  const name = hostKeyName(target.address, target.port);
  return unreachable(
    target,
    `host key of ${name} is not known: ${offered.type} ${fingerprint(offered.key)} is not in ${knownHosts}`,
    `if that fingerprint is the host's, rerun with --accept-new-host-keys to record it in ${knownHosts} (or add it yourself: ssh-keyscan -p ${target.port} ${target.address} >> ${knownHosts})`,
    LASTING,
  );
}

/** Why: a changed key may be an attack; it is never accepted and the message must not be missed. */
export function changedHostKey(target: ConnectionTarget, offered: OfferedKey, known: KnownHostEntry[]): UnreachableError {
  const name = hostKeyName(target.address, target.port);
  const lines = known.map((e) => `${e.file}:${e.line} (${e.keyType} ${fingerprint(e.key)})`).join(', ');
  return unreachable(
    target,
    `WARNING: THE HOST KEY OF ${name} HAS CHANGED. Someone may be intercepting the connection, or the host was reinstalled. ` +
      `Offered: ${offered.type} ${fingerprint(offered.key)}; known: ${lines}. bc-play refuses to connect.`,
    `if you have verified the new key, remove the old one with: ssh-keygen -R '${name}' -f ${known[0].file} (--accept-new-host-keys never replaces a key)`,
    LASTING,
  );
}

/** Why: a revoked key is refused like a changed one, pointing at the line that revokes it. */
export function revokedHostKey(target: ConnectionTarget, offered: OfferedKey, entry: KnownHostEntry): UnreachableError {
  return unreachable(target, `host key ${offered.type} ${fingerprint(offered.key)} of ${hostKeyName(target.address, target.port)} is marked @revoked at ${entry.file}:${entry.line}; bc-play refuses to connect`, 'give the host a new key, or remove the @revoked line if it is wrong', LASTING);
}

/** Why: a host that vanishes mid-run leaves the run; the message says when it went. */
export function connectionLost(target: ConnectionTarget, reason: string): UnreachableError {
  return unreachable(target, `lost the SSH connection to ${target.address}:${target.port}${reason ? ` (${reason})` : ''}`, 'check that the host is up and sshd still runs; the other hosts went on');
}

/** Why: sshd refusing a channel on a live connection means its session limit is lower than ours. */
export function channelRefused(target: ConnectionTarget, error: Error): UnreachableError {
  return unreachable(target, `sshd refused a new channel: ${error.message}`, 'check MaxSessions in the host\'s sshd_config (bc-play opens up to 8 sessions per host)');
}

/** Why: the trust store must be readable to check keys and writable to record new ones. */
export function knownHostsFailed(target: ConnectionTarget, path: string, action: 'read' | 'write', error: Error): UnreachableError {
  return unreachable(target, `cannot ${action} the known_hosts file ${path}: ${error.message}`, 'check the host\'s "ssh_known_hosts" variable and that file\'s permissions', LASTING);
}

/** A refusal that stays whatever the host does next (keys, files on the controller). */
const LASTING = true;

function unreachable(target: ConnectionTarget, message: string, hint: string, lasting = false): UnreachableError {
  return new UnreachableError(target.host, `${target.host}: ${message}`, hint, lasting);
}
