// ssh_key: an ed25519 key pair derived from a secret on the controller, written as a private key
// on one host and as a restricted authorized_keys line on another (backups to the offsite host).
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { ModuleDefinition } from './module.js';
import { attributeProperties, type Attributes } from './support/attributes.js';
import { planWrite, writeFacts } from './support/atomic-write.js';

export interface SshKeyArgs extends Attributes {
  secret: string;
  private_key?: string;
  authorized_keys?: string;
  options?: string;
  comment?: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['secret'],
  oneOf: [{ required: ['private_key'] }, { required: ['authorized_keys'] }],
  properties: {
    secret: { type: 'string', minLength: 16, description: "The key's seed, usually `{{ secret('NAME') }}`: the same secret gives the same key pair on every run and host." },
    private_key: { type: 'string', pattern: '^/', description: 'Write the private key here (OpenSSH format, mode 0600 unless given); never shown in --diff.' },
    authorized_keys: { type: 'string', pattern: '^/', description: 'Write an authorized_keys file holding only this public key, after `options`.' },
    options: { type: 'string', pattern: '^[^\\n]*$', description: 'authorized_keys options before the key, e.g. restrict,command="/usr/local/sbin/receive".' },
    comment: { type: 'string', pattern: '^[^\\s]*$', default: 'bc-play', description: 'Comment after the public key.' },
    ...attributeProperties,
  },
};

/** An ed25519 key pair: the 32-byte seed and the 32-byte public key. */
export interface Ed25519Pair {
  seed: Buffer;
  publicKey: Buffer;
}

/** Why: both hosts need the pair without it crossing between them; a hash of the secret is the seed. */
export function deriveKeyPair(secret: string): Ed25519Pair {
  const seed = createHash('sha256').update(`bc-play ssh_key\0${secret}`).digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const jwk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
  return { seed, publicKey: Buffer.from(jwk.x as string, 'base64url') };
}

const sshString = (value: Buffer | string): Buffer => {
  const bytes = Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

const publicBlob = (pair: Ed25519Pair): Buffer => Buffer.concat([sshString('ssh-ed25519'), sshString(pair.publicKey)]);

/** Why: the one-line form that authorized_keys and `.pub` files hold. */
export function publicKeyLine(pair: Ed25519Pair, comment: string): string {
  return `ssh-ed25519 ${publicBlob(pair).toString('base64')} ${comment}`;
}

/** Why: OpenSSH reads only its own private key format for ed25519 (not PKCS#8), unencrypted here. */
export function openSshPrivateKey(pair: Ed25519Pair, comment: string): string {
  const check = pair.seed.subarray(0, 4);
  let section = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pair.publicKey), sshString(Buffer.concat([pair.seed, pair.publicKey])), sshString(comment)]);
  const padding = Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1);
  section = Buffer.concat([section, Buffer.from(padding)]);
  const one = Buffer.alloc(4);
  one.writeUInt32BE(1);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), one, sshString(publicBlob(pair)), sshString(section)]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

/**
 * Why: the offsite host must trust the infra host's backup key, and registered values do not
 * cross hosts; deriving the pair from one controller secret gives each side its half.
 */
export const sshKeyModule: ModuleDefinition<SshKeyArgs> = {
  name: 'ssh_key',
  description: 'Writes the private key, or an authorized_keys line, of an ed25519 key pair derived from a secret.',
  schema,
  facts: (args, ctx) => writeFacts(args.private_key ?? args.authorized_keys ?? '', { ...ctx, diff: ctx.diff && !args.private_key }),
  plan(args, facts, ctx) {
    const pair = deriveKeyPair(args.secret);
    const comment = args.comment ?? 'bc-play';
    const publicKey = publicKeyLine(pair, comment);
    const plan = args.private_key
      ? planWrite({ path: args.private_key, content: Buffer.from(openSshPrivateKey(pair, comment)), attrs: { mode: args.mode ?? '0600', owner: args.owner, group: args.group }, summary: `write private key ${args.private_key} (${publicKey.slice(0, 30)}…)` }, facts, { ...ctx, diff: false })
      : planWrite({ path: args.authorized_keys!, content: Buffer.from(`${args.options ? `${args.options} ` : ''}${publicKey}\n`), attrs: args }, facts, ctx);
    return { ...plan, data: { public_key: publicKey } };
  },
};
