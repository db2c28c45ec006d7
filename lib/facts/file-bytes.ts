// A file's exact bytes (base64 on the wire), for modules that take a file from the host to the
// controller (fetch): text facts would mangle binary files.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { CONTENT_LIMIT_BYTES } from './files.js';
import { pathObject } from './objects.js';

/** The bytes of a regular file (links followed), or why there are none. */
export type FileBytes = { kind: 'file'; bytes: Buffer } | { kind: 'missing' | 'directory' | 'other' | 'too large' };

/** Why: fetch compares the host's file with the controller's copy byte for byte, binary files too. */
export function fileBytes(path: string): FactSpec<FileBytes> {
  return {
    key: `bytes:${path}`,
    about: [pathObject(path)],
    command:
      sh`if [ -d ${path} ]; then echo directory; elif [ -f ${path} ]; then if [ "$(stat -L -c %s -- ${path})" -gt ${CONTENT_LIMIT_BYTES} ]; then echo 'too large'; ` +
      sh`else echo file && base64 < ${path}; fi; elif [ -e ${path} ]; then echo other; else echo missing; fi`,
    parse: (stdout, code) => parseFileBytes(path, stdout, code),
  };
}

/** Why: pure half of fileBytes: what the path is on the first line, then the base64 of the bytes. */
export function parseFileBytes(path: string, stdout: string, code: number): FileBytes {
  const newline = stdout.indexOf('\n');
  const head = newline === -1 ? stdout : stdout.slice(0, newline);
  if (code !== 0 || !['file', 'missing', 'directory', 'other', 'too large'].includes(head)) throw new BcError(`cannot read ${path} (exit code ${code})`, undefined, 'check that the file is readable; root-owned files need become: true');
  if (head === 'file') return { kind: 'file', bytes: Buffer.from(stdout.slice(newline + 1).replace(/\s+/g, ''), 'base64') };
  return { kind: head as 'missing' | 'directory' | 'other' | 'too large' };
}
