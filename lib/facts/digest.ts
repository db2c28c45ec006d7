// Checksums of content on the host: a file's digest in any of Ansible's checksum algorithms, and
// the digest of what a URL serves now (what get_url compares a downloaded file with).
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { pathObject } from './objects.js';

/** Ansible's checksum algorithms, each with its coreutils command. */
export const DIGESTS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type DigestAlgorithm = (typeof DIGESTS)[number];

/** A file's digest in hex; null when the path is no regular file. */
export type Digest = string | null;

/** Why: get_url's `checksum: sha1:...` is compared with the file in the algorithm it names. */
export function fileDigest(path: string, algorithm: DigestAlgorithm): FactSpec<Digest> {
  return {
    key: `digest:${algorithm}:${path}`,
    about: [pathObject(path)],
    command: sh`if [ -f ${path} ]; then ${`${algorithm}sum`} < ${path}; else echo none; fi`,
    parse: (stdout, code) => parseDigest(path, stdout, code),
  };
}

function parseDigest(path: string, stdout: string, code: number): Digest {
  if (code === 0 && stdout.trim() === 'none') return null;
  const hex = /^([0-9a-f]+)\s/.exec(stdout)?.[1];
  if (code !== 0 || hex === undefined) throw new BcError(`cannot read the checksum of ${path} (exit code ${code})`, undefined, 'check that the file is readable; root-owned files need become: true');
  return hex;
}

/** What a URL serves, compared with the file there: 304 when it has not changed since the file's time. */
export type RemoteContent = { dest: 'missing' } | { dest: 'present'; status: number; sha256?: string };

/** How the request is made: the same options the download uses. */
export interface RequestOptions {
  url: string;
  curlOptions: string[];
}

/**
 * Why: as Ansible's get_url, a file that exists is downloaded again (If-Modified-Since its time)
 * and replaced only when the content differs; hashing what the URL serves tells which, before
 * anything is written, in check mode too. Nothing is downloaded while the file is missing.
 */
export function remoteContent(dest: string, req: RequestOptions): FactSpec<RemoteContent> {
  return {
    key: `url:${req.url}:${req.curlOptions.join(' ')}:${dest}`,
    about: [pathObject(dest)],
    command:
      sh`if [ -f ${dest} ]; then t=$(mktemp) || exit 1; code=$(curl -sSL ${req.curlOptions} -z ${dest} -o "$t" -w '%{http_code}' -- ${req.url}); rc=$?; ` +
      `echo "$code"; sha256sum < "$t"; rm -f -- "$t"; exit $rc; else echo missing; fi`,
    parse: (stdout, code) => parseRemote(req.url, stdout, code),
  };
}

function parseRemote(url: string, stdout: string, code: number): RemoteContent {
  if (code === 0 && stdout.trim() === 'missing') return { dest: 'missing' };
  const [status, hash] = stdout.split('\n');
  if (code !== 0) throw new BcError(`cannot download ${url}: curl exited with code ${code}`, undefined, 'check the URL, and that the host reaches it (curl must be installed)');
  const sha256 = /^[0-9a-f]{64}/.exec(hash ?? '')?.[0];
  return { dest: 'present', status: Number(status), ...(Number(status) === 200 && sha256 ? { sha256 } : {}) };
}
