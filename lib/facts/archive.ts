// Whether an archive on the host is unpacked in a folder, told as Ansible's unarchive tells it:
// `tar --diff` of the archive against the folder (a zip is unpacked in a temp folder and its
// members compared the same way), with the archive's member list.
import { BcError } from '../errors.js';
import { sh } from '../shell/quote.js';
import type { FactSpec } from './fact.js';
import { pathObject } from './objects.js';

/** What unarchive needs to decide: the archive's kind and members, and what tar --diff says of dest. */
export type ArchiveState =
  | { problem: 'no-src' | 'empty-src' | 'no-dest' | 'unknown-format' }
  | { problem?: undefined; kind: 'tar' | 'zip'; members: string[]; diff: string[] };

const DIFF = 'LC_ALL=C tar --diff -C "$dest" -f';

/** Why: one round trip answers "can it be unpacked there, and is it already": a check mode that predicts. */
export function archiveState(src: string, dest: string): FactSpec<ArchiveState> {
  const zip = [
    'd=$(mktemp -d) || exit 1',
    'unzip -q -o "$src" -d "$d" >/dev/null 2>&1',
    `unzip -Z1 "$src" | tar --no-recursion -C "$d" -T - -cf - | ${DIFF} - 2>&1`,
    'rm -rf -- "$d"',
  ].join('; ');
  return {
    key: `archive:${src}:${dest}`,
    about: [pathObject(src), pathObject(dest, { subtree: true })],
    command:
      sh`src=${src}; dest=${dest}; ` +
      'if [ ! -e "$src" ]; then echo no-src; elif [ ! -s "$src" ]; then echo empty-src; elif [ ! -d "$dest" ]; then echo no-dest; ' +
      `elif unzip -Z1 "$src" >/dev/null 2>&1; then echo zip; unzip -Z1 "$src"; echo --diff; ${zip}; ` +
      `elif tar -tf "$src" >/dev/null 2>&1; then echo tar; tar -tf "$src"; echo --diff; ${DIFF} "$src" 2>&1; ` +
      'else echo unknown-format; fi; true',
    parse: (stdout, code) => parseArchiveState(src, stdout, code),
  };
}

/** Why: kept apart from the FactSpec so it is tested on captured outputs of tar and unzip. */
export function parseArchiveState(src: string, stdout: string, code: number): ArchiveState {
  const lines = stdout.split('\n').filter((l) => l !== '');
  const head = lines[0];
  if (code !== 0 || head === undefined) throw new BcError(`cannot read the archive ${src} (exit code ${code})`, undefined, 'check that it is readable; root-owned files need become: true');
  if (head === 'no-src' || head === 'empty-src' || head === 'no-dest' || head === 'unknown-format') return { problem: head };
  const at = lines.indexOf('--diff');
  return { kind: head === 'zip' ? 'zip' : 'tar', members: lines.slice(1, at), diff: lines.slice(at + 1) };
}
