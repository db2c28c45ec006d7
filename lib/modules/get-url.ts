// get_url: a file on the host downloaded from a URL with curl (on the host, over its connection),
// written only when missing, when its checksum differs, or when the URL serves other content.
import { posix } from 'node:path';
import { BcError } from '../errors.js';
import { DIGESTS, fileDigest, remoteContent, type DigestAlgorithm, type RequestOptions } from '../facts/digest.js';
import { fileStat, identity, type FileStat } from '../facts/files.js';
import { pathObject } from '../facts/objects.js';
import { raw, sh } from '../shell/quote.js';
import type { Change, CommandOutput, FactView, ModuleDefinition, Plan } from './module.js';
import { attributeChange, attributeProperties, chownCommand, describeAttributes, resolveAttributes, type Attributes } from './support/attributes.js';
import { DEFAULT_FILE_MODE } from './support/atomic-write.js';

export interface GetUrlArgs extends Attributes {
  url: string;
  dest: string;
  checksum?: string;
  force?: boolean;
  headers?: Record<string, string>;
  timeout?: number;
  validate_certs?: boolean;
}

/** Why: release tarballs, keys and binaries come from URLs; Ansible's get_url is how users fetch them. */
export const getUrlModule: ModuleDefinition<GetUrlArgs> = {
  name: 'get_url',
  description: 'Downloads a URL to a file on the host with curl (which the host needs), verifying checksum; a file that exists is kept when its checksum matches, else replaced only when the URL serves other content.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'dest'],
    properties: {
      url: { type: 'string', pattern: '^(https?|ftp|file)://', description: 'http, https, ftp or file URL, fetched by the host.' },
      dest: { type: 'string', pattern: '^/', description: 'Absolute path of the file on the host (a folder is refused: give the file\'s name).' },
      checksum: { type: 'string', pattern: `^(${DIGESTS.join('|')}):[0-9A-Fa-f: -]+$`, description: 'ALGORITHM:HEX (md5, sha1, sha224, sha256, sha384, sha512): a file that has it is not downloaded again, a download that lacks it fails and is not kept.' },
      force: { type: 'boolean', default: false, description: 'Download even when the file has the checksum; it is still replaced only when the content differs.' },
      headers: { type: 'object', additionalProperties: { type: 'string', pattern: '^[^\\r\\n]*$' }, description: 'Request headers.' },
      timeout: { type: 'integer', minimum: 1, default: 10, description: 'Seconds to wait for the connection.' },
      validate_certs: { type: 'boolean', default: true, description: 'false: accept any TLS certificate.' },
      ...attributeProperties,
    },
  },
  facts(args) {
    const want = checksumOf(args);
    if (want && !args.force) return [fileStat(args.dest), identity, ...(want.algorithm === 'sha256' ? [] : [fileDigest(args.dest, want.algorithm)])];
    return [fileStat(args.dest), identity, remoteContent(args.dest, request(args))];
  },
  plan(args, facts) {
    const stat = facts.get(fileStat(args.dest));
    const data = { dest: args.dest, url: args.url };
    if (stat.exists && stat.type !== 'file') throw new BcError(`${args.dest} is a ${stat.type}, not a file`, undefined, 'give the path of the file to write (get_url does not name files after the URL)');
    if (!stat.exists) return download(args, facts, `download ${args.url} to ${args.dest}`);
    const want = checksumOf(args);
    if (want && !args.force) {
      const has = want.algorithm === 'sha256' ? stat.sha256 : facts.get(fileDigest(args.dest, want.algorithm));
      if (has !== want.hex) return download(args, facts, `download ${args.url} to ${args.dest} (its ${want.algorithm} is ${has}, not ${want.hex})`);
      return kept(args, stat, { ...data, msg: 'file already exists' }, `${args.dest} already has ${want.algorithm} ${want.hex}`);
    }
    const remote = facts.get(remoteContent(args.dest, request(args)));
    if (remote.dest === 'present' && remote.status === 304) return kept(args, stat, { ...data, status_code: 304, msg: 'Not Modified' }, `${args.url} is not modified since ${args.dest} was written`);
    if (remote.dest === 'present' && remote.status !== 200) throw new BcError(`Request failed: ${args.url} answered ${remote.status}`);
    if (remote.dest === 'present' && remote.sha256 === stat.sha256) return kept(args, stat, { ...data, status_code: 200 }, `${args.dest} already holds what ${args.url} serves`);
    return download(args, facts, `download ${args.url} to ${args.dest} (the URL serves other content)`);
  },
};

/** The checksum argument as Ansible reads it: the algorithm, and the hex with separators dropped. */
function checksumOf(args: GetUrlArgs): { algorithm: DigestAlgorithm; hex: string } | undefined {
  if (args.checksum === undefined) return undefined;
  const at = args.checksum.indexOf(':');
  return { algorithm: args.checksum.slice(0, at) as DigestAlgorithm, hex: args.checksum.slice(at + 1).replace(/\W+/g, '').toLowerCase() };
}

/** curl's options for the task's headers, timeout and certificates, the same for the check and the download. */
function request(args: GetUrlArgs): RequestOptions {
  const headers = Object.entries(args.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  return { url: args.url, curlOptions: ['--connect-timeout', String(args.timeout ?? 10), ...(args.validate_certs === false ? ['-k'] : []), ...headers] };
}

function kept(args: GetUrlArgs, stat: Extract<FileStat, { exists: true }>, data: Record<string, unknown>, reason: string): Plan {
  const change = attributeChange(args.dest, stat, args);
  return { changes: change ? [change] : [], reason: change ? reason : `${reason} (${describeAttributes(stat)})`, data };
}

/** The download: into a temp file beside dest, checked against the checksum, then renamed over it. */
function download(args: GetUrlArgs, facts: FactView, summary: string): Plan {
  const stat = facts.get(fileStat(args.dest));
  const runner = facts.get(identity);
  const attrs = resolveAttributes(args, stat.exists ? stat : undefined, runner, DEFAULT_FILE_MODE);
  const want = checksumOf(args);
  const template = posix.join(posix.dirname(args.dest), `.${posix.basename(args.dest)}.bc-play-XXXXXX`);
  const chown = chownCommand(raw('"$tmp"'), attrs, runner);
  const lines = [
    sh`tmp=$(mktemp -- ${template}) || { echo ${`Destination ${posix.dirname(args.dest)} does not exist or is not writable`} >&2; exit 1; }`,
    sh`if ! got=$(curl -fsSL ${request(args).curlOptions} -o "$tmp" -w '%{http_code} %{size_download}' -- ${args.url}); then rm -f -- "$tmp"; exit 1; fi`,
    ...(want
      ? [sh`sum=$(${`${want.algorithm}sum`} < "$tmp") && sum=\${sum%% *} && if [ "$sum" != ${want.hex} ]; then rm -f -- "$tmp"; echo "The checksum for "${args.dest}" did not match "${want.hex}"; it was $sum." >&2; exit 1; fi`]
      : []),
    'sha1=$(sha1sum < "$tmp") && printf \'%s %s\\n\' "$got" "${sha1%% *}"',
    sh`if ! { chmod -- ${attrs.mode} "$tmp"${raw(chown ? ` && ${chown}` : '')}; }; then rm -f -- "$tmp"; exit 1; fi`,
    sh`mv -f -- "$tmp" ${args.dest} || { rm -f -- "$tmp"; exit 1; }`,
  ];
  const change: Change = {
    summary: `${summary} (${describeAttributes(attrs)})`,
    command: lines.join('\n'),
    // What was downloaded is known once it is: later tasks read the file again (check mode cannot know it).
    effects: [{ touch: pathObject(args.dest) }],
    result: downloaded,
  };
  return { changes: [change], data: { dest: args.dest, url: args.url } };
}

/** Ansible's result of a download: status_code, size, the sha1 of the new file (checksum_src) and msg. */
function downloaded(out: CommandOutput): Record<string, unknown> {
  const [status, size, sha1] = out.stdout.trim().split(/\s+/);
  return { status_code: Number(status), checksum_src: sha1, msg: `OK (${size} bytes)` };
}
