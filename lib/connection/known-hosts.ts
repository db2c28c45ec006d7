// OpenSSH known_hosts files: parse them, match a host (plain, [host]:port, wildcard or hashed
// entries) and decide whether the key a server offers is known, new, changed or revoked.
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  file: string;
  /** 1-based line number, for messages that tell the user which line to remove. */
  line: number;
  /** `@revoked` keys are refused for every host; `@cert-authority` lines are not used here. */
  marker?: 'revoked' | 'cert-authority';
  /** Comma-separated patterns (`web*`, `!db1`, `[10.0.0.5]:2222`) or one hashed `|1|salt|hash`. */
  hosts: string;
  keyType: string;
  /** The key blob as written in the file (base64 of the SSH wire format). */
  key: string;
}

/** The key a server offered during the handshake. */
export interface OfferedKey {
  type: string;
  /** base64 of the SSH wire format, as known_hosts stores it. */
  key: string;
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'changed'; entries: KnownHostEntry[] }
  | { status: 'revoked'; entry: KnownHostEntry };

/** Why: OpenSSH's own file is the trust store users already manage; we read it, never a copy. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key || !/^[A-Za-z0-9+/]+=*$/.test(key)) return; // OpenSSH skips malformed lines too
    entries.push({ file, line: index + 1, ...(marker ? { marker } : {}), hosts, keyType, key });
  });
  return entries;
}

/** Why: OpenSSH names a host `addr` on port 22 and `[addr]:port` elsewhere; matching and recording must agree. */
export function hostKeyName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Why: an entry applies when a pattern matches and no negated pattern does, as in OpenSSH. */
export function entryMatchesHost(entry: KnownHostEntry, address: string, port: number): boolean {
  const name = hostKeyName(address, port).toLowerCase();
  if (entry.hosts.startsWith('|1|')) return hashedMatches(entry.hosts, name);
  let matched = false;
  for (const pattern of entry.hosts.toLowerCase().split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** Why: the one decision strict host-key checking rests on; pure, so every case is unit-tested. */
export function checkHostKey(entries: KnownHostEntry[], address: string, port: number, offered: OfferedKey): HostKeyVerdict {
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key === offered.key);
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => e.marker === undefined && entryMatchesHost(e, address, port));
  const same = forHost.find((e) => e.key === offered.key);
  if (same) return { status: 'known', entry: same };
  return forHost.length ? { status: 'changed', entries: forHost } : { status: 'unknown' };
}

/** Why: the handshake must offer the key types we already trust, or a host with an RSA and an ed25519 key would look "changed". */
export function knownKeyTypes(entries: KnownHostEntry[], address: string, port: number): string[] {
  const types = entries.filter((e) => e.marker === undefined && entryMatchesHost(e, address, port)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** Why: ssh2 hands the verifier the raw key blob; its first field names the key type. */
export function offeredKey(blob: Buffer): OfferedKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  return { type: blob.subarray(4, 4 + length).toString('latin1'), key: blob.toString('base64') };
}

/** Why: users compare keys by the fingerprint `ssh-keygen -l` and ssh print, so messages show the same. */
export function fingerprint(key: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(key, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** Why: accepting a new key appends exactly the line `ssh` itself would write. */
export function knownHostsLine(address: string, port: number, offered: OfferedKey): string {
  return `${hostKeyName(address, port)} ${offered.type} ${offered.key}\n`;
}

/** Why: tests (and users' hashed files) need hashed entries written the way `ssh-keygen -H` writes them. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash}`;
}

function hashedMatches(hashed: string, name: string): boolean {
  const [, , salt, hash] = hashed.split('|');
  if (!salt || !hash) return false;
  return hashHostName(name, Buffer.from(salt, 'base64')) === `|1|${salt}|${hash}`;
}

/** Compiled patterns: every host of a run is matched against every line of the same file. */
const globs = new Map<string, RegExp>();

function globMatches(pattern: string, name: string): boolean {
  let regex = globs.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    globs.set(pattern, regex);
  }
  return regex.test(name);
}
